using System.Text.Json.Serialization;

namespace MlPipeline.SageMakerPipelines;

/// <summary>When and how often SageMaker retries a failed step.</summary>
public sealed record RetryPolicy
{
    /// <summary>The failures it retries: <c>Step.SERVICE_FAULT</c>, <c>Step.THROTTLING</c>, <c>SageMaker.JOB_INTERNAL_ERROR</c>, <c>SageMaker.CAPACITY_ERROR</c>, <c>SageMaker.RESOURCE_LIMIT</c>.</summary>
    [JsonPropertyName("ExceptionType")]
    public required IReadOnlyList<string> ExceptionType { get; init; }

    /// <summary>Seconds before the first retry.</summary>
    [JsonPropertyName("IntervalSeconds")]
    public int? IntervalSeconds { get; init; }

    /// <summary>How much longer each wait is than the one before.</summary>
    [JsonPropertyName("BackoffRate")]
    public double? BackoffRate { get; init; }

    /// <summary>The most attempts.</summary>
    [JsonPropertyName("MaxAttempts")]
    public int? MaxAttempts { get; init; }

    /// <summary>Minutes after which retries stop.</summary>
    [JsonPropertyName("ExpireAfterMin")]
    public int? ExpireAfterMin { get; init; }
}
