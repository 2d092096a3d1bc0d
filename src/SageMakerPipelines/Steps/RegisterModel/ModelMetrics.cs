using System.Text.Json.Serialization;

namespace MlPipeline.SageMakerPipelines;

/// <summary>Reports of a model's quality.</summary>
public sealed record ModelMetrics
{
    /// <summary>The model-quality report.</summary>
    [JsonPropertyName("ModelQuality")]
    public ModelQuality? ModelQuality { get; init; }

    /// <summary>The data-quality report: statistics and constraints of the training data.</summary>
    [JsonPropertyName("ModelDataQuality")]
    public ModelDataQuality? ModelDataQuality { get; init; }
}
