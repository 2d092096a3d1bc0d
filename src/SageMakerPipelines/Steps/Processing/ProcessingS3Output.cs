using System.Text.Json.Serialization;

namespace MlPipeline.SageMakerPipelines;

/// <summary>An S3 output of a processing job.</summary>
public sealed record ProcessingS3Output
{
    /// <summary>The S3 prefix that receives the files.</summary>
    [JsonPropertyName("S3Uri")]
    public required PipelineValue<string> S3Uri { get; init; }

    /// <summary>Where the script writes them, under /opt/ml/processing.</summary>
    [JsonPropertyName("LocalPath")]
    public required string LocalPath { get; init; }

    /// <summary>EndOfJob or Continuous.</summary>
    [JsonPropertyName("S3UploadMode")]
    public required S3UploadMode S3UploadMode { get; init; }
}
