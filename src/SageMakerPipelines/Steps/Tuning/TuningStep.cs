namespace MlPipeline.SageMakerPipelines;

/// <summary>A hyperparameter tuning job: many training jobs, searching for the best hyperparameters.</summary>
public sealed record TuningStep : JobStep
{
    /// <summary>The CreateHyperParameterTuningJob request.</summary>
    public required TuningJobArguments Arguments { get; init; }

    /// <summary>Reuse an earlier run with the same arguments.</summary>
    public CacheConfig? CacheConfig { get; init; }

    /// <inheritdoc />
    public override string StepType => "Tuning";

    internal override object ArgumentsObject => Arguments;

    /// <summary>The S3 URI of the model of the k-th best trial (0 is the best).</summary>
    /// <param name="rank">0 for the best trial, 1 for the next, …</param>
    /// <param name="outputPath">The training jobs' <see cref="OutputDataConfig.S3OutputPath"/>, without a trailing slash.</param>
    public JoinFunction TopModelArtifacts(int rank, PipelineValue outputPath) =>
        Functions.Join("/", outputPath, Property($"TrainingJobSummaries[{rank}].TrainingJobName", PipelineValueType.String), "output/model.tar.gz");
}
