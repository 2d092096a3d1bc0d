using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using MlPipeline.SageMakerPipelines.Local;
using MlPipeline.SageMakerPipelines.Serialization;
using Spectre.Console;

namespace MlPipeline.SageMakerPipelines.Cli.Commands;

/// <summary><c>run</c>: the pipeline on this machine, with progress per step and a summary.</summary>
internal static class RunCommand
{
    public static Command Create(CommandContext context)
    {
        var python = new Option<string?>("--python") { Description = "The Python interpreter (default: $MLPIPELINE_PYTHON, then .venv/bin/python, then python3).", HelpName = "PATH" };
        var parameters = new Option<string[]>("--param") { Description = "Set a pipeline parameter for this run: --param Name=Value (repeatable; type-checked).", HelpName = "NAME=VALUE", Arity = ArgumentArity.ZeroOrMore };
        var noCache = new Option<bool>("--no-cache") { Description = "Run every step, even those the step cache could reuse." };
        var cache = new Option<string>("--cache")
        {
            Description = "What the step cache keys a step on: 'sagemaker' (default) its arguments as SageMaker does, so changed data under the same URI is reused with a warning; 'content' the input data too.",
            HelpName = "sagemaker|content",
            DefaultValueFactory = _ => "sagemaker",
        };
        cache.AcceptOnlyFromAmong("sagemaker", "content");
        var json = new Option<bool>("--json") { Description = "Print a JSON summary for machines instead of progress and tables." };
        var parallelism = new Option<int?>("--parallelism") { Description = "The most steps at once (default: the number of cores).", HelpName = "N" };
        var strictVersions = new Option<bool>("--strict-versions")
        {
            Description = "Fail (exit 65) instead of running when the interpreter's Python or library versions differ from the SageMaker containers the steps run in.",
        };
        var definition = new Option<string?>("--definition") { Description = "Run this definition JSON file instead of the project's pipeline (such as one written by `definition --out`).", HelpName = "FILE" };
        var allow = new Option<string[]>("--allow-entrypoint")
        {
            Description = "Let processing steps whose entrypoint starts with COMMAND (such as bash) run it on this machine, as you; by default only the configured Python runs, on the step's own scripts (repeatable).",
            HelpName = "COMMAND",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var data = new Option<string?>("--data")
        {
            Description = "Run on this CSV file or folder of files instead of the project's sample data (sets the pipeline's data parameter to a local copy).",
            HelpName = "PATH",
        };
        var command = new Command("run", "Run the pipeline locally: no Docker, no cloud; runs, lineage and the model registry go to .mlpipeline/.")
        {
            data,
            python, parameters, noCache, cache, json, parallelism, definition, strictVersions, allow,
        };
        command.SetAction((parse, cancellationToken) => ExecuteAsync(context, context.App.LocalOptions() with
        {
            Python = parse.GetValue(python),
            Parameters = ParseParameters(parse.GetValue(parameters) ?? []),
            NoCache = parse.GetValue(noCache),
            StrictVersions = parse.GetValue(strictVersions),
            CacheKey = parse.GetValue(cache) == "content" ? StepCacheKey.Content : StepCacheKey.SageMaker,
            MaxParallelism = parse.GetValue(parallelism) ?? Environment.ProcessorCount,
            AllowedEntrypoints = parse.GetValue(allow) ?? [],
        }, parse.GetValue(json), parse.GetValue(definition), parse.GetValue(data), cancellationToken));
        return command;
    }

    private static async Task<int> ExecuteAsync(
        CommandContext context, LocalRunOptions options, bool json, string? definitionFile, string? dataPath, CancellationToken cancellationToken)
    {
        var definitionJson = definitionFile is null
            ? context.App.Pipeline.ToJson()
            : InputFile.ReadText(definitionFile, "definition file", InputFile.MaxDefinitionBytes);
        List<(string Name, string File)> dataFiles = [];
        var dataPrefix = "";
        if (dataPath is not null)
        {
            var parameter = LocalData.ParameterOf(context.App, options.Parameters);
            dataFiles = LocalData.FilesOf(dataPath);
            dataPrefix = LocalData.PrefixOf(dataFiles, parameter);
            options = options with { Parameters = new Dictionary<string, string>(options.Parameters) { [parameter.Name] = dataPrefix } };
        }

        var progress = json ? null : new LineProgress(context);
        var runner = new LocalRunner(options with { Progress = progress, Announce = json ? null : context.Output.WriteLine });
        foreach (var interrupted in runner.MarkInterruptedRuns())
        {
            context.Error.WriteLine($"note: run {interrupted.RunId} was interrupted (its runner is gone); its record now says Interrupted.");
        }

        foreach (var item in context.App.Objects)
        {
            runner.Store.Put(item.S3Uri, item.Content.Span);
        }

        foreach (var (uri, file) in context.App.LocalData)
        {
            var path = Path.IsPathRooted(file) ? file : Path.Combine(options.ProjectRoot, file);
            if (!File.Exists(path))
            {
                throw new CommandException(ExitCodes.CannotReadInput, $"The local data file {path} (for {uri}) does not exist.");
            }

            runner.Store.PutFile(uri, path);
        }

        foreach (var (name, file) in dataFiles)
        {
            runner.Store.PutFile(dataPrefix + name, file);
        }

        var result = await runner.RunAsync(definitionJson, context.App.Pipeline.Name, cancellationToken);
        if (json)
        {
            context.Output.WriteLine(Summary(result).ToJsonString(ReadableJson.Options));
        }
        else
        {
            Report(context, result, runner.Store);
            if (dataPath is not null)
            {
                context.Output.WriteLine($"  {"data:",-20}{dataFiles.Count} file(s) from {dataPath}, as {context.App.DataParameter} = {dataPrefix}");
            }
        }

        return result.Status switch
        {
            LocalRunStatus.Succeeded => ExitCodes.Success,
            LocalRunStatus.Cancelled => ExitCodes.Cancelled,
            _ when result.InputOutputFailure => ExitCodes.InputOutput,
            _ => ExitCodes.RunFailed,
        };
    }

    private static void Report(CommandContext context, LocalRunResult result, LocalObjectStore store)
    {
        var table = new Table().AddColumns("Step", "Type", "Status", "Time");
        foreach (var step in result.Steps)
        {
            table.AddRow(Markup.Escape(step.Name), step.Type, step.Status.ToString(), Seconds(step.Elapsed));
        }

        context.Console.Write(table);
        context.Output.WriteLine($"Run {result.RunId}: {result.Status} in {Seconds(result.Elapsed)}.");
        context.Output.WriteLine($"  run folder (logs):  {result.RunFolder}");
        context.Output.WriteLine($"  lineage:            {result.LineagePath}");
        foreach (var step in result.Steps)
        {
            if (step.Model is { } model)
            {
                context.Output.WriteLine($"  {$"model ({step.Name}):",-20}{store.PathOf(model.S3Uri)}");
                context.Output.WriteLine($"  {"",-20}{model.S3Uri} (sha256 {model.Sha256})");
            }
        }

        foreach (var package in result.Registered)
        {
            context.Output.WriteLine($"  registered:         {package.Group} version {package.Version} ({package.ApprovalStatus})");
            var metrics = package.Metrics();
            for (var i = 0; i < metrics.Count; i++)
            {
                context.Output.WriteLine($"  {(i == 0 ? "metrics:" : ""),-20}{metrics[i]}");
            }
        }

        if (result.VersionDifferences.Count > 0)
        {
            context.Output.WriteLine($"This machine differs from the SageMaker containers ({result.VersionDifferences.Count}; also in the lineage; --strict-versions refuses to run):");
            foreach (var difference in result.VersionDifferences)
            {
                context.Output.WriteLine($"  - {difference}");
            }
        }

        foreach (var warning in result.Warnings)
        {
            context.Error.WriteLine($"warning: {warning}");
        }

        if (result.Failure is not null)
        {
            context.Error.WriteLine(result.Failure);
        }
    }

    private static JsonObject Summary(LocalRunResult result) => new()
    {
        ["runId"] = result.RunId,
        ["status"] = result.Status.ToString(),
        ["failure"] = result.Failure,
        ["elapsedSeconds"] = Math.Round(result.Elapsed.TotalSeconds, 3),
        ["runFolder"] = result.RunFolder,
        ["lineage"] = result.LineagePath,
        ["steps"] = new JsonArray(result.Steps.Select(s => (JsonNode)new JsonObject
        {
            ["name"] = s.Name,
            ["type"] = s.Type,
            ["status"] = s.Status.ToString(),
            ["elapsedSeconds"] = Math.Round(s.Elapsed.TotalSeconds, 3),
            ["processSeconds"] = Math.Round(s.ProcessTime.TotalSeconds, 3),
            ["log"] = s.LogPath,
            ["message"] = s.Message,
        }).ToArray()),
        ["versionDifferences"] = new JsonArray(result.VersionDifferences.Select(d => (JsonNode)new JsonObject
        {
            ["container"] = d.Container,
            ["library"] = d.Library,
            ["local"] = d.Local,
            ["containerVersion"] = d.Expected,
            ["steps"] = new JsonArray(d.Steps.Select(s => (JsonNode?)s).ToArray()),
        }).ToArray()),
        ["warnings"] = new JsonArray(result.Warnings.Select(w => (JsonNode)w).ToArray()),
        ["registered"] = new JsonArray(result.Registered.Select(p => (JsonNode)new JsonObject
        {
            ["group"] = p.Group,
            ["version"] = p.Version,
            ["arn"] = p.Arn,
            ["approvalStatus"] = p.ApprovalStatus,
        }).ToArray()),
    };

    internal static Dictionary<string, string> ParseParameters(string[] values)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            var equals = value.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new LocalRunException($"--param {value} is not NAME=VALUE.");
            }

