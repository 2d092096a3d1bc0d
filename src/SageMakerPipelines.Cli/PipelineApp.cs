using MlPipeline.SageMakerPipelines.Code;
using MlPipeline.SageMakerPipelines.Local;
using MlPipeline.SageMakerPipelines.Publishing;

namespace MlPipeline.SageMakerPipelines.Cli;

/// <summary>What a pipeline project tells its command line: the pipeline, its scripts and its local data.</summary>
public sealed record PipelineApp
{
    /// <summary>The pipeline.</summary>
    public required Pipeline Pipeline { get; init; }

    /// <summary>The objects the definition references by content key (scripts, code bundles): put in the local object store before a run, uploaded by <c>publish</c>.</summary>
    public IReadOnlyList<PipelineObject> Objects { get; init; } = [];

    /// <summary>The bucket <c>publish</c> puts the definition in.</summary>
    public string DefinitionBucket { get; init; } = "";

    /// <summary>The key prefix of the published definition.</summary>
    public string DefinitionPrefix { get; init; } = "";

    /// <summary>
    /// The code of the functions the infrastructure stack deploys (AWS Lambda), such as the one that serves an
    /// approved model: <c>bundle</c> writes each as NAME.zip, byte for byte the same for the same files.
    /// </summary>
    public IReadOnlyList<CodeBundle> Functions { get; init; } = [];

    /// <summary>Local files that stand for S3 objects in local runs (S3 URI → file), such as the sample data.</summary>
    public IReadOnlyDictionary<string, string> LocalData { get; init; } = new Dictionary<string, string>();

    /// <summary>The project folder, where <c>.mlpipeline/</c> lives; defaults to <see cref="FindProjectRoot()"/>.</summary>
    public string? ProjectRoot { get; init; }

    /// <summary>
    /// Where local runs, the object store, the step cache and the local registry live; null means <c>.mlpipeline/</c> in
    /// the project folder. The project's tests set a temporary folder, so <c>dotnet test</c> leaves the user's state alone.
    /// </summary>
    public string? StateFolder { get; init; }

    /// <summary>
    /// The String parameter that holds the S3 prefix of the pipeline's input data. <c>run --data PATH</c> copies the
    /// file or folder PATH into the local store and sets this parameter to it, so a run can use other data without
    /// an edit to the pipeline. Null: the pipeline has no such parameter and <c>--data</c> is refused.
    /// </summary>
    public string? DataParameter { get; init; }

    /// <summary>
    /// The pip requirements files (relative to the project folder) that give the steps' Python the container's
    /// library versions; <c>venv</c> installs them into the project's <c>.venv</c>.
    /// </summary>
    public IReadOnlyList<string> PythonRequirements { get; init; } = [];

    /// <summary>The environment variable that names the project folder, overriding the search.</summary>
    public const string ProjectRootVariable = "MLPIPELINE_PROJECT_ROOT";

    /// <summary>The project folder this app uses.</summary>
    public string ResolveProjectRoot() => ProjectRoot is null ? FindProjectRoot() : Path.GetFullPath(ProjectRoot);

    /// <summary>The options of a local run for this app: its project folder and state folder.</summary>
    internal LocalRunOptions LocalOptions()
    {
        var root = ResolveProjectRoot();
        return new() { ProjectRoot = root, StateFolder = StateFolder ?? Path.Combine(root, ".mlpipeline") };
    }

    /// <summary>
    /// The project folder: <see cref="ProjectRootVariable"/> if set; else the nearest folder with mlpipeline.yaml at or
    /// above the program's own folder (so <c>dotnet run --project PATH/src/NAME.Pipeline</c> finds PATH from anywhere);
    /// else the nearest at or above the current folder; else the current folder.
    /// </summary>
    public static string FindProjectRoot()
    {
        if (Environment.GetEnvironmentVariable(ProjectRootVariable) is { Length: > 0 } given)
        {
            return Path.GetFullPath(given);
        }

        return Search(AppContext.BaseDirectory) ?? Search(Environment.CurrentDirectory) ?? Path.GetFullPath(Environment.CurrentDirectory);
    }

    /// <summary>The nearest folder at or above <paramref name="start"/> with mlpipeline.yaml, else the start.</summary>
    /// <param name="start">Where to start looking.</param>
    public static string FindProjectRoot(string start) => Search(start) ?? Path.GetFullPath(start);

    private static string? Search(string start)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "mlpipeline.yaml")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
