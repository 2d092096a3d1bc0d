using System.Text.Json.Serialization;

namespace MlPipeline.SageMakerPipelines;

/// <summary>
/// A data-quality baseline drift checks compare with: the statistics and constraints of the training data, in the
/// files SageMaker Model Monitor reads (statistics.json, constraints.json).
/// </summary>
public sealed record DriftCheckModelDataQuality
{
    /// <summary>The baseline statistics in S3.</summary>
    [JsonPropertyName("Statistics")]
    public MetricsSource? Statistics { get; init; }

    /// <summary>The baseline constraints in S3.</summary>
    [JsonPropertyName("Constraints")]
    public MetricsSource? Constraints { get; init; }
}
