using System.Text.Json.Serialization;

namespace MlPipeline.SageMakerPipelines;

/// <summary>How a model package is served.</summary>
public sealed record InferenceSpecification
{
    /// <summary>The inference containers.</summary>
    [JsonPropertyName("Containers")]
    public required IReadOnlyList<ModelPackageContainerDefinition> Containers { get; init; }

    /// <summary>The request MIME types.</summary>
    [JsonPropertyName("SupportedContentTypes")]
    public IReadOnlyList<string>? SupportedContentTypes { get; init; }

    /// <summary>The response MIME types.</summary>
    [JsonPropertyName("SupportedResponseMIMETypes")]
    public IReadOnlyList<string>? SupportedResponseMIMETypes { get; init; }

    /// <summary>Instance types for endpoints.</summary>
    [JsonPropertyName("SupportedRealtimeInferenceInstanceTypes")]
    public IReadOnlyList<string>? SupportedRealtimeInferenceInstanceTypes { get; init; }

    /// <summary>Instance types for batch transform.</summary>
    [JsonPropertyName("SupportedTransformInstanceTypes")]
    public IReadOnlyList<string>? SupportedTransformInstanceTypes { get; init; }
}
