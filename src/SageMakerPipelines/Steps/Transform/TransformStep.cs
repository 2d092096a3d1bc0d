namespace MlPipeline.SageMakerPipelines;

/// <summary>A batch transform job: predictions for a data set.</summary>
public sealed record TransformStep : JobStep
{
    /// <summary>The CreateTransformJob request.</summary>
    public required TransformJobArguments Arguments { get; init; }

    /// <summary>Reuse an earlier run with the same arguments.</summary>
    public CacheConfig? CacheConfig { get; init; }

    /// <inheritdoc />
    public override string StepType => TransformKind.Descriptor.TypeName;

    internal override object ArgumentsObject => Arguments;

    /// <summary>The S3 prefix that holds the predictions.</summary>
    public PropertyReference OutputS3Path => Property("TransformOutput.S3OutputPath", PipelineValueType.String);
}
