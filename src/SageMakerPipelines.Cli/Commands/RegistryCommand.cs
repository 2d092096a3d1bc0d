using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using MlPipeline.SageMakerPipelines.Cloud;
using MlPipeline.SageMakerPipelines.Local;
using MlPipeline.SageMakerPipelines.Serialization;
using Spectre.Console;

namespace MlPipeline.SageMakerPipelines.Cli.Commands;

/// <summary><c>registry list|show|approve|reject [--cloud]</c>: the local model registry, or SageMaker's with --cloud.</summary>
internal static class RegistryCommand
{
    public static Command Create(CommandContext context)
    {
        var registry = new Command("registry", "The local model registry (or SageMaker's with --cloud): model package groups, versions, approval.");
        var json = new Option<bool>("--json") { Description = "Print JSON for machines." };
        var cloud = CloudOption();
        var endpoint = Cloud.EndpointOption();

        var list = new Command("list", "List the groups and their versions.") { json, cloud, endpoint };
        list.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(cloud))
            {
                return await ListCloudAsync(context, parse.GetValue(endpoint), parse.GetValue(json), cancellationToken);
            }

            var local = Open(context);
            var versions = local.Groups().SelectMany(local.Versions).ToList();
            if (parse.GetValue(json))
            {
                context.Output.WriteLine(new JsonArray(versions.Select(v => (JsonNode)Brief(v)).ToArray()).ToJsonString(ReadableJson.Options));
                return ExitCodes.Success;
            }

            if (versions.Count == 0)
            {
                context.Output.WriteLine("The local registry is empty; `run` registers a model when its pipeline passes.");
                return ExitCodes.Success;
            }

            var runs = Runner(context).Runs().ToDictionary(r => r.RunId, r => r.Status.ToString(), StringComparer.Ordinal);
            string RunOf(ModelPackage v) => v.RunId is { } run ? $"{run} ({runs.GetValueOrDefault(run) ?? "deleted"})" : "";
            if (context.Console.Profile.Width >= WideTable)
            {
                var table = new Table().AddColumns("Group", "Version", "Status", "Key metric", "Model sha256", "Created", "Run");
                foreach (var v in versions)
                {
                    table.AddRow(Markup.Escape(v.Group), v.Version.ToString(CultureInfo.InvariantCulture), v.ApprovalStatus, Markup.Escape(KeyMetric(v)),
                        Short(v.ModelSha256), Time(v.CreationTime), Markup.Escape(RunOf(v)));
                }

                context.Console.Write(table);
                return ExitCodes.Success;
            }

            // Narrower than the table: a few short lines per version, so that no value is split.
            foreach (var v in versions)
            {
                context.Output.WriteLine($"{v.Group} version {v.Version}: {v.ApprovalStatus}, {KeyMetric(v)}");
                context.Output.WriteLine($"  model {Short(v.ModelSha256)}, created {Time(v.CreationTime)}");
                context.Output.WriteLine($"  run {RunOf(v)}");
            }

