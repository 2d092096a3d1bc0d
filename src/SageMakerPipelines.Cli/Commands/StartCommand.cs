using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using MlPipeline.SageMakerPipelines.Cloud;

namespace MlPipeline.SageMakerPipelines.Cli.Commands;

/// <summary>
/// <c>start [--param K=V] [--wait]</c>: start an execution in SageMaker; with --wait, watch it with the local run's
/// progress lines and step table and end with its exit codes. Ctrl+C stops the watching, not the execution, unless
/// --stop-on-cancel.
/// </summary>
internal static class StartCommand
{
    public static Command Create(CommandContext context)
    {
        var parameters = new Option<string[]>("--param") { Description = "Set a pipeline parameter for this execution: --param Name=Value (repeatable; type-checked).", HelpName = "NAME=VALUE", Arity = ArgumentArity.ZeroOrMore };
        var wait = new Option<bool>("--wait") { Description = "Watch the execution until it ends: progress per step, the step table, exit 1 if it fails." };
        var displayName = new Option<string?>("--display-name") { Description = "The execution's display name.", HelpName = "NAME" };
        var poll = new Option<double>("--poll-interval")
        {
            Description = "Seconds between the first polls with --wait; doubles up to 60 while nothing changes.",
            HelpName = "SECONDS",
            DefaultValueFactory = _ => 10,
        };
        var stopOnCancel = new Option<bool>("--stop-on-cancel") { Description = "With --wait, Ctrl+C also stops the execution (by default it only stops the watching)." };
        var endpoint = Cloud.EndpointOption();
        var json = Cloud.JsonOption();
        var command = new Command("start", "Start an execution of the pipeline in SageMaker (deployed with `upsert` or the stack); --wait watches it.")
        {
            parameters, wait, displayName, poll, stopOnCancel, endpoint, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var seconds = parse.GetValue(poll);
            if (!double.IsFinite(seconds) || seconds <= 0 || seconds > 3600)
            {
                throw new CommandException(ExitCodes.Usage, $"--poll-interval {seconds.ToString(CultureInfo.InvariantCulture)} is not a number of seconds above 0 and at most 3600.");
            }

            var pipeline = context.App.Pipeline;
            var values = RunCommand.ParseParameters(parse.GetValue(parameters) ?? []);
            var endpointUrl = parse.GetValue(endpoint);
            var executionArn = await Cloud.CallAsync(endpointUrl, $"start the pipeline {pipeline.Name}", async client =>
            {
                try
                {
                    return await client.StartAsync(pipeline, values, parse.GetValue(displayName), cancellationToken);
                }
                catch (ArgumentException e)
                {
                    throw new CommandException(ExitCodes.InvalidData, e.Message, e);
                }
            });
            var asJson = parse.GetValue(json);
            if (!parse.GetValue(wait))
            {
                context.Output.WriteLine(asJson
                    ? new JsonObject { ["executionArn"] = executionArn }.ToJsonString(new JsonSerializerOptions { WriteIndented = true })
                    : $"Started {executionArn}");
                return ExitCodes.Success;
            }

            if (!asJson)
            {
                context.Output.WriteLine($"Started {executionArn}; watching it (Ctrl+C stops the watching{(parse.GetValue(stopOnCancel) ? " and the execution" : ", not the execution")}).");
            }

            return await WatchAsync(context, endpointUrl, executionArn, TimeSpan.FromSeconds(seconds), asJson, parse.GetValue(stopOnCancel), cancellationToken);
        });
        return command;
    }

    private static async Task<int> WatchAsync(
        CommandContext context, string? endpoint, string executionArn, TimeSpan poll, bool json, bool stopOnCancel, CancellationToken cancellationToken)
    {
        var types = Cloud.StepTypes(context.App.Pipeline);
        PipelineExecutionResult result;
        try
        {
            result = await Cloud.CallAsync(endpoint, $"watch {executionArn}", client =>
                client.WaitAsync(executionArn, json ? null : new LineProgress(context, types), poll, cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            if (stopOnCancel)
            {
                using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                await Cloud.CallAsync(endpoint, $"stop {executionArn}", client => client.StopPipelineExecutionAsync(executionArn, Guid.NewGuid().ToString("N"), grace.Token));
                context.Error.WriteLine($"Stopped watching; asked SageMaker to stop {executionArn} (`status` shows when it has stopped).");
            }
            else
            {
                context.Error.WriteLine($"Stopped watching; the execution keeps running in SageMaker: {executionArn} (`status` shows it, `stop` stops it).");
            }

            throw;
        }

        var execution = result.Execution;
        var elapsed = execution.CreationTime is { } start && execution.LastModifiedTime is { } end ? end - start : (TimeSpan?)null;
        if (json)
        {
            var summary = Cloud.ToJson(execution);
            summary["elapsedSeconds"] = elapsed is { } e ? Math.Round(e.TotalSeconds, 3) : null;
            summary["steps"] = new JsonArray(result.Steps.Select(s => (JsonNode)Cloud.ToJson(s, types)).ToArray());
            context.Output.WriteLine(summary.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        }
        else
        {
            Cloud.WriteTable(context, result.Steps, types);
            context.Output.WriteLine($"Execution {executionArn}: {execution.Status}{(elapsed is { } e ? " in " + Cloud.Seconds(e) : "")}.");
        }

        if (execution.Status == "Succeeded")
        {
            return ExitCodes.Success;
        }

        if (result.FailedStep is { } failed)
        {
            context.Error.WriteLine($"Step {failed.StepName} failed: {failed.FailureReason}");
        }
        else if (!string.IsNullOrEmpty(execution.FailureReason))
        {
            context.Error.WriteLine($"The execution {execution.Status.ToLowerInvariant()}: {execution.FailureReason}");
        }
        else
        {
            context.Error.WriteLine($"The execution {execution.Status.ToLowerInvariant()}.");
        }

        return ExitCodes.RunFailed;
    }

    /// <summary>One line per step change, as a local run prints them.</summary>
    private sealed class LineProgress(CommandContext context, IReadOnlyDictionary<string, string> types) : IProgress<PipelineExecutionStep>
    {
        public void Report(PipelineExecutionStep value)
        {
            var status = Cloud.Status(value);
            var mark = status switch
            {
                "succeeded" => "✓",
                "cached" => "↺",
                "failed" => "✗",
                "starting" or "executing" => "…",
                _ => "-",
            };
            var time = Cloud.Elapsed(value) is { } elapsed ? " " + Cloud.Seconds(elapsed) : "";
            var attempts = value.AttemptCount is > 1 ? $" (attempt {value.AttemptCount.Value.ToString(CultureInfo.InvariantCulture)})" : "";
            context.Output.WriteLine($"{mark} {value.StepName} [{types.GetValueOrDefault(value.StepName) ?? "?"}] {status}{time}{attempts}");
        }
    }
}
