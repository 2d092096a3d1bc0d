using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace MlPipeline.SageMakerPipelines.Cloud;

/// <summary>What DescribeModelPackage answers: the members this project reads, and the whole answer.</summary>
public sealed record ModelPackageDescription
{
    /// <summary>The version's ARN.</summary>
    [JsonPropertyName("ModelPackageArn")]
    public required string ModelPackageArn { get; init; }

    /// <summary>The model package group.</summary>
    [JsonPropertyName("ModelPackageGroupName")]
    public string? ModelPackageGroupName { get; init; }

    /// <summary>The version in the group.</summary>
    [JsonPropertyName("ModelPackageVersion")]
    public int? ModelPackageVersion { get; init; }

    /// <summary>Approved, Rejected or PendingManualApproval.</summary>
    [JsonPropertyName("ModelApprovalStatus")]
    public string? ModelApprovalStatus { get; init; }

    /// <summary>Why it was approved or rejected.</summary>
    [JsonPropertyName("ApprovalDescription")]
    public string? ApprovalDescription { get; init; }

    /// <summary>When it was registered.</summary>
    [JsonPropertyName("CreationTime")]
    public DateTimeOffset? CreationTime { get; init; }

    /// <summary>The whole answer as SageMaker gave it (inference specification, metrics, metadata…).</summary>
    [JsonIgnore]
    public JsonObject Document { get; init; } = [];
}
