using System.Text.Json.Serialization;

namespace MlPipeline.SageMakerPipelines;

/// <summary>A model-quality report.</summary>
public sealed record ModelQuality
{
    /// <summary>The report in S3.</summary>
    [JsonPropertyName("Statistics")]
    public required MetricsSource Statistics { get; init; }
}
