using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MlPipeline.SageMakerPipelines.Definition;
using MlPipeline.SageMakerPipelines.Images;
using MlPipeline.SageMakerPipelines.Serialization;
using MlPipeline.SageMakerPipelines.Validation;

namespace MlPipeline.SageMakerPipelines.Local;

/// <summary>
/// Runs a pipeline definition on this machine, with no Docker and no cloud: the same definition JSON that
/// SageMaker runs, in dependency order, independent steps in parallel. Processing and training steps run their
/// scripts with a local Python; S3 is a folder; conditions, <c>Get</c>, <c>Std:Join</c> and <c>Std:JsonGet</c>
/// are evaluated as SageMaker does; RegisterModel writes to the local registry; every run records its lineage.
/// </summary>
/// <param name="options">Where and how to run.</param>
public sealed partial class LocalRunner(LocalRunOptions options)
{
    private static readonly JsonSerializerOptions Indented = ReadableJson.Options;

    /// <summary>The local object store (S3) of the project.</summary>
    public LocalObjectStore Store { get; } = new(Path.Combine(options.StateFolder, "s3"));

    /// <summary>The local model registry of the project.</summary>
    public LocalModelRegistry Registry { get; } = new(Path.Combine(options.StateFolder, "registry"));

    /// <summary>Runs a pipeline built with this library.</summary>
    /// <param name="pipeline">The pipeline.</param>
    /// <param name="cancellationToken">Stops the run: running steps are killed, the records stay consistent.</param>
    public Task<LocalRunResult> RunAsync(Pipeline pipeline, CancellationToken cancellationToken = default) =>
        RunAsync(pipeline.ToJson(), pipeline.Name, cancellationToken);

