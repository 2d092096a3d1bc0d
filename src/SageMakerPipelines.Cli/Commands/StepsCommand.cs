using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using MlPipeline.SageMakerPipelines.Cloud;

namespace MlPipeline.SageMakerPipelines.Cli.Commands;

/// <summary><c>steps [EXECUTION]</c>: an execution's steps in SageMaker as a table (the newest execution by default).</summary>
internal static class StepsCommand
{
    public static Command Create(CommandContext context)
    {
        var execution = Cloud.ExecutionArgument();
        var endpoint = Cloud.EndpointOption();
        var json = Cloud.JsonOption();
        var command = new Command("steps", "Show an execution's steps in SageMaker, oldest first (the pipeline's newest execution by default).") { execution, endpoint, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var name = context.App.Pipeline.Name;
            var steps = await Cloud.CallAsync(parse.GetValue(endpoint), $"list the steps of an execution of {name}", async client =>
                await client.ListStepsAsync(await Cloud.ExecutionAsync(client, parse.GetValue(execution), name, cancellationToken), cancellationToken));
            var types = Cloud.StepTypes(context.App.Pipeline);
            if (parse.GetValue(json))
            {
                context.Output.WriteLine(new JsonArray(steps.Select(s => (JsonNode)Cloud.ToJson(s, types)).ToArray()).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
                return ExitCodes.Success;
            }

            Cloud.WriteTable(context, steps, types);
            foreach (var failed in steps.Where(s => s.StepStatus == "Failed"))
            {
                context.Output.WriteLine($"{failed.StepName} failed: {failed.FailureReason}");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
