using System.Text.Json.Serialization;

namespace MlPipeline.SageMakerPipelines;

/// <summary>The training job every trial of a tuning job runs.</summary>
public sealed record HyperParameterTrainingJobDefinition
{
    /// <summary>The training image and input mode.</summary>
    [JsonPropertyName("AlgorithmSpecification")]
    public required AlgorithmSpecification AlgorithmSpecification { get; init; }

    /// <summary>The IAM role the trials run as.</summary>
    [JsonPropertyName("RoleArn")]
    public required PipelineValue<string> RoleArn { get; init; }

    /// <summary>The data channels.</summary>
    [JsonPropertyName("InputDataConfig")]
    public IReadOnlyList<Channel>? InputDataConfig { get; init; }

    /// <summary>Where model artifacts go.</summary>
    [JsonPropertyName("OutputDataConfig")]
    public required OutputDataConfig OutputDataConfig { get; init; }

    /// <summary>The instances each trial runs on.</summary>
    [JsonPropertyName("ResourceConfig")]
    public required ResourceConfig ResourceConfig { get; init; }

    /// <summary>When SageMaker stops a trial.</summary>
    [JsonPropertyName("StoppingCondition")]
    public required StoppingCondition StoppingCondition { get; init; }

    /// <summary>Whether to train on spot instances (cheaper, may be interrupted); a boolean or a Boolean parameter.</summary>
    [JsonPropertyName("EnableManagedSpotTraining")]
    public PipelineValue<bool>? EnableManagedSpotTraining { get; init; }

    /// <summary>Hyperparameters that stay the same in every trial.</summary>
    [JsonPropertyName("StaticHyperParameters")]
    public IReadOnlyDictionary<string, PipelineString>? StaticHyperParameters { get; init; }
}
