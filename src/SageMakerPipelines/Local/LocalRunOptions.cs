namespace MlPipeline.SageMakerPipelines.Local;

/// <summary>How to run a pipeline on this machine.</summary>
public sealed record LocalRunOptions
{
    /// <summary>The project folder; runs, the object store, the cache and the registry live in its <c>.mlpipeline/</c>.</summary>
    public required string ProjectRoot { get; init; }

    /// <summary>The Python interpreter; null picks MLPIPELINE_PYTHON, then the project's .venv, then python3.</summary>
    public string? Python { get; init; }

    /// <summary>Parameter values for this run, as text (<c>--param Name=Value</c>); checked against the parameter types.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Processing entrypoints that may run although they are not Python (such as <c>bash</c>); by default the runner
    /// runs only the configured Python on a script from the step's own code input.
    /// </summary>
    public IReadOnlyCollection<string> AllowedEntrypoints { get; init; } = [];

    /// <summary>Run every step even when the cache has a result for it.</summary>
    public bool NoCache { get; init; }

    /// <summary>
    /// Refuse to run when the interpreter's Python or library versions differ from the SageMaker containers the
    /// steps run in (<c>--strict-versions</c>); otherwise the run goes on and lists the differences.
    /// </summary>
    public bool StrictVersions { get; init; }

    /// <summary>What the step cache keys a step on: its arguments, as SageMaker does (the default), or its input content too.</summary>
    public StepCacheKey CacheKey { get; init; } = StepCacheKey.SageMaker;

    /// <summary>The most steps that run at once; defaults to the number of cores.</summary>
    public int MaxParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Receives every status change of every step.</summary>
    public IProgress<LocalRunEvent>? Progress { get; init; }

    /// <summary>
    /// The folder that holds everything local runs keep (runs, object store, cache, registry); by default
    /// <c>.mlpipeline/</c> under <see cref="ProjectRoot"/>. Tests give a temporary one so that they never add runs or
    /// model versions to the user's own.
    /// </summary>
    public string StateFolder
    {
        get => field ?? Path.Combine(ProjectRoot, ".mlpipeline");
        init => field = Path.GetFullPath(value);
    }

    /// <summary>Receives one line before the first step starts: the interpreter the run uses, its version and why it was chosen.</summary>
    public Action<string>? Announce { get; init; }

    /// <summary>The interpreter this run uses, by the documented order of choice.</summary>
    public string ResolvePython() => ChoosePython().Path;

    /// <summary>The interpreter this run uses and the rule that chose it: --python, MLPIPELINE_PYTHON, the project's .venv, else python3.</summary>
    public (string Path, string Source) ChoosePython()
    {
        if (!string.IsNullOrEmpty(Python))
        {
            return (Python, "--python");
        }

        if (Environment.GetEnvironmentVariable("MLPIPELINE_PYTHON") is { Length: > 0 } fromEnvironment)
        {
            return (fromEnvironment, "MLPIPELINE_PYTHON");
        }

        var venv = Path.Combine(ProjectRoot, ".venv", "bin", "python");
        return File.Exists(venv) ? (venv, "the project's .venv") : ("python3", "python3 on PATH; set MLPIPELINE_PYTHON or make .venv to choose another");
    }
}
