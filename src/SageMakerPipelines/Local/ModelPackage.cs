using System.Text.Json.Nodes;

namespace MlPipeline.SageMakerPipelines.Local;

/// <summary>A model package version in the local registry.</summary>
/// <param name="Group">The model package group.</param>
/// <param name="Version">The version, 1 for the first.</param>
/// <param name="ApprovalStatus">Approved, Rejected or PendingManualApproval.</param>
/// <param name="Document">The whole record: inference specification, metrics, metadata, lineage, approval history.</param>
public sealed record ModelPackage(string Group, int Version, string ApprovalStatus, JsonObject Document)
{
    /// <summary>The version's ARN in the form SageMaker uses, with the region <c>local</c>.</summary>
    public string Arn => ArnOf(Group, Version);

    /// <summary>The ARN of a version.</summary>
    /// <param name="group">The group.</param>
    /// <param name="version">The version.</param>
    public static string ArnOf(string group, int version) =>
        $"arn:aws:sagemaker:local:000000000000:model-package/{group.ToLowerInvariant()}/{version}";
}
