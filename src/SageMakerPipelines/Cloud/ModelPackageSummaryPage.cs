using System.Text.Json.Serialization;

namespace MlPipeline.SageMakerPipelines.Cloud;

/// <summary>One page of ListModelPackages.</summary>
public sealed record ModelPackageSummaryPage
{
    /// <summary>The versions on this page.</summary>
    [JsonPropertyName("ModelPackageSummaryList")]
    public IReadOnlyList<ModelPackageSummary> ModelPackages { get; init; } = [];

    /// <summary>The token of the next page, or null on the last.</summary>
    [JsonPropertyName("NextToken")]
    public string? NextToken { get; init; }
}
