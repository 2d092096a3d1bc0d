using System.Text.Json.Serialization;

namespace MlPipeline.SageMakerPipelines;

/// <summary>A metric read from a training job's log.</summary>
public sealed record MetricDefinition
{
    /// <summary>The metric's name.</summary>
    [JsonPropertyName("Name")]
    public required string Name { get; init; }

    /// <summary>The regular expression whose first group is the value.</summary>
    [JsonPropertyName("Regex")]
    public required string Regex { get; init; }
}
