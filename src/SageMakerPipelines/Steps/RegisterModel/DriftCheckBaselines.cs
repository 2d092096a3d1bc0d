using System.Text.Json.Serialization;

namespace MlPipeline.SageMakerPipelines;

/// <summary>The baselines later checks compare a model version's quality with (drift detection).</summary>
public sealed record DriftCheckBaselines
{
    /// <summary>The model-quality baseline.</summary>
    [JsonPropertyName("ModelQuality")]
    public DriftCheckModelQuality? ModelQuality { get; init; }

    /// <summary>The data-quality baseline: what a data-quality monitoring schedule compares captured requests with.</summary>
    [JsonPropertyName("ModelDataQuality")]
    public DriftCheckModelDataQuality? ModelDataQuality { get; init; }
}
