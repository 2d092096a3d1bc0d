using System.Text.Json.Serialization;

namespace MlPipeline.SageMakerPipelines;

/// <summary>One output of a processing job.</summary>
public sealed record ProcessingOutput
{
    /// <summary>The output's name; later steps refer to it by this name.</summary>
    [JsonPropertyName("OutputName")]
    public required string OutputName { get; init; }

    /// <summary>Whether the application manages the output (false for S3 outputs).</summary>
    [JsonPropertyName("AppManaged")]
    public bool? AppManaged { get; init; }

    /// <summary>Where the output goes in S3 and where the script writes it.</summary>
    [JsonPropertyName("S3Output")]
    public required ProcessingS3Output S3Output { get; init; }
}