    /// <summary>Runs a definition.</summary>
    /// <param name="definitionJson">The definition JSON.</param>
    /// <param name="pipelineName">The pipeline's name (<c>Execution.PipelineName</c>).</param>
    /// <param name="cancellationToken">Stops the run: running steps are killed, the records stay consistent.</param>
    /// <exception cref="LocalRunException">The definition is invalid, a parameter value is wrong, or Python is missing; nothing ran.</exception>
    public async Task<LocalRunResult> RunAsync(string definitionJson, string pipelineName, CancellationToken cancellationToken = default)
    {
        var findings = PipelineValidator.Validate(definitionJson, pipelineName);
        if (findings.Count > 0)
        {
            throw new LocalRunException("The definition is invalid; nothing ran:\n" + string.Join('\n', findings));
        }

        var definition = JsonNode.Parse(definitionJson)!.AsObject();
        var parameters = ResolveParameters(definition["Parameters"] as JsonArray ?? []);
        var (python, pythonSource) = options.ChoosePython();
        var runId = string.Create(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{RandomNumberGenerator.GetHexString(6, lowercase: true)}");
        var folder = Path.Combine(options.StateFolder, "runs", runId);
        var values = new RunValues(parameters, new Dictionary<string, string>
        {
            ["PipelineExecutionId"] = runId,
            ["PipelineExecutionArn"] = $"arn:aws:sagemaker:local:000000000000:pipeline/{pipelineName.ToLowerInvariant()}/execution/{runId}",
            ["PipelineName"] = pipelineName,
            ["PipelineArn"] = $"arn:aws:sagemaker:local:000000000000:pipeline/{pipelineName.ToLowerInvariant()}",
            ["StartDateTime"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            ["CurrentDateTime"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
        }, definition["PipelineExperimentConfig"] as JsonObject, ReadObject);
        var document = new DefinitionDocument(definition);
        var steps = document.Steps;
        var problems = CheckBeforeRun(definition, steps, values, folder, python);
        if (problems.Count > 0)
        {
            throw new LocalRunException("The run would break the local sandbox or SageMaker's rules; nothing ran:\n" + string.Join('\n', problems));
        }

        var interpreter = await InterpreterProbe.RunAsync(python, cancellationToken);
        options.Announce?.Invoke($"Python {interpreter.PythonVersion}: {python} ({pythonSource})");
        var differences = InterpreterProbe.Differences(interpreter, InterpreterProbe.StepContainers(steps, values));
        if (options.StrictVersions && differences.Count > 0)
        {
            throw new LocalRunException(
                $"{python} (Python {interpreter.PythonVersion}) differs from the SageMaker containers the steps run in, and --strict-versions was given; nothing ran:\n"
                + string.Join('\n', differences.Select(d => $"  - {d}"))
                + "\nInstall the container versions (the project's steps/requirements*.txt) or run without --strict-versions.");
        }

        Directory.CreateDirectory(folder);
        using var alive = HoldRunLock(folder);
        var run = new RunState(runId, folder, python, interpreter, differences, values);
        var watch = Stopwatch.StartNew();
        WriteRunRecord(run, LocalRunStatus.Running, null, definitionJson, pipelineName);

        LocalRunStatus status;
        string? failure = null;
        try
        {
            failure = await ScheduleAsync(document, run, cancellationToken);
            status = failure is null ? LocalRunStatus.Succeeded : LocalRunStatus.Failed;
        }
        catch (OperationCanceledException)
        {
            status = LocalRunStatus.Cancelled;
            var interrupted = run.Running.Keys.Order(StringComparer.Ordinal).Select(name => $"'{name}'").ToList();
            failure = "The run was cancelled"
                + (interrupted.Count == 0 ? "" : interrupted.Count == 1 ? $" while step {interrupted[0]} was running (its process was stopped)"
                    : $" while steps {string.Join(", ", interrupted)} were running (their processes were stopped)")
                + "; finished steps are kept and a rerun reuses them from the cache.";
        }

        var results = steps.Select(s => run.Results.GetValueOrDefault(s.Name)
            ?? new LocalStepResult(s.Name, s.TypeName, status == LocalRunStatus.Succeeded ? LocalStepStatus.Skipped : LocalStepStatus.NotRun, TimeSpan.Zero, TimeSpan.Zero, null, null)).ToList();
        var lineagePath = WriteLineage(run, definitionJson, pipelineName, status, failure, results, watch.Elapsed);
        WriteRunRecord(run, status, failure, definitionJson, pipelineName);
        return new LocalRunResult(runId, folder, status, failure, results, watch.Elapsed, lineagePath, [.. results.Select(r => r.Registered).OfType<ModelPackage>()])
        {
            InputOutputFailure = run.InputOutputFailure,
            VersionDifferences = differences,
            Warnings = [.. steps.Select(s => run.Warnings.GetValueOrDefault(s.Name)).OfType<string>()],
        };
    }

    /// <summary>Starts each step once everything it needs has finished; stops starting steps after a failure.</summary>
    private async Task<string?> ScheduleAsync(DefinitionDocument document, RunState run, CancellationToken cancellationToken)
    {
        // A step in a branch waits for its condition too.
        var needs = document.Steps.ToDictionary(
            s => s.Name,
            s => document.Dependencies(s).Concat(s.Branches.Count > 0 ? [s.Branches[^1].Condition] : [])
                .Where(n => n != s.Name).ToHashSet(StringComparer.Ordinal),
            StringComparer.Ordinal);
        var pending = document.Steps.ToList();
        var running = new Dictionary<Task<LocalStepResult>, DefinitionStep>();
        string? failure = null;
        while (pending.Count > 0 || running.Count > 0)
        {
            foreach (var step in pending.ToList())
            {
                var reason = SkipReason(step, needs[step.Name], run);
                if (reason is not null)
                {
                    pending.Remove(step);
                    Record(run, new LocalStepResult(step.Name, step.TypeName, LocalStepStatus.Skipped, TimeSpan.Zero, TimeSpan.Zero, null, reason));
                }
            }

            var ready = failure is null
                ? pending.Where(s => needs[s.Name].All(n => run.Results.TryGetValue(n, out var r) && r.Status is LocalStepStatus.Succeeded or LocalStepStatus.Cached)).ToList()
                : [];
            foreach (var step in ready.Take(Math.Max(1, options.MaxParallelism) - running.Count))
            {
                pending.Remove(step);
                running[ExecuteAsync(step, run, cancellationToken)] = step;
            }

            if (running.Count == 0)
            {
                break;
            }

            var done = await Task.WhenAny(running.Keys);
            running.Remove(done);
            LocalStepResult result;
            try
            {
                result = await done;
            }
            catch (OperationCanceledException)
            {
                // Let every other running step stop (their processes are being killed) before the run is recorded.
                await Task.WhenAll(running.Keys.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
                throw;
            }

            Record(run, result);
            if (result.Status == LocalStepStatus.Failed)
            {
                failure ??= result.Message;
            }
        }

        return failure;
    }

    private static string? SkipReason(DefinitionStep step, HashSet<string> needs, RunState run)
    {
        if (step.Branches.Count > 0)
        {
            var (condition, branch) = step.Branches[^1];
            if (run.Outcomes.TryGetValue(condition, out var outcome) && outcome != (branch == "IfSteps"))
            {
                return $"'{condition}' took the other branch";
            }
        }

        var skipped = needs.FirstOrDefault(n => run.Results.TryGetValue(n, out var r) && r.Status == LocalStepStatus.Skipped);
        return skipped is null ? null : $"it needs '{skipped}', which was skipped";
    }

    private void Record(RunState run, LocalStepResult result)
    {
        run.Results[result.Name] = result;
        options.Progress?.Report(new LocalRunEvent(result.Name, result.Type, result.Status, result.Elapsed, result.Message));
    }

    /// <summary>
    /// The SageMaker framework container each Processing and Training step of a definition runs in, for the steps
    /// whose image the catalogue knows (parameters at their defaults or this runner's values).
    /// </summary>
    internal List<(string Step, FrameworkContainer Container)> StepContainers(string definitionJson)
    {
        var definition = JsonNode.Parse(definitionJson)!.AsObject();
        var values = new RunValues(ResolveParameters(definition["Parameters"] as JsonArray ?? []), new Dictionary<string, string>(),
            definition["PipelineExperimentConfig"] as JsonObject, ReadObject);
        return [.. InterpreterProbe.StepContainers(new DefinitionDocument(definition).Steps, values)];
    }

    private Dictionary<string, JsonNode?> ResolveParameters(JsonArray declared)
    {
        try
        {
            return ParameterValues.Resolve(declared, options.Parameters);
        }
        catch (ArgumentException e)
        {
            throw new LocalRunException(e.Message);
        }
    }

    private static void WriteRunRecord(RunState run, LocalRunStatus status, string? failure, string definitionJson, string pipelineName)
    {
        var record = new JsonObject
        {
            ["RunId"] = run.RunId,
            ["PipelineName"] = pipelineName,
            ["Status"] = status.ToString(),
            ["Failure"] = failure,
            ["DefinitionSha256"] = Sha256(definitionJson),
            ["StartTime"] = run.Values.Execution["StartDateTime"],
            ["Runner"] = new JsonObject { ["Host"] = Environment.MachineName, ["ProcessId"] = Environment.ProcessId },
        };
        AtomicFile.WriteText(Path.Combine(run.Folder, "run.json"), record.ToJsonString(Indented));
        if (status == LocalRunStatus.Running)
        {
            AtomicFile.WriteText(Path.Combine(run.Folder, "definition.json"), definitionJson);
        }
    }

    /// <summary>The text of an object in the local object store, or null when it is not there (or the URI is not an S3 URI).</summary>
    private string? ReadObject(string uri)
    {
        try
        {
            return File.Exists(Store.PathOf(uri)) ? File.ReadAllText(Store.PathOf(uri)) : null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    internal static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    internal static string Sha256File(string path) => Convert.ToHexStringLower(LocalObjectStore.FileSha256(path));

    /// <summary>Everything one run knows while it runs.</summary>
    internal sealed class RunState(string runId, string folder, string python, InterpreterProbe.Interpreter interpreter, IReadOnlyList<VersionDifference> differences, RunValues values)
    {
        public string RunId { get; } = runId;

        public string Folder { get; } = folder;

        public string Python { get; } = python;

        public string PythonVersion => Interpreter.PythonVersion;

        /// <summary>The interpreter's Python and library versions.</summary>
        public InterpreterProbe.Interpreter Interpreter { get; } = interpreter;

        /// <summary>Where the interpreter differs from the steps' containers.</summary>
        public IReadOnlyList<VersionDifference> Differences { get; } = differences;

        public RunValues Values { get; } = values;

        public ConcurrentDictionary<string, LocalStepResult> Results { get; } = new(StringComparer.Ordinal);

        public ConcurrentDictionary<string, bool> Outcomes { get; } = new(StringComparer.Ordinal);

        public ConcurrentDictionary<string, string> CacheKeys { get; } = new(StringComparer.Ordinal);

        /// <summary>The content hash of each step's inputs from outside the pipeline, by S3 URI.</summary>
        public ConcurrentDictionary<string, IReadOnlyDictionary<string, string>> InputContent { get; } = new(StringComparer.Ordinal);

        /// <summary>By step: where the run differs from SageMaker (a reuse SageMaker would make although the data changed).</summary>
        public ConcurrentDictionary<string, string> Warnings { get; } = new(StringComparer.Ordinal);

        public ConcurrentDictionary<string, JsonObject> Lineage { get; } = new(StringComparer.Ordinal);

        /// <summary>Whether a step failed on an I/O error (a full disk), not on its own.</summary>
        public bool InputOutputFailure { get; set; }

        /// <summary>Steps whose process is running, so a cancellation can say which it stopped.</summary>
        public ConcurrentDictionary<string, bool> Running { get; } = new(StringComparer.Ordinal);
    }
}
