using System.Text.Json.Serialization;

namespace MlPipeline.SageMakerPipelines;

/// <summary>An inference container.</summary>
public sealed record ContainerDefinition
{
    /// <summary>The container image.</summary>
    [JsonPropertyName("Image")]
    public required PipelineValue<string> Image { get; init; }

    /// <summary>The model artifact (model.tar.gz) in S3.</summary>
    [JsonPropertyName("ModelDataUrl")]
    public PipelineValue<string>? ModelDataUrl { get; init; }

    /// <summary>Environment variables of the container.</summary>
    [JsonPropertyName("Environment")]
    public IReadOnlyDictionary<string, PipelineString>? Environment { get; init; }
}
