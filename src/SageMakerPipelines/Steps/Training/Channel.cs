using System.Text.Json.Serialization;

namespace MlPipeline.SageMakerPipelines;

/// <summary>One data channel of a training job.</summary>
public sealed record Channel
{
    /// <summary>The channel's name: the script reads it from /opt/ml/input/data/NAME.</summary>
    [JsonPropertyName("ChannelName")]
    public required string ChannelName { get; init; }

    /// <summary>Where the data is.</summary>
    [JsonPropertyName("DataSource")]
    public required DataSource DataSource { get; init; }

    /// <summary>The MIME type of the data, such as text/csv.</summary>
    [JsonPropertyName("ContentType")]
    public PipelineValue<string>? ContentType { get; init; }

    /// <summary>Overrides the job's input mode for this channel.</summary>
    [JsonPropertyName("InputMode")]
    public TrainingInputMode? InputMode { get; init; }
}
