using System.Text.Json.Serialization;

namespace MlPipeline.SageMakerPipelines;

/// <summary>An S3 input of a processing job.</summary>
public sealed record ProcessingS3Input
{
    /// <summary>The S3 object or prefix.</summary>
    [JsonPropertyName("S3Uri")]
    public required PipelineValue<string> S3Uri { get; init; }

    /// <summary>Where it lands in the container, under /opt/ml/processing.</summary>
    [JsonPropertyName("LocalPath")]
    public required string LocalPath { get; init; }

    /// <summary>Whether S3Uri is a prefix or a manifest.</summary>
    [JsonPropertyName("S3DataType")]
    public required S3DataType S3DataType { get; init; }

    /// <summary>File (download first) or Pipe (stream).</summary>
    [JsonPropertyName("S3InputMode")]
    public required S3InputMode S3InputMode { get; init; }

    /// <summary>Whether every instance gets all data or a shard.</summary>
    [JsonPropertyName("S3DataDistributionType")]
    public S3DataDistributionType? S3DataDistributionType { get; init; }

    /// <summary>Whether the data is gzip-compressed (Pipe mode only).</summary>
    [JsonPropertyName("S3CompressionType")]
    public S3CompressionType? S3CompressionType { get; init; }
}
