namespace MlPipeline.SageMakerPipelines;

/// <summary>A hyperparameter tuning job: many training jobs, searching for the best hyperparameters.</summary>
public sealed record TuningStep : JobStep
{
    /// <summary>The CreateHyperParameterTuningJob request.</summary>
    public required TuningJobArguments Arguments { get; init; }

    /// <summary>Reuse an earlier run with the same arguments.</summary>
    public CacheConfig? CacheConfig { get; init; }

    /// <inheritdoc />
    public override string StepType => TuningKind.Descriptor.TypeName;

    internal override object ArgumentsObject => Arguments;

    /// <summary>The S3 URI of the model of the k-th best trial (0 is the best).</summary>
    /// <param name="rank">0 for the best trial, 1 for the next, …</param>
    /// <param name="outputPath">The training jobs' <see cref="OutputDataConfig.S3OutputPath"/>, without a trailing slash.</param>
    public JoinFunction TopModelArtifacts(int rank, PipelineValue outputPath) =>
        Functions.Join("/", outputPath, TrialJobName(rank), "output/model.tar.gz");

    /// <summary>The S3 URI of the model of the k-th best trial when the training jobs write to <c>s3://BUCKET/PREFIX</c>, as the SageMaker Python SDK writes it.</summary>
    /// <param name="rank">0 for the best trial, 1 for the next, …</param>
    /// <param name="bucket">The bucket of the training jobs' output path.</param>
    /// <param name="prefix">The key prefix of the output path, without slashes at the ends; empty for none.</param>
    public JoinFunction TopModelArtifacts(int rank, string bucket, string prefix) =>
        Functions.Join("/", [.. new PipelineValue[] { "s3:/", bucket }, .. prefix.Length == 0 ? [] : new PipelineValue[] { prefix }, TrialJobName(rank), "output/model.tar.gz"]);

    private PropertyReference TrialJobName(int rank) => Property($"TrainingJobSummaries[{rank}].TrainingJobName", PipelineValueType.String);
}
