using System.CommandLine;
using System.Globalization;
using System.Text.Json;

namespace MlPipeline.SageMakerPipelines.Cli.Commands;

/// <summary><c>status [EXECUTION]</c>: how an execution in SageMaker stands (the newest by default).</summary>
internal static class StatusCommand
{
    public static Command Create(CommandContext context)
    {
        var execution = Cloud.ExecutionArgument();
        var endpoint = Cloud.EndpointOption();
        var json = Cloud.JsonOption();
        var command = new Command("status", "Show an execution's status in SageMaker (the pipeline's newest by default).") { execution, endpoint, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var name = context.App.Pipeline.Name;
            var described = await Cloud.CallAsync(parse.GetValue(endpoint), $"describe an execution of {name}", async client =>
                await client.DescribePipelineExecutionAsync(await Cloud.ExecutionAsync(client, parse.GetValue(execution), name, cancellationToken), cancellationToken));
            if (parse.GetValue(json))
            {
                context.Output.WriteLine(Cloud.ToJson(described).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
                return ExitCodes.Success;
            }

            context.Output.WriteLine($"{described.PipelineExecutionArn}: {described.Status}");
            if (!string.IsNullOrEmpty(described.DisplayName))
            {
                context.Output.WriteLine($"  display name:   {described.DisplayName}");
            }

            if (described.CreationTime is { } created)
            {
                context.Output.WriteLine($"  started:        {created.ToString("u", CultureInfo.InvariantCulture)}");
            }

            if (described.LastModifiedTime is { } modified)
            {
                context.Output.WriteLine($"  last change:    {modified.ToString("u", CultureInfo.InvariantCulture)}");
            }

            if (!string.IsNullOrEmpty(described.FailureReason))
            {
                context.Output.WriteLine($"  failure:        {described.FailureReason}");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
