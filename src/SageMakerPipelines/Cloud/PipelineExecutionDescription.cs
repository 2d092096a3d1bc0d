using System.Text.Json.Serialization;

namespace MlPipeline.SageMakerPipelines.Cloud;

/// <summary>What DescribePipelineExecution answers (the members this project reads).</summary>
public sealed record PipelineExecutionDescription
{
    /// <summary>The pipeline's ARN.</summary>
    [JsonPropertyName("PipelineArn")]
    public string? PipelineArn { get; init; }

    /// <summary>The execution's ARN.</summary>
    [JsonPropertyName("PipelineExecutionArn")]
    public required string PipelineExecutionArn { get; init; }

    /// <summary>The display name.</summary>
    [JsonPropertyName("PipelineExecutionDisplayName")]
    public string? DisplayName { get; init; }

    /// <summary>Executing, Stopping, Stopped, Failed or Succeeded.</summary>
    [JsonPropertyName("PipelineExecutionStatus")]
    public required string Status { get; init; }

    /// <summary>Why it failed, when it did.</summary>
    [JsonPropertyName("FailureReason")]
    public string? FailureReason { get; init; }

    /// <summary>When it was created.</summary>
    [JsonPropertyName("CreationTime")]
    public DateTimeOffset? CreationTime { get; init; }

    /// <summary>When it last changed.</summary>
    [JsonPropertyName("LastModifiedTime")]
    public DateTimeOffset? LastModifiedTime { get; init; }

    /// <summary>Whether the status is final (Succeeded, Failed or Stopped).</summary>
    [JsonIgnore]
    public bool IsFinished => Status is "Succeeded" or "Failed" or "Stopped";
}
