using System.Text.Json.Serialization;

namespace MlPipeline.SageMakerPipelines;

/// <summary>The metric a tuning job optimises.</summary>
public sealed record HyperParameterTuningJobObjective
{
    /// <summary>Maximize or Minimize.</summary>
    [JsonPropertyName("Type")]
    public required string Type { get; init; }

    /// <summary>A metric the training job defines.</summary>
    [JsonPropertyName("MetricName")]
    public required string MetricName { get; init; }
}
