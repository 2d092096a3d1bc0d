using System.Text.Json.Serialization;

namespace MlPipeline.SageMakerPipelines;

/// <summary>The arguments of a processing step: the CreateProcessingJob request without the job name, which SageMaker sets.</summary>
public sealed record ProcessingJobArguments
{
    /// <summary>The instances the job runs on.</summary>
    [JsonPropertyName("ProcessingResources")]
    public required ProcessingResources ProcessingResources { get; init; }

    /// <summary>The container image, entrypoint and arguments.</summary>
    [JsonPropertyName("AppSpecification")]
    public required AppSpecification AppSpecification { get; init; }

    /// <summary>The IAM role the job runs as.</summary>
    [JsonPropertyName("RoleArn")]
    public required PipelineValue<string> RoleArn { get; init; }

    /// <summary>What is downloaded into the container before the script starts.</summary>
    [JsonPropertyName("ProcessingInputs")]
    public IReadOnlyList<ProcessingInput>? ProcessingInputs { get; init; }

    /// <summary>What is uploaded from the container when the script ends.</summary>
    [JsonPropertyName("ProcessingOutputConfig")]
    public ProcessingOutputConfig? ProcessingOutputConfig { get; init; }

    /// <summary>Environment variables of the container.</summary>
    [JsonPropertyName("Environment")]
    public IReadOnlyDictionary<string, PipelineString>? Environment { get; init; }

    /// <summary>When SageMaker stops the job.</summary>
    [JsonPropertyName("StoppingCondition")]
    public StoppingCondition? StoppingCondition { get; init; }
}
