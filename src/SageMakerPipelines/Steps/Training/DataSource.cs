using System.Text.Json.Serialization;

namespace MlPipeline.SageMakerPipelines;

/// <summary>Where a channel's data is.</summary>
public sealed record DataSource
{
    /// <summary>The S3 location.</summary>
    [JsonPropertyName("S3DataSource")]
    public required S3DataSource S3DataSource { get; init; }
}