            return ExitCodes.Success;
        });

        var group = new Argument<string>("group") { Description = "The model package group." };
        var version = new Argument<int>("version") { Description = "The version number." };
        var showCloud = CloudOption();
        var showEndpoint = Cloud.EndpointOption();
        var showJson = new Option<bool>("--json") { Description = "Print the whole record as JSON." };
        var show = new Command("show", "Show one version: a summary of its model, metrics, lineage and approvals (--json: the whole record).")
        {
            group, version, showJson, showCloud, showEndpoint,
        };
        show.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(showCloud))
            {
                var described = await Cloud.CallAsync(parse.GetValue(showEndpoint), $"describe version {parse.GetRequiredValue(version)} of {parse.GetRequiredValue(group)}", async client =>
                    await client.DescribeModelPackageAsync(await FindAsync(client, parse.GetRequiredValue(group), parse.GetRequiredValue(version), cancellationToken), cancellationToken));
                context.Output.WriteLine(described.Document.ToJsonString(ReadableJson.Options));
                return ExitCodes.Success;
            }

            var package = Open(context).Get(parse.GetRequiredValue(group), parse.GetRequiredValue(version));
            if (parse.GetValue(showJson))
            {
                context.Output.WriteLine(package.Document.ToJsonString(ReadableJson.Options));
                return ExitCodes.Success;
            }

            Summary(context, package);
            return ExitCodes.Success;
        });

        registry.Subcommands.Add(list);
        registry.Subcommands.Add(show);
        registry.Subcommands.Add(Decide(context, "approve", "Approved", "Approve a version: only approved versions may be deployed."));
        registry.Subcommands.Add(Decide(context, "reject", "Rejected", "Reject a version."));
        return registry;
    }

    private static Command Decide(CommandContext context, string name, string status, string description)
    {
        var group = new Argument<string>("group") { Description = "The model package group." };
        var version = new Argument<int>("version") { Description = "The version number." };
        var note = new Option<string?>("--note") { Description = "Why, for the approval history." };
        var cloud = CloudOption();
        var endpoint = Cloud.EndpointOption();
        var command = new Command(name, description) { group, version, note, cloud, endpoint };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(cloud))
            {
                var (groupName, number) = (parse.GetRequiredValue(group), parse.GetRequiredValue(version));
                await Cloud.CallAsync(parse.GetValue(endpoint), $"set version {number} of {groupName} to {status}", async client =>
                    await client.UpdateModelPackageApprovalAsync(await FindAsync(client, groupName, number, cancellationToken), status, parse.GetValue(note), cancellationToken));
                context.Output.WriteLine($"{groupName} version {number} is now {status} in SageMaker.");
                return ExitCodes.Success;
            }

            var registry = Open(context);
            var before = registry.Get(parse.GetRequiredValue(group), parse.GetRequiredValue(version)).ApprovalStatus;
            var package = registry.SetApprovalStatus(parse.GetRequiredValue(group), parse.GetRequiredValue(version), status, parse.GetValue(note));
            context.Output.WriteLine(before == status
                ? $"{package.Group} version {package.Version} is already {status}; nothing changed."
                : $"{package.Group} version {package.Version} is now {package.ApprovalStatus} (was {before}).");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The narrowest terminal that gets <c>registry list</c> as a table.</summary>
    internal const int WideTable = 120;

    private static void Summary(CommandContext context, ModelPackage package)
    {
        var write = context.Output;
        write.WriteLine($"{package.Group} version {package.Version}: {package.ApprovalStatus}");
        write.WriteLine($"  arn:      {package.Arn}");
        write.WriteLine($"  created:  {Time(package.CreationTime)}, by run {package.RunId ?? "(unknown)"}");
        foreach (var artifact in (package.Document["Lineage"]?["ModelArtifacts"] as JsonArray ?? []).OfType<JsonObject>())
        {
            write.WriteLine($"  model:    {artifact["S3Uri"]}");
            write.WriteLine($"  sha256:   {artifact["Sha256"]}");
        }

        foreach (var baseline in package.Baselines())
        {
            write.WriteLine($"  baseline: {baseline.S3Uri}");
            write.WriteLine($"            {baseline.Name}, {(baseline.Sha256 is { } sha256 ? $"sha256 {Short(sha256)}" : "not in the store when registered")}");
        }

        var metrics = package.Metrics();
        for (var i = 0; i < metrics.Count; i++)
        {
            write.WriteLine($"  {(i == 0 ? "metrics:" : ""),-8}  {metrics[i]}");
        }

        foreach (var container in (package.Document["InferenceSpecification"]?["Containers"] as JsonArray ?? []).OfType<JsonObject>())
        {
            write.WriteLine($"  image:    {container["Image"]}");
        }

        foreach (var entry in (package.Document["ApprovalHistory"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var when = DateTimeOffset.TryParse(entry["Time"]?.ToString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? Time(t) : "";
            write.WriteLine($"  history:  {when} {entry["Status"]} by {entry["User"]}: {entry["Note"]}");
        }

        write.WriteLine($"The whole record: registry show {package.Group} {package.Version} --json");
    }

    private static string KeyMetric(ModelPackage package) => package.Metrics() is [var first, ..] ? first.ToString() : "no metrics";

    private static string Short(string? sha256) => sha256 is { Length: >= 12 } ? sha256[..12] : "(none)";

    private static string Time(DateTimeOffset? time) =>
        time?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? "(unknown)";

    private static Option<bool> CloudOption() => new("--cloud") { Description = "SageMaker's model registry instead of the local one." };

    private static async Task<int> ListCloudAsync(CommandContext context, string? endpoint, bool json, CancellationToken cancellationToken)
    {
        var packages = await Cloud.CallAsync(endpoint, "list the model packages", client => client.ListAllModelPackagesAsync(null, cancellationToken));
        if (json)
        {
            context.Output.WriteLine(new JsonArray(packages.Select(p => (JsonNode)new JsonObject
            {
                ["group"] = p.ModelPackageGroupName,
                ["version"] = p.ModelPackageVersion,
                ["approvalStatus"] = p.ModelApprovalStatus,
                ["arn"] = p.ModelPackageArn,
                ["status"] = p.ModelPackageStatus,
                ["creationTime"] = p.CreationTime?.ToString("O", CultureInfo.InvariantCulture),
            }).ToArray()).ToJsonString(ReadableJson.Options));
            return ExitCodes.Success;
        }

        if (packages.Count == 0)
        {
            context.Output.WriteLine("SageMaker's model registry has no versions; a pipeline execution registers one when its model passes.");
            return ExitCodes.Success;
        }

        var table = new Table().AddColumns("Group", "Version", "Status", "Created", "ARN");
        foreach (var p in packages)
        {
            table.AddRow(Markup.Escape(p.ModelPackageGroupName ?? ""), p.ModelPackageVersion?.ToString(CultureInfo.InvariantCulture) ?? "",
                Markup.Escape(p.ModelApprovalStatus ?? ""), p.CreationTime?.ToString("u", CultureInfo.InvariantCulture) ?? "", Markup.Escape(p.ModelPackageArn));
        }

        context.Console.Write(table);
        return ExitCodes.Success;
    }

    /// <summary>The ARN of a version in SageMaker, found in its group's listing.</summary>
    private static async Task<string> FindAsync(ISageMakerPipelinesClient client, string group, int version, CancellationToken cancellationToken)
    {
        var packages = await client.ListAllModelPackagesAsync(group, cancellationToken);
        return packages.FirstOrDefault(p => p.ModelPackageVersion == version)?.ModelPackageArn
            ?? throw new CommandException(ExitCodes.InvalidData, packages.Count == 0
                ? $"SageMaker has no versions in the model package group {group}."
                : $"The model package group {group} has no version {version}; it has {string.Join(", ", packages.Select(p => p.ModelPackageVersion).Order())}.");
    }

    private static LocalModelRegistry Open(CommandContext context) => Runner(context).Registry;

    private static LocalRunner Runner(CommandContext context) => new(context.App.LocalOptions());

    private static JsonObject Brief(ModelPackage package) => new()
    {
        ["group"] = package.Group,
        ["version"] = package.Version,
        ["approvalStatus"] = package.ApprovalStatus,
        ["arn"] = package.Arn,
        ["runId"] = package.RunId,
        ["keyMetric"] = package.Metrics() is [var first, ..] ? new JsonObject { ["name"] = first.Name, ["value"] = first.Value } : null,
        ["modelSha256"] = package.ModelSha256,
    };
}
