using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using MlPipeline.SageMakerPipelines.Local;
using Spectre.Console;

namespace MlPipeline.SageMakerPipelines.Cli.Commands;

/// <summary><c>registry list|show|approve|reject</c>: the local model registry.</summary>
internal static class RegistryCommand
{
    public static Command Create(CommandContext context)
    {
        var registry = new Command("registry", "The local model registry: model package groups, versions, approval.");
        var json = new Option<bool>("--json") { Description = "Print JSON for machines." };

        var list = new Command("list", "List the groups and their versions.") { json };
        list.SetAction(parse =>
        {
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
        var show = new Command("show", "Show one version: its model, metrics and lineage.") { group, version };
        show.SetAction(parse =>
        {
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
        var command = new Command(name, description) { group, version, note };
        command.SetAction(parse =>
        {
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

    private static LocalModelRegistry Open(CommandContext context) => Runner(context).Registry;

    private static LocalRunner Runner(CommandContext context) => new(context.App.LocalOptions());

    private static JsonObject Brief(ModelPackage package) => new()
    {
        ["group"] = package.Group,
        ["version"] = package.Version,
        ["approvalStatus"] = package.ApprovalStatus,
        ["arn"] = package.Arn,
        ["runId"] = package.Document["Lineage"]?["RunId"]?.DeepClone(),
    };
}
