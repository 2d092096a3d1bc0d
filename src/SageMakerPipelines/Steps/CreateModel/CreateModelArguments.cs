using System.Text.Json.Serialization;

namespace MlPipeline.SageMakerPipelines;

/// <summary>The arguments of a create-model step: the CreateModel request without the model name.</summary>
public sealed record CreateModelArguments
{
    /// <summary>The IAM role the model runs as.</summary>
    [JsonPropertyName("ExecutionRoleArn")]
    public required PipelineValue<string> ExecutionRoleArn { get; init; }

    /// <summary>The inference container.</summary>
    [JsonPropertyName("PrimaryContainer")]
    public required ContainerDefinition PrimaryContainer { get; init; }
}
