using System.Text.Json.Serialization;

namespace MlPipeline.SageMakerPipelines;

/// <summary>The instances a processing job runs on.</summary>
public sealed record ProcessingResources
{
    /// <summary>Instance type, count and volume.</summary>
    [JsonPropertyName("ClusterConfig")]
    public required ProcessingClusterConfig ClusterConfig { get; init; }
}
