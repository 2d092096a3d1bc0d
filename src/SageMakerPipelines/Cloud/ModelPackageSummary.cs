using System.Text.Json.Serialization;

namespace MlPipeline.SageMakerPipelines.Cloud;

/// <summary>A model package version as ListModelPackages answers it.</summary>
public sealed record ModelPackageSummary
{
    /// <summary>The model package group.</summary>
    [JsonPropertyName("ModelPackageGroupName")]
    public string? ModelPackageGroupName { get; init; }

    /// <summary>The version in the group.</summary>
    [JsonPropertyName("ModelPackageVersion")]
    public int? ModelPackageVersion { get; init; }

    /// <summary>The version's ARN.</summary>
    [JsonPropertyName("ModelPackageArn")]
    public required string ModelPackageArn { get; init; }

    /// <summary>A description.</summary>
    [JsonPropertyName("ModelPackageDescription")]
    public string? ModelPackageDescription { get; init; }

    /// <summary>When it was registered.</summary>
    [JsonPropertyName("CreationTime")]
    public DateTimeOffset? CreationTime { get; init; }

    /// <summary>Pending, InProgress, Completed, Failed or Deleting.</summary>
    [JsonPropertyName("ModelPackageStatus")]
    public string? ModelPackageStatus { get; init; }

    /// <summary>Approved, Rejected or PendingManualApproval.</summary>
    [JsonPropertyName("ModelApprovalStatus")]
    public string? ModelApprovalStatus { get; init; }
}
