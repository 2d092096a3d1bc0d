using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using MlPipeline.SageMakerPipelines.Definition;

namespace MlPipeline.SageMakerPipelines.Local;

public sealed partial class LocalRunner
{
    /// <summary>The largest property file or report the runner reads: they are small JSON documents.</summary>
    private const long MaxJsonBytes = 16 << 20;

    private sealed record Execution(Dictionary<string, JsonNode?> Properties, Dictionary<string, JsonNode?> PropertyFiles, Dictionary<string, string> Outputs, TimeSpan ProcessTime, string? LogPath, JsonObject Lineage);

    private async Task<LocalStepResult> ExecuteAsync(DefinitionStep step, RunState run, CancellationToken cancellationToken)
    {
        await Task.Yield();
        var watch = Stopwatch.StartNew();
        var folder = Path.Combine(run.Folder, "steps", step.Name);
        var logPath = Path.Combine(folder, "log.txt");
        try
        {
            Directory.CreateDirectory(folder);
            var local = step.Descriptor.RunLocally ?? throw new LocalRunException(step.Name,
                $"{step.TypeName} steps are not supported locally (they need SageMaker's own service); run this pipeline on SageMaker, or leave the step out of local runs.");
            return await local.Run(this, new StepRun(step, run, folder, logPath, watch, cancellationToken));
        }
        catch (Exception e) when (e is LocalRunException or IOException or UnauthorizedAccessException)
        {
            // A full disk, a file that cannot be written: the step fails as an I/O error (the command line exits 74).
            var io = e is not LocalRunException;
            run.InputOutputFailure |= io;
            var tail = File.Exists(logPath) ? ChildProcess.Tail(logPath) : null;
            var message = e is LocalRunException { Step: not null } ? e.Message : $"Step '{step.Name}' failed: {(io ? "I/O error: " : "")}{e.Message}";
            if (InterpreterProbe.MissingModuleAdvice(tail, step, run.Values, run.Python) is { } advice)
            {
                message += " " + advice;
            }

            if (!string.IsNullOrWhiteSpace(tail))
            {
                message += $"\nLast lines of {logPath}:\n{tail}";
            }

            return new LocalStepResult(step.Name, step.TypeName, LocalStepStatus.Failed, watch.Elapsed, TimeSpan.Zero, File.Exists(logPath) ? logPath : null, message);
        }
    }

