using System.CommandLine;
using System.Text.Json.Nodes;
using MlPipeline.SageMakerPipelines.Local;
using MlPipeline.SageMakerPipelines.Serialization;
using Spectre.Console;

namespace MlPipeline.SageMakerPipelines.Cli.Commands;

/// <summary><c>runs [--json]</c>: the local runs, newest first; a run whose runner is gone shows as Interrupted.</summary>
internal static class RunsCommand
{
    public static Command Create(CommandContext context)
    {
        var json = new Option<bool>("--json") { Description = "Print JSON for machines." };
        var command = new Command("runs", "List the local runs, newest first, with their status (a run whose runner was killed shows as Interrupted).") { json };
        command.SetAction(parse =>
        {
            var runs = new LocalRunner(context.App.LocalOptions()).Runs();
            if (parse.GetValue(json))
            {
                context.Output.WriteLine(new JsonArray(runs.Select(r => (JsonNode)new JsonObject
                {
                    ["runId"] = r.RunId,
                    ["pipeline"] = r.PipelineName,
                    ["status"] = r.Status,
                    ["startTime"] = r.StartTime,
                    ["failure"] = r.Failure,
                    ["folder"] = r.Folder,
                }).ToArray()).ToJsonString(ReadableJson.Options));
                return ExitCodes.Success;
            }

            if (runs.Count == 0)
            {
                context.Output.WriteLine("No local runs yet; `run` starts one.");
                return ExitCodes.Success;
            }

            var table = new Table().AddColumns("Run", "Status", "Started", "Pipeline");
            foreach (var run in runs)
            {
                table.AddRow(Markup.Escape(run.RunId), run.Status, Markup.Escape(run.StartTime ?? ""), Markup.Escape(run.PipelineName));
            }

            context.Console.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }
}
