using System.Globalization;
using System.Text.Json;
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

    /// <summary>
    /// The metrics of the model quality report the version was registered with, in the report's order: SageMaker's
    /// format, a section per problem type with a <c>value</c> (and maybe a <c>standard_deviation</c>) per metric.
    /// The first is the key metric that <c>registry list</c> and <c>runs</c> show.
    /// </summary>
    public IReadOnlyList<ModelMetric> Metrics() =>
        Document["ModelQualityReport"] is JsonObject report
            ? [.. from section in report
                  where section.Value is JsonObject
                  from metric in section.Value!.AsObject()
                  let value = Number(metric.Value?["value"])
                  where value is not null
                  select new ModelMetric(section.Key, metric.Key, value.Value, Number(metric.Value?["standard_deviation"]))]
            : [];

    /// <summary>
    /// The files of the drift-check baselines the version was registered with (the statistics and constraints a
    /// monitoring schedule compares captured requests with), in the record's order; empty when it has none.
    /// </summary>
    public IReadOnlyList<ModelBaselineFile> Baselines() =>
        [.. from file in (Document["Lineage"]?["Baselines"] as JsonArray ?? []).OfType<JsonObject>()
            select new ModelBaselineFile(file["Name"]?.GetValue<string>() ?? "", file["S3Uri"]?.GetValue<string>() ?? "", file["Sha256"]?.GetValue<string>())];

    /// <summary>The SHA-256 of the model artifact (the first, when the version has several), if it was recorded.</summary>
    public string? ModelSha256 => Document["Lineage"]?["ModelArtifacts"]?[0]?["Sha256"]?.GetValue<string>();

    /// <summary>The local run that registered the version.</summary>
    public string? RunId => Document["Lineage"]?["RunId"]?.GetValue<string>();

    /// <summary>When the version was registered.</summary>
    public DateTimeOffset? CreationTime =>
        DateTimeOffset.TryParse(Document["CreationTime"]?.ToString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : null;

    private static double? Number(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.Number ? value.GetValue<double>() : null;
}
