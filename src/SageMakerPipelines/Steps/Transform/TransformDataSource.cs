using System.Text.Json.Serialization;

namespace MlPipeline.SageMakerPipelines;

/// <summary>Where a transform job's data is.</summary>
public sealed record TransformDataSource
{
    /// <summary>The S3 location.</summary>
    [JsonPropertyName("S3DataSource")]
    public required TransformS3DataSource S3DataSource { get; init; }
}
