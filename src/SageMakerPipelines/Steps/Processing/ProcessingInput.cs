using System.Text.Json.Serialization;

namespace MlPipeline.SageMakerPipelines;

/// <summary>One input of a processing job.</summary>
public sealed record ProcessingInput
{
    /// <summary>The input's name, unique in the job.</summary>
    [JsonPropertyName("InputName")]
    public required string InputName { get; init; }

    /// <summary>Whether the application manages the input (false for S3 inputs).</summary>
    [JsonPropertyName("AppManaged")]
    public bool? AppManaged { get; init; }

    /// <summary>Where the input comes from in S3 and where it lands in the container.</summary>
    [JsonPropertyName("S3Input")]
    public required ProcessingS3Input S3Input { get; init; }
}
