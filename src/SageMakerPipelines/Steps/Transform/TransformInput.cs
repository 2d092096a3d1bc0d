using System.Text.Json.Serialization;

namespace MlPipeline.SageMakerPipelines;

/// <summary>The data a transform job predicts on.</summary>
public sealed record TransformInput
{
    /// <summary>Where it is.</summary>
    [JsonPropertyName("DataSource")]
    public required TransformDataSource DataSource { get; init; }

    /// <summary>Its MIME type.</summary>
    [JsonPropertyName("ContentType")]
    public PipelineValue<string>? ContentType { get; init; }

    /// <summary>How records are split: None, Line, RecordIO or TFRecord.</summary>
    [JsonPropertyName("SplitType")]
    public string? SplitType { get; init; }
}
