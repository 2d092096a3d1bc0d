namespace MlPipeline.SageMakerPipelines;

/// <summary>
/// A training channel, the Python SDK's <c>TrainingInput</c>: the S3 prefix <see cref="S3Uri"/> downloaded to
/// <c>/opt/ml/input/data/CHANNEL</c> (<c>SM_CHANNEL_CHANNEL</c> in the container). Becomes a <see cref="Channel"/>.
/// </summary>
/// <param name="ChannelName">The channel's name.</param>
/// <param name="S3Uri">The S3 prefix: a literal, a parameter, another step's output.</param>
public sealed record TrainingInput(string ChannelName, PipelineValue<string> S3Uri)
{
    /// <summary>The MIME type of the data; null for none.</summary>
    public ContentType? ContentType { get; init; }

    /// <summary>Whether <see cref="S3Uri"/> is a prefix or a manifest; a prefix unless set.</summary>
    public S3DataType S3DataType { get; init; } = S3DataType.S3Prefix;

    /// <summary>How the data is spread over instances; every instance gets all of it unless set.</summary>
    public S3DataDistributionType S3DataDistributionType { get; init; } = S3DataDistributionType.FullyReplicated;

    /// <summary>File or Pipe mode for this channel; null for the job's.</summary>
    public TrainingInputMode? InputMode { get; init; }

    /// <summary>The channel record.</summary>
    public Channel ToChannel() => new()
    {
        ChannelName = ChannelName,
        DataSource = new DataSource { S3DataSource = new S3DataSource { S3DataType = S3DataType, S3Uri = S3Uri, S3DataDistributionType = S3DataDistributionType } },
        ContentType = ContentType is { } type ? new PipelineValue<string>?(type) : null,
        InputMode = InputMode,
    };
}
