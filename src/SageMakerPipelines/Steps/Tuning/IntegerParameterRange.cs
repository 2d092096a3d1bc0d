using System.Text.Json.Serialization;

namespace MlPipeline.SageMakerPipelines;

/// <summary>A whole-number hyperparameter range.</summary>
public sealed record IntegerParameterRange
{
    /// <summary>The hyperparameter.</summary>
    [JsonPropertyName("Name")]
    public required string Name { get; init; }

    /// <summary>The lowest value.</summary>
    [JsonPropertyName("MinValue")]
    public required PipelineString MinValue { get; init; }

    /// <summary>The highest value.</summary>
    [JsonPropertyName("MaxValue")]
    public required PipelineString MaxValue { get; init; }

    /// <summary>Auto, Linear, Logarithmic or ReverseLogarithmic.</summary>
    [JsonPropertyName("ScalingType")]
    public string? ScalingType { get; init; }
}
