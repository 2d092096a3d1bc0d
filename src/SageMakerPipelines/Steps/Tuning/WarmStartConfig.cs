using System.Text.Json.Serialization;

namespace MlPipeline.SageMakerPipelines;

/// <summary>Starts a tuning job from what earlier tuning jobs learned.</summary>
public sealed record WarmStartConfig
{
    /// <summary>IdenticalDataAndAlgorithm (same data and image) or TransferLearning.</summary>
    [JsonPropertyName("WarmStartType")]
    public required string WarmStartType { get; init; }

    /// <summary>The earlier tuning jobs (at most 5).</summary>
    [JsonPropertyName("ParentHyperParameterTuningJobs")]
    public required IReadOnlyList<ParentHyperParameterTuningJob> ParentHyperParameterTuningJobs { get; init; }
}
