using System.Text.Json.Serialization;

namespace MlPipeline.SageMakerPipelines;

/// <summary>The hyperparameters a tuning job searches.</summary>
public sealed record ParameterRanges
{
    /// <summary>Whole-number ranges.</summary>
    [JsonPropertyName("IntegerParameterRanges")]
    public IReadOnlyList<IntegerParameterRange>? IntegerParameterRanges { get; init; }

    /// <summary>Real-number ranges.</summary>
    [JsonPropertyName("ContinuousParameterRanges")]
    public IReadOnlyList<ContinuousParameterRange>? ContinuousParameterRanges { get; init; }

    /// <summary>Lists of values.</summary>
    [JsonPropertyName("CategoricalParameterRanges")]
    public IReadOnlyList<CategoricalParameterRange>? CategoricalParameterRanges { get; init; }
}
