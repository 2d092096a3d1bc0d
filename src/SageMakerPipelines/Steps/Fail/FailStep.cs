using System.Text.Json.Serialization;

namespace MlPipeline.SageMakerPipelines;

/// <summary>Stops the execution as failed, with a message.</summary>
public sealed record FailStep : Step
{
    /// <summary>Why the execution failed; none writes an empty message, as the SageMaker Python SDK does.</summary>
    public PipelineString? ErrorMessage { get; init; }

    /// <inheritdoc />
    public override string StepType => FailKind.Descriptor.TypeName;

    internal override object ArgumentsObject => new FailArguments(ErrorMessage ?? "");

    private sealed record FailArguments([property: JsonPropertyName("ErrorMessage")] PipelineString ErrorMessage);
}
