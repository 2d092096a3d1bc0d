using System.Text.Json.Serialization;

namespace MlPipeline.SageMakerPipelines;

/// <summary>The training container and how it reads its data.</summary>
public sealed record AlgorithmSpecification
{
    /// <summary>The container image.</summary>
    [JsonPropertyName("TrainingImage")]
    public required PipelineValue<string> TrainingImage { get; init; }

    /// <summary>File, Pipe or FastFile.</summary>
    [JsonPropertyName("TrainingInputMode")]
    public required TrainingInputMode TrainingInputMode { get; init; }

    /// <summary>Metrics read from the job's log with regular expressions.</summary>
    [JsonPropertyName("MetricDefinitions")]
    public IReadOnlyList<MetricDefinition>? MetricDefinitions { get; init; }
}
