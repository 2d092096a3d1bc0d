using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using MlPipeline.SageMakerPipelines.Cloud;
using MlPipeline.SageMakerPipelines.Local;
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
                context.Output.WriteLine(new JsonArray(versions.Select(v => (JsonNode)Brief(v)).ToArray()).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
                return ExitCodes.Success;
            }

            if (versions.Count == 0)
            {
                context.Output.WriteLine("The local registry is empty; `run` registers a model when its pipeline passes.");
                return ExitCodes.Success;
            }

            var runs = Runner(context).Runs().ToDictionary(r => r.RunId, r => r.Status, StringComparer.Ordinal);
            var table = new Table().AddColumns("Group", "Version", "Status", "Created", "Run", "Run status");
            foreach (var v in versions)
            {
                var run = v.Document["Lineage"]?["RunId"]?.ToString() ?? "";
                table.AddRow(Markup.Escape(v.Group), v.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), v.ApprovalStatus,
                    Markup.Escape(v.Document["CreationTime"]?.ToString() ?? ""), Markup.Escape(run), runs.GetValueOrDefault(run) ?? "");
            }

            context.Console.Write(table);
            return ExitCodes.Success;
        });

        var group = new Argument<string>("group") { Description = "The model package group." };
        var version = new Argument<int>("version") { Description = "The version number." };
        var showCloud = CloudOption();
        var showEndpoint = Cloud.EndpointOption();
        var show = new Command("show", "Show one version: its model, metrics and lineage.") { group, version, showCloud, showEndpoint };
        show.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(showCloud))
            {
                var described = await Cloud.CallAsync(parse.GetValue(showEndpoint), $"describe version {parse.GetRequiredValue(version)} of {parse.GetRequiredValue(group)}", async client =>
                    await client.DescribeModelPackageAsync(await FindAsync(client, parse.GetRequiredValue(group), parse.GetRequiredValue(version), cancellationToken), cancellationToken));
                context.Output.WriteLine(described.Document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
                return ExitCodes.Success;
            }

            var package = Open(context).Get(parse.GetRequiredValue(group), parse.GetRequiredValue(version));
            context.Output.WriteLine(package.Document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
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

            var package = Open(context).SetApprovalStatus(parse.GetRequiredValue(group), parse.GetRequiredValue(version), status, parse.GetValue(note));
            context.Output.WriteLine($"{package.Group} version {package.Version} is now {package.ApprovalStatus}.");
            return ExitCodes.Success;
        });
        return command;
    }

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
                ["creationTime"] = p.CreationTime?.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            }).ToArray()).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
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
            table.AddRow(Markup.Escape(p.ModelPackageGroupName ?? ""), p.ModelPackageVersion?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
                Markup.Escape(p.ModelApprovalStatus ?? ""), p.CreationTime?.ToString("u", System.Globalization.CultureInfo.InvariantCulture) ?? "", Markup.Escape(p.ModelPackageArn));
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

    private static LocalRunner Runner(CommandContext context) => new(new LocalRunOptions { ProjectRoot = context.App.ResolveProjectRoot() });

    private static JsonObject Brief(ModelPackage package) => new()
    {
        ["group"] = package.Group,
        ["version"] = package.Version,
        ["approvalStatus"] = package.ApprovalStatus,
        ["arn"] = package.Arn,
        ["runId"] = package.Document["Lineage"]?["RunId"]?.DeepClone(),
    };
}
