using System.Text.Json.Serialization;

namespace MlPipeline.SageMakerPipelines;

/// <summary>Step caching: an execution reuses an earlier run of the step with the same arguments.</summary>
public sealed record CacheConfig
{
    /// <summary>Whether caching is on.</summary>
    [JsonPropertyName("Enabled")]
    public bool Enabled { get; init; } = true;

    /// <summary>How long a cached run may be reused, as an ISO 8601 duration such as <c>P30D</c>.</summary>
    [JsonPropertyName("ExpireAfter")]
    public string? ExpireAfter { get; init; }
}
