namespace MlPipeline.SageMakerPipelines.Tests.Conformance;

/// <summary>
/// What a case builds with our API: the pipeline, where in its definition the SDK's JSON sits (<see cref="Fragment"/>,
/// "" for the whole definition) and either how the local runner's run of it must go (<see cref="Run"/>) or why the
/// runner cannot run it (<see cref="NotRunnable"/>).
/// </summary>
internal sealed record Built(Pipeline Pipeline, string Fragment = "")
{
    public RunCheck? Run { get; init; }

    public string? NotRunnable { get; init; }
}

/// <summary>How a local run of a case must go.</summary>
internal sealed record RunCheck
{
    /// <summary>Parameter values of the run, as <c>--param</c> gives them.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>The status of every step, <c>NAME:STATUS</c>, in definition order (branches included).</summary>
    public required IReadOnlyList<string> Steps { get; init; }

    /// <summary>Text the run's failure must contain, when the run must fail.</summary>
    public string? FailureContains { get; init; }

    /// <summary>
    /// The values the <see cref="Stub.Probe"/> step received after the runner evaluated them, as regular expressions
    /// that must match each value whole (most are literal text; run ids and times are not known before the run).
    /// </summary>
    public IReadOnlyList<string>? Probe { get; init; }
}
