using System.Text.Json.Serialization;

namespace MlPipeline.SageMakerPipelines;

/// <summary>
/// The data-quality report of a model version: the statistics and constraints of the data it was trained on, in the
/// files SageMaker Model Monitor reads (statistics.json, constraints.json).
/// </summary>
public sealed record ModelDataQuality
{
    /// <summary>The statistics in S3.</summary>
    [JsonPropertyName("Statistics")]
    public MetricsSource? Statistics { get; init; }

    /// <summary>The constraints in S3.</summary>
    [JsonPropertyName("Constraints")]
    public MetricsSource? Constraints { get; init; }
}