            result[value[..equals]] = value[(equals + 1)..];
        }

        return result;
    }

    /// <summary>A failed step's cause in one line: its message's first line without the "Step 'X' failed: " the progress line already says.</summary>
    private static string FailureLine(string step, string message)
    {
        var first = message.Split('\n')[0];
        var prefix = $"Step '{step}' failed: ";
        first = first.StartsWith(prefix, StringComparison.Ordinal) ? first[prefix.Length..] : first;
        // A script that said several error lines: the first line ends with a colon and they follow, indented.
        var said = message.Split('\n').Skip(1).TakeWhile(l => l.StartsWith("  ", StringComparison.Ordinal)).Select(l => l.Trim());
        return first.EndsWith(':') ? first + " " + string.Join(" / ", said) : first;
    }

    private static string Seconds(TimeSpan elapsed) => elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";

    /// <summary>One line per step as it starts and ends, written in order from any thread.</summary>
    private sealed class LineProgress(CommandContext context) : IProgress<LocalRunEvent>
    {
        private readonly Lock _gate = new();

        public void Report(LocalRunEvent value)
        {
            var mark = value.Status switch
            {
                LocalStepStatus.Running => "…",
                LocalStepStatus.Succeeded => "✓",
                LocalStepStatus.Cached => "↺",
                LocalStepStatus.Failed => "✗",
                _ => "-",
            };
            var time = value.Status == LocalStepStatus.Running ? "" : $" {Seconds(value.Elapsed)}";
            var note = value.Message is null ? ""
                : value.Status == LocalStepStatus.Failed ? ": " + FailureLine(value.Step, value.Message)
                : $" ({value.Message})";
            lock (_gate)
            {
                context.Output.WriteLine($"{mark} {value.Step} [{value.Type}] {value.Status.ToString().ToLowerInvariant()}{time}{note}");
            }
        }
    }
}