    /// <summary>Runs a job step, or reuses an earlier run of it when its kind is cacheable: <paramref name="job"/> runs it with its evaluated arguments.</summary>
    private async Task<LocalStepResult> RunJobAsync(StepRun stepRun, Func<JsonObject, Task<Execution>> job)
    {
        var (step, run, _, logPath, watch, cancellationToken) = stepRun;
        var key = CacheKey(step, run);
        run.CacheKeys[step.Name] = key;
        var cache = new StepCache(Path.Combine(options.StateFolder, "cache"), Store);
        string? stale = null;
        var cacheable = step.Descriptor.Cacheable;
        if (cacheable && !options.NoCache)
        {
            (var entry, stale) = cache.Find(key);
            if (entry is not null)
            {
                run.Values.SetProperties(step.Name, entry.Properties.ToDictionary(p => p.Key, p => p.Value?.DeepClone(), StringComparer.Ordinal));
                foreach (var (name, content) in entry.PropertyFiles)
                {
                    run.Values.SetPropertyFile(step.Name, name, content?.DeepClone());
                }

                var reused = (JsonObject)entry.Lineage.DeepClone();
                reused["CachedFromRun"] = entry.RunId;
                var hidden = HiddenChange(step.Name, entry, run.InputContent[step.Name]);
                if (hidden is not null)
                {
                    reused["CacheWarning"] = hidden;
                    run.Warnings[step.Name] = hidden;
                }

                run.Lineage[step.Name] = reused;
                return new LocalStepResult(step.Name, step.TypeName, LocalStepStatus.Cached, watch.Elapsed, TimeSpan.Zero, null,
                    hidden is null ? $"reused from run {entry.RunId}" : $"reused from run {entry.RunId}; its input changed, SageMaker would reuse it too")
                {
                    Artifacts = Artifacts(entry.Outputs),
                    Model = ModelArtifact(reused),
                };
            }
        }

        if (stale is not null)
        {
            await File.AppendAllTextAsync(logPath, $"[mlpipeline] cache not used: {stale}; running the step again.\n", cancellationToken);
        }

        options.Progress?.Report(new LocalRunEvent(step.Name, step.TypeName, LocalStepStatus.Running, TimeSpan.Zero, null));
        var arguments = (JsonObject)run.Values.Evaluate(step.Arguments, step.Name)!;
        var started = DateTimeOffset.UtcNow;
        run.Running[step.Name] = true;
        Execution execution;
        try
        {
            execution = await job(arguments);
        }
        finally
        {
            if (!cancellationToken.IsCancellationRequested)
            {
                run.Running.TryRemove(step.Name, out _);
            }
        }

        DescribedProperties.Add(execution.Properties, step.Descriptor, arguments, started);
        run.Values.SetProperties(step.Name, execution.Properties);
        foreach (var (name, content) in execution.PropertyFiles)
        {
            run.Values.SetPropertyFile(step.Name, name, content);
        }

        execution.Lineage["Type"] = step.TypeName;
        execution.Lineage["CacheKey"] = key;
        execution.Lineage["Outputs"] = new JsonObject(execution.Outputs.Select(o => KeyValuePair.Create(o.Key, (JsonNode?)o.Value)));
        run.Lineage[step.Name] = execution.Lineage;
        var made = new StepCache.Entry(
            key,
            new JsonObject(execution.Properties.Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone()))),
            new JsonObject(execution.PropertyFiles.Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone()))),
            execution.Outputs,
            run.RunId,
            execution.Lineage);
        if (cacheable)
        {
            cache.Save(made with { InputContent = run.InputContent[step.Name] });
        }

        return new LocalStepResult(step.Name, step.TypeName, LocalStepStatus.Succeeded, watch.Elapsed, execution.ProcessTime, logPath, stale)
        {
            Artifacts = Artifacts(execution.Outputs),
            Model = ModelArtifact(execution.Lineage),
        };
    }

    /// <summary>A step's outputs (S3 URI to content hash) as its result gives them.</summary>
    private static LocalArtifact[] Artifacts(IReadOnlyDictionary<string, string> outputs) =>
        [.. outputs.Select(o => new LocalArtifact(o.Key, o.Value))];

    /// <summary>The model archive a step's lineage record names (<c>ModelArtifact</c>: a training step's, a tuning step's best), or null.</summary>
    private static LocalArtifact? ModelArtifact(JsonObject lineage) =>
        lineage["ModelArtifact"] is JsonObject model && JsonText.Of(model["S3Uri"]) is { } uri && JsonText.Of(model["Sha256"]) is { } sha256
            ? new LocalArtifact(uri, sha256)
            : null;

    private static Dictionary<string, string> StepEnvironment(JsonNode? declared, string container)
    {
        var environment = (declared as JsonObject ?? []).ToDictionary(p => p.Key, p => RunValues.Text(p.Value), StringComparer.Ordinal);
        environment["MLPIPELINE_CONTAINER_ROOT"] = container;
        environment["PYTHONUNBUFFERED"] = "1";
        environment["PYTHONHASHSEED"] = "0";
        environment["PYTHONDONTWRITEBYTECODE"] = "1";
        return environment;
    }

    /// <summary>
    /// A step whose script failed: the message's first line gives the exit code and what the script said last about the
    /// failure (<see cref="StepLog"/>), so a summary names the cause without opening log.txt.
    /// </summary>
    private static void CheckExit(string stepName, ChildProcess.Outcome outcome, JsonObject arguments, string logPath)
    {
        if (ExitProblem(outcome, arguments, logPath) is { } problem)
        {
            throw new LocalRunException(stepName, problem);
        }
    }

    /// <summary>Why a step's process failed, or null when it did not.</summary>
    private static string? ExitProblem(ChildProcess.Outcome outcome, JsonObject arguments, string logPath)
    {
        if (outcome.TimedOut)
        {
            return $"it ran longer than its StoppingCondition.MaxRuntimeInSeconds ({arguments["StoppingCondition"]?["MaxRuntimeInSeconds"]}) and was stopped.";
        }

        if (outcome.ExitCode == 0)
        {
            return null;
        }

        var said = StepLog.ErrorLines(logPath);
        var exited = string.Create(CultureInfo.InvariantCulture, $"its script exited with code {outcome.ExitCode}");
        return said.Count switch
        {
            0 => exited + ".",
            1 => $"{exited}: {said[0]}",
            _ => $"{exited}:\n  {string.Join("\n  ", said)}",
        };
    }

    private static TimeSpan? Timeout(JsonObject arguments) =>
        arguments["StoppingCondition"]?["MaxRuntimeInSeconds"] is JsonValue seconds && seconds.TryGetValue<long>(out var value)
            ? TimeSpan.FromSeconds(value)
            : null;

    private static string JobName(DefinitionStep step, RunState run)
    {
        var name = $"{step.Name}-{run.RunId}";
        return name.Length <= 63 ? name : name[^63..].TrimStart('-');
    }

    /// <summary>A small JSON document (a property file, an evaluation report), read only if it is at most <see cref="MaxJsonBytes"/>.</summary>
    internal static JsonNode? ReadJson(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        if (stream.Length > MaxJsonBytes)
        {
            throw new IOException(string.Create(CultureInfo.InvariantCulture, $"{path} is {stream.Length} bytes; a JSON report of more than {MaxJsonBytes} bytes is not read"));
        }

        return JsonNode.Parse(stream);
    }

}
