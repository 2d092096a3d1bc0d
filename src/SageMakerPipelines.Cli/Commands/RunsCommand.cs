using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using MlPipeline.SageMakerPipelines.Local;
using MlPipeline.SageMakerPipelines.Serialization;
using Spectre.Console;

namespace MlPipeline.SageMakerPipelines.Cli.Commands;

/// <summary>
/// <c>runs [list] [--json]</c>, <c>runs compare A B</c>, <c>runs prune --keep N</c>: the local runs, newest first
/// (a run whose runner is gone shows as Interrupted).
/// </summary>
internal static class RunsCommand
{
    public static Command Create(CommandContext context)
    {
        var json = new Option<bool>("--json") { Description = "Print JSON for machines." };
        var command = new Command("runs", "List the local runs, newest first: status, time, key metric, model hash (a run whose runner was killed shows as Interrupted).") { json };
        command.SetAction(parse => List(context, parse.GetValue(json)));

        var listJson = new Option<bool>("--json") { Description = "Print JSON for machines." };
        var list = new Command("list", "The same as `runs`.") { listJson };
        list.SetAction(parse => List(context, parse.GetValue(listJson)));

        var first = new Argument<string>("run") { Description = "A run id, as `runs` lists it." };
        var second = new Argument<string>("other") { Description = "The run to compare it with." };
        var all = new Option<bool>("--all") { Description = "Also show what is the same in both runs." };
        var compare = new Command("compare", "Two runs side by side: parameters, what the conditions compared, data, code and model hashes.") { first, second, all };
        compare.SetAction(parse => Compare(context, parse.GetRequiredValue(first), parse.GetRequiredValue(second), parse.GetValue(all)));

        var keep = new Option<int>("--keep") { Description = "How many of the newest runs to keep.", HelpName = "N", Required = true };
        var dryRun = new Option<bool>("--dry-run") { Description = "Say what would be deleted; delete nothing." };
        var prune = new Command("prune", "Delete the folders of older runs, never one a registered model version points to or one that is running.") { keep, dryRun };
        prune.Validators.Add(result =>
        {
            if (result.GetValue(keep) < 0)
            {
                result.AddError("--keep is a number of runs, 0 or more.");
            }
        });
        prune.SetAction(parse => Prune(context, parse.GetValue(keep), parse.GetValue(dryRun)));

        command.Subcommands.Add(list);
        command.Subcommands.Add(compare);
        command.Subcommands.Add(prune);
        return command;
    }

    private static int List(CommandContext context, bool json)
    {
        var runner = new LocalRunner(context.App.LocalOptions());
        var runs = runner.Runs();
        var registered = runner.Registry.VersionsByRun();
        var rows = runs.Select(r =>
        {
            var lineage = File.Exists(Path.Combine(r.Folder, "lineage.json")) ? runner.Lineage(r.RunId) : null;
            var model = (lineage?["Steps"] as JsonObject ?? []).Select(s => s.Value?["ModelArtifact"]?["Sha256"]?.ToString()).FirstOrDefault(h => h is not null);
            var metric = registered.TryGetValue(r.RunId, out var versions) && versions[0].Metrics() is [var key, ..] ? key : null;
            return (Run: r, Seconds: lineage?["ElapsedSeconds"]?.GetValue<double>(), Metric: metric, Model: model);
        }).ToList();

        if (json)
        {
            context.Output.WriteLine(new JsonArray(rows.Select(r => (JsonNode)new JsonObject
            {
                ["runId"] = r.Run.RunId,
                ["pipeline"] = r.Run.PipelineName,
                ["status"] = r.Run.Status.ToString(),
                ["startTime"] = r.Run.StartTime,
                ["elapsedSeconds"] = r.Seconds,
                ["keyMetric"] = r.Metric is null ? null : new JsonObject { ["name"] = r.Metric.Name, ["value"] = r.Metric.Value },
                ["modelSha256"] = r.Model,
                ["failure"] = r.Run.Failure,
                ["folder"] = r.Run.Folder,
            }).ToArray()).ToJsonString(ReadableJson.Options));
            return ExitCodes.Success;
        }

        if (runs.Count == 0)
        {
            context.Output.WriteLine("No local runs yet; `run` starts one.");
            return ExitCodes.Success;
        }

        // No borders: five columns fit in 80 without splitting a run id or a hash.
        var table = new Table().NoBorder().AddColumns("Run", "Status", "Time", "Key metric", "Model");
        foreach (var (run, seconds, metric, model) in rows)
        {
            table.AddRow(Markup.Escape(run.RunId), run.Status.ToString(), seconds is { } s ? string.Create(CultureInfo.InvariantCulture, $"{s:0.0} s") : "",
                Markup.Escape(metric?.ToString() ?? ""), model is { Length: >= 12 } ? model[..12] : "");
        }

        context.Console.Write(table);
        return ExitCodes.Success;
    }

    private static int Compare(CommandContext context, string first, string second, bool all)
    {
        var runner = new LocalRunner(context.App.LocalOptions());
        var a = runner.Lineage(first) ?? throw new CommandException(ExitCodes.InvalidData, $"Run {first} has no lineage (it stopped before its end); compare finished runs.");
        var b = runner.Lineage(second) ?? throw new CommandException(ExitCodes.InvalidData, $"Run {second} has no lineage (it stopped before its end); compare finished runs.");
        var rows = RunComparison.Compare(a, b);
        var shown = all ? rows : [.. rows.Where(r => r.Differs)];
        // Columns as wide as their longest value, so that no value runs into the next.
        var label = shown.Select(r => r.What.Length).DefaultIfEmpty(0).Max() + 4;
        var column = shown.Select(r => r.First.Length).Append(first.Length).Max() + 2;
        context.Output.WriteLine($"{"".PadRight(label)}{first.PadRight(column)}{second}");
        foreach (var row in shown)
        {
            context.Output.WriteLine($"{(row.Differs ? "≠ " : "  ")}{row.What.PadRight(label - 2)}{row.First.PadRight(column)}{row.Second}".TrimEnd());
        }

        var same = rows.Count(r => !r.Differs);
        context.Output.WriteLine(all
            ? $"{rows.Count(r => r.Differs)} of {rows.Count} differ (≠)."
            : $"{shown.Count} differ; {same} are the same (--all shows them).");
        return ExitCodes.Success;
    }

    private static int Prune(CommandContext context, int keep, bool dryRun)
    {
        var results = new LocalRunner(context.App.LocalOptions()).Prune(keep, dryRun);
        foreach (var (run, deleted, why) in results)
        {
            context.Output.WriteLine(deleted
                ? $"{(dryRun ? "would delete" : "deleted")} {run.RunId} ({run.Status})"
                : $"kept {run.RunId}: {why}");
        }

        var count = results.Count(r => r.Deleted);
        context.Output.WriteLine($"{(dryRun ? "Would delete" : "Deleted")} {count} run{(count == 1 ? "" : "s")}, kept the newest {keep}"
            + (results.Count > count ? $" and {results.Count - count} more." : ".")
            + " The step cache and the local object store are left as they are.");
        return ExitCodes.Success;
    }
}
