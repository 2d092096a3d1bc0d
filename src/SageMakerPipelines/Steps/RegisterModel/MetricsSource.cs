using System.Text.Json.Serialization;

namespace MlPipeline.SageMakerPipelines;

/// <summary>A report in S3.</summary>
public sealed record MetricsSource
{
    /// <summary>Its MIME type, such as application/json.</summary>
    [JsonPropertyName("ContentType")]
    public required string ContentType { get; init; }

    /// <summary>Where it is.</summary>
    [JsonPropertyName("S3Uri")]
    public required PipelineValue<string> S3Uri { get; init; }
}
