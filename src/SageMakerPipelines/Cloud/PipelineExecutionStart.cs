using System.Text.Json.Serialization;

namespace MlPipeline.SageMakerPipelines.Cloud;

/// <summary>What StartPipelineExecution takes: the pipeline, the parameter values that differ from the defaults, a display name, and an idempotency token.</summary>
public sealed record PipelineExecutionStart
{
    /// <summary>The pipeline's name or ARN.</summary>
    [JsonPropertyName("PipelineName")]
    public required string PipelineName { get; init; }

    /// <summary>Parameter values as text (SageMaker takes every value as a string); parameters not given keep their defaults.</summary>
    [JsonIgnore]
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>The execution's display name, or null.</summary>
    [JsonPropertyName("PipelineExecutionDisplayName")]
    public string? DisplayName { get; init; }

    /// <summary>A description, or null.</summary>
    [JsonPropertyName("PipelineExecutionDescription")]
    public string? Description { get; init; }

    /// <summary>Makes the call idempotent: a retried start with the same token starts one execution. A new one per start by default.</summary>
    [JsonPropertyName("ClientRequestToken")]
    public string ClientRequestToken { get; init; } = Guid.NewGuid().ToString("N");

    [JsonPropertyName("PipelineParameters")]
    [JsonInclude]
    internal IReadOnlyList<NameValue>? WireParameters =>
        Parameters.Count == 0 ? null : Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new NameValue(p.Key, p.Value)).ToList();

    internal sealed record NameValue([property: JsonPropertyName("Name")] string Name, [property: JsonPropertyName("Value")] string Value);
}
