namespace MlPipeline.SageMakerPipelines;

/// <summary>Creates a SageMaker model from a model artifact and an inference image (step type <c>Model</c>).</summary>
public sealed record CreateModelStep : JobStep
{
    /// <summary>The CreateModel request.</summary>
    public required CreateModelArguments Arguments { get; init; }

    /// <inheritdoc />
    public override string StepType => ModelKind.Descriptor.TypeName;

    internal override object ArgumentsObject => Arguments;

    /// <summary>The created model's name, for a transform step.</summary>
    public PropertyReference ModelName => Property("ModelName", PipelineValueType.String);
}
