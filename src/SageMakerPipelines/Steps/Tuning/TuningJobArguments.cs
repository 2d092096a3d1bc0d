using System.Text.Json.Serialization;

namespace MlPipeline.SageMakerPipelines;

/// <summary>The arguments of a tuning step: the CreateHyperParameterTuningJob request without the job name.</summary>
public sealed record TuningJobArguments
{
    /// <summary>The search: strategy, objective, limits and ranges.</summary>
    [JsonPropertyName("HyperParameterTuningJobConfig")]
    public required HyperParameterTuningJobConfig HyperParameterTuningJobConfig { get; init; }

    /// <summary>The training job each trial runs.</summary>
    [JsonPropertyName("TrainingJobDefinition")]
    public required HyperParameterTrainingJobDefinition TrainingJobDefinition { get; init; }

    /// <summary>Start from earlier tuning jobs.</summary>
    [JsonPropertyName("WarmStartConfig")]
    public WarmStartConfig? WarmStartConfig { get; init; }
}
