using MlPipeline.SageMakerPipelines.Code;

namespace MlPipeline.SageMakerPipelines.Cli;

/// <summary>What a pipeline project tells its command line: the pipeline, its scripts and its local data.</summary>
public sealed record PipelineApp
{
    /// <summary>The pipeline.</summary>
    public required Pipeline Pipeline { get; init; }

    /// <summary>The scripts the definition references by content key (<see cref="CodeAsset.S3Uri"/> with <see cref="CodeBucket"/> and <see cref="CodePrefix"/>), put in the object store before a run or a publish.</summary>
    public IReadOnlyList<CodeAsset> Code { get; init; } = [];

    /// <summary>The bucket the definition references the scripts in; <c>publish</c> uploads there.</summary>
    public string CodeBucket { get; init; } = "";

    /// <summary>The key prefix of the scripts and the published definition.</summary>
    public string CodePrefix { get; init; } = "";

    /// <summary>Local files that stand for S3 objects in local runs (S3 URI → file), such as the sample data.</summary>
    public IReadOnlyDictionary<string, string> LocalData { get; init; } = new Dictionary<string, string>();

    /// <summary>The project folder, where <c>.mlpipeline/</c> lives; defaults to the nearest folder up from here with mlpipeline.yaml.</summary>
    public string? ProjectRoot { get; init; }

    /// <summary>The project folder this app uses.</summary>
    public string ResolveProjectRoot()
    {
        if (ProjectRoot is not null)
        {
            return Path.GetFullPath(ProjectRoot);
        }

        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "mlpipeline.yaml")))
            {
                return dir.FullName;
            }
        }

        return Environment.CurrentDirectory;
    }
}
