using System.Text.Json.Serialization;

namespace MlPipeline.SageMakerPipelines;

/// <summary>Where a transform job writes its predictions.</summary>
public sealed record TransformOutput
{
    /// <summary>The S3 prefix.</summary>
    [JsonPropertyName("S3OutputPath")]
    public required PipelineValue<string> S3OutputPath { get; init; }

    /// <summary>The MIME type of the predictions.</summary>
    [JsonPropertyName("Accept")]
    public PipelineValue<string>? Accept { get; init; }

    /// <summary>None or Line.</summary>
    [JsonPropertyName("AssembleWith")]
    public string? AssembleWith { get; init; }

    /// <summary>The KMS key that encrypts the predictions.</summary>
    [JsonPropertyName("KmsKeyId")]
    public PipelineValue<string>? KmsKeyId { get; init; }
}
