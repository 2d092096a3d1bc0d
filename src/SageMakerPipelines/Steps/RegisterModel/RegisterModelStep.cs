namespace MlPipeline.SageMakerPipelines;

/// <summary>Registers a new model package version in a model package group.</summary>
public sealed record RegisterModelStep : JobStep
{
    /// <summary>The CreateModelPackage request.</summary>
    public required CreateModelPackageArguments Arguments { get; init; }

    /// <inheritdoc />
    public override string StepType => RegisterModelKind.Descriptor.TypeName;

    internal override object ArgumentsObject => Arguments;

    /// <summary>The new model package version's ARN.</summary>
    public PropertyReference ModelPackageArn => Property("ModelPackageArn", PipelineValueType.String);
}
