using System.Text.Json.Serialization;

namespace MlPipeline.SageMakerPipelines;

/// <summary>A channel's data in S3.</summary>
public sealed record S3DataSource
{
    /// <summary>Whether S3Uri is a prefix or a manifest.</summary>
    [JsonPropertyName("S3DataType")]
    public required S3DataType S3DataType { get; init; }

    /// <summary>The S3 prefix or manifest.</summary>
    [JsonPropertyName("S3Uri")]
    public required PipelineValue<string> S3Uri { get; init; }

    /// <summary>Whether every instance gets all data or a shard.</summary>
    [JsonPropertyName("S3DataDistributionType")]
    public S3DataDistributionType? S3DataDistributionType { get; init; }
}
