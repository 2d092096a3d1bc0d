using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace MlPipeline.SageMakerPipelines.Cloud;

/// <summary>One step of an execution as ListPipelineExecutionSteps answers it.</summary>
public sealed record PipelineExecutionStep
{
    /// <summary>The step's name in the definition.</summary>
    [JsonPropertyName("StepName")]
    public required string StepName { get; init; }

    /// <summary>Starting, Executing, Stopping, Stopped, Failed or Succeeded.</summary>
    [JsonPropertyName("StepStatus")]
    public string? StepStatus { get; init; }

    /// <summary>When it started.</summary>
    [JsonPropertyName("StartTime")]
    public DateTimeOffset? StartTime { get; init; }

    /// <summary>When it ended.</summary>
    [JsonPropertyName("EndTime")]
    public DateTimeOffset? EndTime { get; init; }

    /// <summary>Why it failed, when it did.</summary>
    [JsonPropertyName("FailureReason")]
    public string? FailureReason { get; init; }

    /// <summary>How many times it was attempted (retry policies).</summary>
    [JsonPropertyName("AttemptCount")]
    public int? AttemptCount { get; init; }

    /// <summary>Set when the step cache served the step.</summary>
    [JsonPropertyName("CacheHitResult")]
    public CacheHitResult? CacheHitResult { get; init; }

    /// <summary>The jobs and resources the step made (TrainingJob, ProcessingJob, RegisterModel…), as SageMaker gives them.</summary>
    [JsonPropertyName("Metadata")]
    public JsonObject? Metadata { get; init; }
}
