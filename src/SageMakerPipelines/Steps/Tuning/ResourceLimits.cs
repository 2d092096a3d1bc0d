using System.Text.Json.Serialization;

namespace MlPipeline.SageMakerPipelines;

/// <summary>How many trials a tuning job runs.</summary>
public sealed record ResourceLimits
{
    /// <summary>The most trials in all.</summary>
    [JsonPropertyName("MaxNumberOfTrainingJobs")]
    public required PipelineValue<long> MaxNumberOfTrainingJobs { get; init; }

    /// <summary>The most trials at once.</summary>
    [JsonPropertyName("MaxParallelTrainingJobs")]
    public required PipelineValue<long> MaxParallelTrainingJobs { get; init; }
}
