using System.Text.Json.Serialization;

namespace MlPipeline.SageMakerPipelines.Cloud;

/// <summary>One page of ListPipelineExecutionSteps.</summary>
public sealed record PipelineExecutionStepPage
{
    /// <summary>The steps on this page (newest first, as SageMaker sorts them by default).</summary>
    [JsonPropertyName("PipelineExecutionSteps")]
    public IReadOnlyList<PipelineExecutionStep> Steps { get; init; } = [];

    /// <summary>The token of the next page, or null on the last.</summary>
    [JsonPropertyName("NextToken")]
    public string? NextToken { get; init; }
}
