using System.Text.Json.Serialization;

namespace MlPipeline.SageMakerPipelines;

/// <summary>The outputs of a processing job.</summary>
public sealed record ProcessingOutputConfig
{
    /// <summary>The outputs.</summary>
    [JsonPropertyName("Outputs")]
    public required IReadOnlyList<ProcessingOutput> Outputs { get; init; }

    /// <summary>The KMS key that encrypts the outputs.</summary>
    [JsonPropertyName("KmsKeyId")]
    public PipelineValue<string>? KmsKeyId { get; init; }
}
