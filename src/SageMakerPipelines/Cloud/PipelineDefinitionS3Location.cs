using System.Text.Json.Serialization;

namespace MlPipeline.SageMakerPipelines.Cloud;

/// <summary>Where a definition larger than CreatePipeline's inline limit lies in S3 (the API's PipelineDefinitionS3Location).</summary>
/// <param name="Bucket">The bucket.</param>
/// <param name="ObjectKey">The key of the definition JSON.</param>
public sealed record PipelineDefinitionS3Location(
    [property: JsonPropertyName("Bucket")] string Bucket,
    [property: JsonPropertyName("ObjectKey")] string ObjectKey)
{
    /// <summary>The object version, for a versioned bucket; null for the newest.</summary>
    [JsonPropertyName("VersionId")]
    public string? VersionId { get; init; }
}
