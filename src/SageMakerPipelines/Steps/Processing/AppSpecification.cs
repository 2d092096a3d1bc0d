using System.Text.Json.Serialization;

namespace MlPipeline.SageMakerPipelines;

/// <summary>The container a processing job runs.</summary>
public sealed record AppSpecification
{
    /// <summary>The container image.</summary>
    [JsonPropertyName("ImageUri")]
    public required PipelineValue<string> ImageUri { get; init; }

    /// <summary>The entrypoint, such as python3 and the script path.</summary>
    [JsonPropertyName("ContainerEntrypoint")]
    public IReadOnlyList<PipelineString>? ContainerEntrypoint { get; init; }

    /// <summary>The arguments after the entrypoint (each at most 256 characters).</summary>
    [JsonPropertyName("ContainerArguments")]
    public IReadOnlyList<PipelineString>? ContainerArguments { get; init; }
}
