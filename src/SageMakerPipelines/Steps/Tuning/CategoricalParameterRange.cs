using System.Text.Json.Serialization;

namespace MlPipeline.SageMakerPipelines;

/// <summary>A hyperparameter chosen from a list.</summary>
public sealed record CategoricalParameterRange
{
    /// <summary>The hyperparameter.</summary>
    [JsonPropertyName("Name")]
    public required string Name { get; init; }

    /// <summary>The values to try.</summary>
    [JsonPropertyName("Values")]
    public required IReadOnlyList<PipelineString> Values { get; init; }
}
