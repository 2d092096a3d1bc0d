using System.Text.Json.Serialization;

namespace MlPipeline.SageMakerPipelines;

/// <summary>A model-quality baseline: statistics and the constraints drawn from them.</summary>
public sealed record DriftCheckModelQuality
{
    /// <summary>The baseline statistics in S3.</summary>
    [JsonPropertyName("Statistics")]
    public MetricsSource? Statistics { get; init; }

    /// <summary>The baseline constraints in S3.</summary>
    [JsonPropertyName("Constraints")]
    public MetricsSource? Constraints { get; init; }
}
