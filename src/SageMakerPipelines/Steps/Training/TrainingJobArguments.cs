using System.Text.Json.Serialization;

namespace MlPipeline.SageMakerPipelines;

/// <summary>The arguments of a training step: the CreateTrainingJob request without the job name, which SageMaker sets.</summary>
public sealed record TrainingJobArguments
{
    /// <summary>The training image and input mode.</summary>
    [JsonPropertyName("AlgorithmSpecification")]
    public required AlgorithmSpecification AlgorithmSpecification { get; init; }

    /// <summary>The IAM role the job runs as.</summary>
    [JsonPropertyName("RoleArn")]
    public required PipelineValue<string> RoleArn { get; init; }

    /// <summary>The data channels, such as train and validation.</summary>
    [JsonPropertyName("InputDataConfig")]
    public IReadOnlyList<Channel>? InputDataConfig { get; init; }

    /// <summary>Where the model artifact goes.</summary>
    [JsonPropertyName("OutputDataConfig")]
    public required OutputDataConfig OutputDataConfig { get; init; }

    /// <summary>The instances the job runs on.</summary>
    [JsonPropertyName("ResourceConfig")]
    public required ResourceConfig ResourceConfig { get; init; }

    /// <summary>When SageMaker stops the job.</summary>
    [JsonPropertyName("StoppingCondition")]
    public required StoppingCondition StoppingCondition { get; init; }

    /// <summary>The hyperparameters, as strings (each at most 2500 characters).</summary>
    [JsonPropertyName("HyperParameters")]
    public IReadOnlyDictionary<string, PipelineString>? HyperParameters { get; init; }

    /// <summary>Whether to train on spot instances (cheaper, may be interrupted); a boolean or a Boolean parameter.</summary>
    [JsonPropertyName("EnableManagedSpotTraining")]
    public PipelineValue<bool>? EnableManagedSpotTraining { get; init; }

    /// <summary>Environment variables of the container.</summary>
    [JsonPropertyName("Environment")]
    public IReadOnlyDictionary<string, PipelineString>? Environment { get; init; }
}
