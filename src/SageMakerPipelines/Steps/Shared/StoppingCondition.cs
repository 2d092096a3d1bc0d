using System.Text.Json.Serialization;

namespace MlPipeline.SageMakerPipelines;

/// <summary>When SageMaker stops a job.</summary>
public sealed record StoppingCondition
{
    /// <summary>The longest the job may run, in seconds.</summary>
    [JsonPropertyName("MaxRuntimeInSeconds")]
    public required PipelineValue<long> MaxRuntimeInSeconds { get; init; }
}
