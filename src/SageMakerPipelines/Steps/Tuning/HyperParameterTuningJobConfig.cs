using System.Text.Json.Serialization;

namespace MlPipeline.SageMakerPipelines;

/// <summary>How a tuning job searches.</summary>
public sealed record HyperParameterTuningJobConfig
{
    /// <summary>Bayesian, Random, Hyperband or Grid.</summary>
    [JsonPropertyName("Strategy")]
    public required string Strategy { get; init; }

    /// <summary>The metric to optimise.</summary>
    [JsonPropertyName("HyperParameterTuningJobObjective")]
    public required HyperParameterTuningJobObjective HyperParameterTuningJobObjective { get; init; }

    /// <summary>How many trials, and how many at once.</summary>
    [JsonPropertyName("ResourceLimits")]
    public required ResourceLimits ResourceLimits { get; init; }

    /// <summary>The hyperparameters searched.</summary>
    [JsonPropertyName("ParameterRanges")]
    public required ParameterRanges ParameterRanges { get; init; }

    /// <summary>Off or Auto.</summary>
    [JsonPropertyName("TrainingJobEarlyStoppingType")]
    public string? TrainingJobEarlyStoppingType { get; init; }
}
