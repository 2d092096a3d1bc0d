using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
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

    private async Task<Execution> RunProcessingAsync(DefinitionStep step, JsonObject arguments, RunState run, string folder, string logPath, CancellationToken cancellationToken)
    {
        var container = Path.Combine(folder, "container");
        var plan = PlanProcessing(step, arguments, RunValues.Text, container, run.Python);
        var lineage = new JsonObject { ["Image"] = arguments["AppSpecification"]?["ImageUri"]?.DeepClone() };
        var inputs = new JsonArray();
        foreach (var (name, uri, local) in plan.Inputs)
        {
            if (Store.Download(uri, local) == 0)
            {
                throw new LocalRunException(step.Name, $"input '{name}' ({uri}) has no objects in the local object store (looked in {Store.PathOf(uri)}).");
            }

            inputs.Add(new JsonObject { ["Name"] = name, ["S3Uri"] = uri, ["Sha256"] = Store.ContentHash(uri) });
        }

        lineage["Inputs"] = inputs;
        foreach (var output in plan.Outputs)
        {
            Directory.CreateDirectory(output.Local);
        }

        var (program, commandArguments, script) = plan.Command!.Value;
        if (script is not null)
        {
            LocalSandbox.CheckScript(container, script, "the script");
        }

        var environment = StepEnvironment(arguments["Environment"], container);
        var outcome = await ChildProcess.RunAsync(run.Python, program, commandArguments, environment, container, logPath, Timeout(arguments), cancellationToken);
        CheckExit(step.Name, outcome, arguments, logPath);

        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        var properties = new Dictionary<string, JsonNode?>(StringComparer.Ordinal)
        {
            ["ProcessingJobName"] = JobName(step, run),
            ["ProcessingJobStatus"] = "Completed",
            ["AppSpecification.ImageUri"] = arguments["AppSpecification"]?["ImageUri"]?.DeepClone(),
        };
        foreach (var (name, uri, local) in plan.Outputs)
        {
            if (Store.Upload(local, uri) == 0)
            {
                throw new LocalRunException(step.Name, $"it wrote nothing to output '{name}' ({LocalPathOf(container, local)}); the script must write its results there.");
            }

            hashes[uri] = Store.ContentHash(uri);
            properties[$"ProcessingOutputConfig.Outputs['{name}'].S3Output.S3Uri"] = uri;
        }

        var propertyFiles = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var (name, output, filePath, path) in plan.PropertyFiles)
        {
            try
            {
                LocalSandbox.CheckNoLinks(container, path, $"property file '{name}'");
                propertyFiles[name] = ReadJson(path);
            }
            catch (Exception e) when (e is IOException or JsonException)
            {
                throw new LocalRunException(step.Name, $"property file '{name}' ({filePath} in output '{output}') is missing or not JSON: {e.Message}");
            }
        }

        return new Execution(properties, propertyFiles, hashes, outcome.Elapsed, logPath, lineage);
    }

    /// <summary>
    /// One training job, as CreateTrainingJob runs it: <paramref name="arguments"/> is the evaluated request, the job's
    /// container lives under <paramref name="folder"/>, its model goes to S3OutputPath/<paramref name="jobName"/>/output/model.tar.gz.
    /// A Training step runs one; a Tuning step runs one per candidate.
    /// </summary>
    private async Task<Execution> TrainAsync(string stepName, JsonObject arguments, string jobName, string folder, string logPath, RunState run, int cpus, CancellationToken cancellationToken)
    {
        var container = Path.Combine(folder, "container");
        var ml = Path.Combine(container, "opt", "ml");
        var hyperParameters = (arguments["HyperParameters"] as JsonObject ?? []).ToDictionary(p => p.Key, p => RunValues.Text(p.Value), StringComparer.Ordinal);
        var plan = PlanTraining(arguments, RunValues.Text, container);
        var (program, submit) = (plan.Program, plan.Submit);
        var image = arguments["AlgorithmSpecification"]?["TrainingImage"]?.GetValue<string>() ?? "";
        if (program is null || submit is null || plan.ProgramFile is null)
        {
            throw new LocalRunException(stepName,
                $"it runs the built-in algorithm of {image} with no script; local runs need script mode (hyperparameters sagemaker_program and sagemaker_submit_directory).");
        }

        var code = Path.Combine(ml, "code");
        if (submit.EndsWith(".tar.gz", StringComparison.Ordinal))
        {
            if (!File.Exists(Store.PathOf(submit)))
            {
                throw new LocalRunException(stepName, $"its source archive {submit} is not in the local object store.");
            }

            DeterministicArchive.Extract(Store.PathOf(submit), code);
        }
        else if (Store.Download(submit, code) == 0)
        {
            throw new LocalRunException(stepName, $"its source directory {submit} has no objects in the local object store.");
        }

        LocalSandbox.CheckScript(code, plan.ProgramFile, "the training program");
        var lineage = new JsonObject
        {
            ["Image"] = image,
            ["Code"] = new JsonObject { ["S3Uri"] = submit, ["Sha256"] = Store.ContentHash(submit), ["Program"] = program },
        };
        var channels = new JsonArray();
        var environment = StepEnvironment(arguments["Environment"], container);
        var channelNames = new List<string>();
        foreach (var (name, uri, local) in plan.Channels)
        {
            if (Store.Download(uri, local) == 0)
            {
                throw new LocalRunException(stepName, $"channel '{name}' ({uri}) has no objects in the local object store (looked in {Store.PathOf(uri)}).");
            }

            channels.Add(new JsonObject { ["Name"] = name, ["S3Uri"] = uri, ["Sha256"] = Store.ContentHash(uri) });
            environment["SM_CHANNEL_" + name.ToUpperInvariant()] = local;
            channelNames.Add(name);
        }

        lineage["Inputs"] = channels;
        var user = hyperParameters.Where(h => !h.Key.StartsWith("sagemaker_", StringComparison.Ordinal)).OrderBy(h => h.Key, StringComparer.Ordinal).ToList();
        var config = Path.Combine(ml, "input", "config");
        Directory.CreateDirectory(config);
        AtomicFile.WriteText(Path.Combine(config, "hyperparameters.json"), new JsonObject(hyperParameters.Select(h => KeyValuePair.Create(h.Key, (JsonNode?)h.Value))).ToJsonString());
        AtomicFile.WriteText(Path.Combine(config, "resourceconfig.json"), """{"current_host":"algo-1","hosts":["algo-1"]}""");
        var model = Path.Combine(ml, "model");
        var outputData = Path.Combine(ml, "output", "data");
        Directory.CreateDirectory(model);
        Directory.CreateDirectory(outputData);
        environment["SM_MODEL_DIR"] = model;
        environment["SM_OUTPUT_DATA_DIR"] = outputData;
        environment["SM_OUTPUT_DIR"] = Path.Combine(ml, "output");
        environment["SM_INPUT_DIR"] = Path.Combine(ml, "input");
        environment["SM_INPUT_CONFIG_DIR"] = config;
        environment["SM_MODULE_DIR"] = submit;
        environment["SM_CHANNELS"] = new JsonArray(channelNames.Select(n => (JsonNode?)n).ToArray()).ToJsonString();
        environment["SM_HPS"] = new JsonObject(user.Select(h => KeyValuePair.Create(h.Key, ParseHyperParameter(h.Value)))).ToJsonString();
        environment["SM_CURRENT_HOST"] = "algo-1";
        environment["SM_HOSTS"] = """["algo-1"]""";
        // The job's instance has CPUS cores: OpenMP and BLAS in the script use that many threads (unless the step's
        // Environment says otherwise), so jobs that run side by side do not spin over each other's cores.
        var cores = cpus.ToString(CultureInfo.InvariantCulture);
        environment["SM_NUM_CPUS"] = cores;
        foreach (var threads in (string[])["OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"])
        {
            environment.TryAdd(threads, cores);
        }

        environment["SM_NUM_GPUS"] = "0";
        foreach (var (name, value) in user)
        {
            environment["SM_HP_" + name.ToUpperInvariant()] = value;
        }

        var command = new List<string> { plan.ProgramFile };
        command.AddRange(user.SelectMany(h => new[] { "--" + h.Key, h.Value }));
        var outcome = await ChildProcess.RunAsync(run.Python, run.Python, command, environment, code, logPath, Timeout(arguments), cancellationToken);
        CheckExit(stepName, outcome, arguments, logPath);
        if (!Directory.EnumerateFiles(model, "*", SearchOption.AllDirectories).Any())
        {
            throw new LocalRunException(stepName, "it wrote no model to SM_MODEL_DIR; the training script must save its model there.");
        }

        var artifact = $"{arguments["OutputDataConfig"]!["S3OutputPath"]!.GetValue<string>().TrimEnd('/')}/{jobName}/output/model.tar.gz";
        Store.Put(artifact, stream => DeterministicArchive.Pack(model, stream));
        var properties = new Dictionary<string, JsonNode?>(StringComparer.Ordinal)
        {
            ["ModelArtifacts.S3ModelArtifacts"] = artifact,
            ["TrainingJobName"] = jobName,
            ["TrainingJobStatus"] = "Completed",
            ["OutputDataConfig.S3OutputPath"] = arguments["OutputDataConfig"]!["S3OutputPath"]!.DeepClone(),
            ["AlgorithmSpecification.TrainingImage"] = image,
        };
        foreach (var (name, value) in hyperParameters)
        {
            properties[$"HyperParameters['{name}']"] = value;
        }

        foreach (var (name, value) in Metrics(arguments, logPath))
        {
            properties[$"FinalMetricDataList['{name}'].Value"] = value;
        }

        lineage["ModelArtifact"] = new JsonObject { ["S3Uri"] = artifact, ["Sha256"] = Sha256File(Store.PathOf(artifact)) };
        return new Execution(properties, [], new Dictionary<string, string>(StringComparer.Ordinal) { [artifact] = Store.ContentHash(artifact) }, outcome.Elapsed, logPath, lineage);
    }

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
        if (outcome.TimedOut)
        {
            throw new LocalRunException(stepName,
                $"it ran longer than its StoppingCondition.MaxRuntimeInSeconds ({arguments["StoppingCondition"]?["MaxRuntimeInSeconds"]}) and was stopped.");
        }

        if (outcome.ExitCode != 0)
        {
            var said = StepLog.ErrorLines(logPath);
            var exited = string.Create(CultureInfo.InvariantCulture, $"its script exited with code {outcome.ExitCode}");
            throw new LocalRunException(stepName, said.Count switch
            {
                0 => exited + ".",
                1 => $"{exited}: {said[0]}",
                _ => $"{exited}:\n  {string.Join("\n  ", said)}",
            });
        }
    }

    private static TimeSpan? Timeout(JsonObject arguments) =>
        arguments["StoppingCondition"]?["MaxRuntimeInSeconds"] is JsonValue seconds && seconds.TryGetValue<long>(out var value)
            ? TimeSpan.FromSeconds(value)
            : null;

    private static string LocalPathOf(string container, string local) => "/" + Path.GetRelativePath(container, local).Replace(Path.DirectorySeparatorChar, '/');

    private static string JobName(DefinitionStep step, RunState run)
    {
        var name = $"{step.Name}-{run.RunId}";
        return name.Length <= 63 ? name : name[^63..].TrimStart('-');
    }

    /// <summary>The last value of each metric in the step's log, matched line by line as SageMaker reads log events.</summary>
    private static Dictionary<string, double> Metrics(JsonObject arguments, string logPath)
    {
        var definitions = (arguments["AlgorithmSpecification"]?["MetricDefinitions"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(m => (Name: m["Name"]!.GetValue<string>(), Regex: new Regex(m["Regex"]!.GetValue<string>(), RegexOptions.None, TimeSpan.FromSeconds(5))))
            .ToList();
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        if (definitions.Count == 0)
        {
            return values;
        }

        foreach (var line in File.ReadLines(logPath))
        {
            foreach (var (name, regex) in definitions)
            {
                var match = regex.Match(line);
                if (match.Success && double.TryParse(match.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                {
                    values[name] = value;
                }
            }
        }

        return values;
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

    private static JsonNode? ParseHyperParameter(string value)
    {
        try
        {
            return JsonNode.Parse(value);
        }
        catch (JsonException)
        {
            return value;
        }
    }
}
