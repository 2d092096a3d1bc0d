using System.Text.Json.Serialization;

namespace MlPipeline.SageMakerPipelines;

/// <summary>The arguments of a transform step: the CreateTransformJob request without the job name.</summary>
public sealed record TransformJobArguments
{
    /// <summary>The model that predicts.</summary>
    [JsonPropertyName("ModelName")]
    public required PipelineValue<string> ModelName { get; init; }

    /// <summary>The data to predict on.</summary>
    [JsonPropertyName("TransformInput")]
    public required TransformInput TransformInput { get; init; }

    /// <summary>Where the predictions go.</summary>
    [JsonPropertyName("TransformOutput")]
    public required TransformOutput TransformOutput { get; init; }

    /// <summary>The instances the job runs on.</summary>
    [JsonPropertyName("TransformResources")]
    public required TransformResources TransformResources { get; init; }

    /// <summary>Environment variables of the container.</summary>
    [JsonPropertyName("Environment")]
    public IReadOnlyDictionary<string, PipelineString>? Environment { get; init; }

    /// <summary>How many records one request carries: <c>SingleRecord</c> or <c>MultiRecord</c> (as many as fit in <see cref="MaxPayloadInMB"/>).</summary>
    [JsonPropertyName("BatchStrategy")]
    public string? BatchStrategy { get; init; }

    /// <summary>The largest request in MB (SageMaker's default is 6).</summary>
    [JsonPropertyName("MaxPayloadInMB")]
    public PipelineValue<long>? MaxPayloadInMB { get; init; }
}
