using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MlPipeline.SageMakerPipelines.Cli.Commands;

/// <summary><c>stop [EXECUTION]</c>: ask SageMaker to stop an execution (the newest by default).</summary>
internal static class StopCommand
{
    public static Command Create(CommandContext context)
    {
        var execution = Cloud.ExecutionArgument();
        var endpoint = Cloud.EndpointOption();
        var json = Cloud.JsonOption();
        var command = new Command("stop", "Stop an execution in SageMaker (the pipeline's newest by default); its running jobs are stopped.") { execution, endpoint, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var name = context.App.Pipeline.Name;
            var stopped = await Cloud.CallAsync(parse.GetValue(endpoint), $"stop an execution of {name}", async client =>
                await client.StopPipelineExecutionAsync(await Cloud.ExecutionAsync(client, parse.GetValue(execution), name, cancellationToken), Guid.NewGuid().ToString("N"), cancellationToken));
            context.Output.WriteLine(parse.GetValue(json)
                ? new JsonObject { ["executionArn"] = stopped, ["status"] = "Stopping" }.ToJsonString(new JsonSerializerOptions { WriteIndented = true })
                : $"Stopping {stopped}; `status` shows when it has stopped.");
            return ExitCodes.Success;
        });
        return command;
    }
}
