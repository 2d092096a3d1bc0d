using System.Text.Json.Serialization;

namespace MlPipeline.SageMakerPipelines;

/// <summary>Where a training job writes its model artifact.</summary>
public sealed record OutputDataConfig
{
    /// <summary>The S3 prefix; the artifact is JOB/output/model.tar.gz under it.</summary>
    [JsonPropertyName("S3OutputPath")]
    public required PipelineValue<string> S3OutputPath { get; init; }

    /// <summary>The KMS key that encrypts the artifact.</summary>
    [JsonPropertyName("KmsKeyId")]
    public PipelineValue<string>? KmsKeyId { get; init; }
}
