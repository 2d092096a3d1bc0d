using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MlPipeline.SageMakerPipelines.Local;

public sealed partial class LocalRunner
{
    internal static partial class Kinds
    {
        public static readonly LocalStepKind Training = new()
        {
            Run = (runner, s) => runner.RunJobAsync(s, arguments => runner.TrainAsync(s.Step.Name, arguments, JobName(s.Step, s.Run), s.Folder, s.LogPath, s.Run, System.Environment.ProcessorCount, s.CancellationToken)),
            Plan = (runner, step, known, container, _) => runner.PlanTraining(step.Arguments, known, container),
            InputUris = step => TrainingInputUris(step.Arguments),
        };

        private static IEnumerable<JsonNode?> TrainingInputUris(JsonObject training) =>
            (training["InputDataConfig"] as JsonArray ?? []).Select(c => c?["DataSource"]?["S3DataSource"]?["S3Uri"])
                .Append(training["HyperParameters"]?["sagemaker_submit_directory"]);
    }

    /// <summary>Where a training step's files go on this machine, every path checked.</summary>
    private sealed record TrainingPlan(
        string? Program,
        string? ProgramFile,
        string? Submit,
        List<(string Name, string Uri, string Local)> Channels,
        string? OutputPath);

    /// <summary>
    /// One training job, as CreateTrainingJob runs it: <paramref name="arguments"/> is the evaluated request, the job's
    /// container lives under <paramref name="folder"/>, its model goes to S3OutputPath/<paramref name="jobName"/>/output/model.tar.gz.
    /// A Training step runs one; a Tuning step runs one per candidate. Each instance of ResourceConfig.InstanceCount is
    /// a process of its own, with its channels as their S3DataDistributionType gives them and its host in SM_CURRENT_HOST,
    /// SM_HOSTS and /opt/ml/input/config/resourceconfig.json; the model is what the instances wrote to /opt/ml/model.
    /// </summary>
    private async Task<Execution> TrainAsync(string stepName, JsonObject arguments, string jobName, string folder, string logPath, RunState run, int cpus, CancellationToken cancellationToken)
    {
        var instances = Instances(arguments["ResourceConfig"]?["InstanceCount"], stepName, folder, logPath);
        var hyperParameters = (arguments["HyperParameters"] as JsonObject ?? []).ToDictionary(p => p.Key, p => RunValues.Text(p.Value), StringComparer.Ordinal);
        var plans = instances.Select(i => PlanTraining(arguments, RunValues.Text, i.Container)).ToList();
        var (program, submit) = (plans[0].Program, plans[0].Submit);
        var image = arguments["AlgorithmSpecification"]?["TrainingImage"]?.GetValue<string>() ?? "";
        if (program is null || submit is null || plans[0].ProgramFile is null)
        {
            throw new LocalRunException(stepName,
                $"it runs the built-in algorithm of {image} with no script; local runs need script mode (hyperparameters sagemaker_program and sagemaker_submit_directory).");
        }

        foreach (var (instance, plan) in instances.Zip(plans))
        {
            var code = Path.Combine(instance.Container, "opt", "ml", "code");
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

            LocalSandbox.CheckScript(code, plan.ProgramFile!, "the training program");
        }

        var lineage = new JsonObject
        {
            ["Image"] = image,
            ["Code"] = new JsonObject { ["S3Uri"] = submit, ["Sha256"] = Store.ContentHash(submit), ["Program"] = program },
        };
        var distributions = (arguments["InputDataConfig"] as JsonArray ?? []).OfType<JsonObject>()
            .ToDictionary(c => RunValues.Text(c["ChannelName"]), c => RunValues.Text(c["DataSource"]?["S3DataSource"]?["S3DataDistributionType"]), StringComparer.Ordinal);
        var channels = new JsonArray();
        foreach (var (index, (name, uri, _)) in plans[0].Channels.Index())
        {
            if (Download(instances, uri, i => plans[i.Index].Channels[index].Local, distributions.GetValueOrDefault(name)) == 0)
            {
                throw new LocalRunException(stepName, $"channel '{name}' ({uri}) has no objects in the local object store (looked in {Store.PathOf(uri)}).");
            }

            channels.Add(new JsonObject { ["Name"] = name, ["S3Uri"] = uri, ["Sha256"] = Store.ContentHash(uri) });
        }

        lineage["Inputs"] = channels;
        if (instances.Count > 1)
        {
            lineage["InstanceCount"] = instances.Count;
        }

        var user = hyperParameters.Where(h => !h.Key.StartsWith("sagemaker_", StringComparison.Ordinal)).OrderBy(h => h.Key, StringComparer.Ordinal).ToList();
        var instanceType = RunValues.Text(arguments["ResourceConfig"]?["InstanceType"]);
        // The job's instances share this machine's CPUS cores: OpenMP and BLAS in the script use their share (unless
        // the step's Environment says otherwise), so instances and jobs that run side by side do not spin over each
        // other's cores.
        var cores = Math.Max(1, cpus / instances.Count).ToString(CultureInfo.InvariantCulture);
        var environments = new List<Dictionary<string, string>>();
        foreach (var (instance, plan) in instances.Zip(plans))
        {
            var ml = Path.Combine(instance.Container, "opt", "ml");
            var environment = InstanceEnvironment(arguments["Environment"], instance);
            foreach (var (name, _, local) in plan.Channels)
            {
                environment["SM_CHANNEL_" + name.ToUpperInvariant()] = local;
            }

            var config = Path.Combine(ml, "input", "config");
            Directory.CreateDirectory(config);
            AtomicFile.WriteText(Path.Combine(config, "hyperparameters.json"), new JsonObject(hyperParameters.Select(h => KeyValuePair.Create(h.Key, (JsonNode?)h.Value))).ToJsonString());
            AtomicFile.WriteText(Path.Combine(config, "resourceconfig.json"), ResourceConfig(instance, instances, instanceType));
            Directory.CreateDirectory(Path.Combine(ml, "model"));
            Directory.CreateDirectory(Path.Combine(ml, "output", "data"));
            environment["SM_MODEL_DIR"] = Path.Combine(ml, "model");
            environment["SM_OUTPUT_DATA_DIR"] = Path.Combine(ml, "output", "data");
            environment["SM_OUTPUT_DIR"] = Path.Combine(ml, "output");
            environment["SM_INPUT_DIR"] = Path.Combine(ml, "input");
            environment["SM_INPUT_CONFIG_DIR"] = config;
            environment["SM_MODULE_DIR"] = submit;
            environment["SM_CHANNELS"] = new JsonArray(plan.Channels.Select(c => (JsonNode?)c.Name).ToArray()).ToJsonString();
            environment["SM_HPS"] = new JsonObject(user.Select(h => KeyValuePair.Create(h.Key, ParseHyperParameter(h.Value)))).ToJsonString();
            environment["SM_CURRENT_HOST"] = instance.Host;
            environment["SM_HOSTS"] = Hosts(instances).ToJsonString();
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

            environments.Add(environment);
        }

        var hyperParameterArguments = user.SelectMany(h => new[] { "--" + h.Key, h.Value }).ToList();
        var outcome = await RunInstancesAsync(stepName, instances, arguments, logPath, (instance, token) =>
        {
            var code = Path.Combine(instance.Container, "opt", "ml", "code");
            List<string> command = [plans[instance.Index].ProgramFile!, .. hyperParameterArguments];
            return ChildProcess.RunAsync(run.Python, run.Python, command, environments[instance.Index], code, instance.LogPath, Timeout(arguments), token);
        }, cancellationToken);
        var model = Gather(stepName, "/opt/ml/model", instances.Select(i => (i, Path.Combine(i.Container, "opt", "ml", "model"))).ToList());
        if (model.Count == 0)
        {
            throw new LocalRunException(stepName, "it wrote no model to SM_MODEL_DIR; the training script must save its model there.");
        }

        var artifact = $"{arguments["OutputDataConfig"]!["S3OutputPath"]!.GetValue<string>().TrimEnd('/')}/{jobName}/output/model.tar.gz";
        Store.Put(artifact, stream => DeterministicArchive.Pack(ModelFolder(instances, model, folder), stream));
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

        // The metrics of the first instance (algo-1), whose log comes first.
        foreach (var (name, value) in Metrics(arguments, instances[0].LogPath))
        {
            properties[$"FinalMetricDataList['{name}'].Value"] = value;
        }

        lineage["ModelArtifact"] = new JsonObject { ["S3Uri"] = artifact, ["Sha256"] = Sha256File(Store.PathOf(artifact)) };
        return new Execution(properties, [], new Dictionary<string, string>(StringComparer.Ordinal) { [artifact] = Store.ContentHash(artifact) }, outcome.Elapsed, logPath, lineage);
    }

    /// <summary>
    /// The folder to pack as model.tar.gz: the one instance's /opt/ml/model, or with several, one folder with what
    /// each wrote there (<paramref name="model"/>, gathered without conflicts).
    /// </summary>
    private static string ModelFolder(IReadOnlyList<Instance> instances, List<(string Key, string File)> model, string folder)
    {
        if (instances.Count == 1)
        {
            return Path.Combine(instances[0].Container, "opt", "ml", "model");
        }

        var merged = Path.Combine(folder, "model");
        foreach (var (key, file) in model)
        {
            var destination = Path.Combine(merged, key);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination, overwrite: true);
        }

        return merged;
    }

    /// <summary>The training step's plan; see <see cref="PlanProcessing"/> for <paramref name="text"/>.</summary>
    private TrainingPlan PlanTraining(JsonObject arguments, Func<JsonNode?, string?> text, string container)
    {
        var ml = Path.Combine(container, "opt", "ml");
        var hyperParameters = arguments["HyperParameters"] as JsonObject ?? [];
        var program = hyperParameters.ContainsKey("sagemaker_program") ? Unquote(text(hyperParameters["sagemaker_program"])) : null;
        var submit = hyperParameters.ContainsKey("sagemaker_submit_directory") ? Unquote(text(hyperParameters["sagemaker_submit_directory"])) : null;
        if (submit is { Length: > 0 })
        {
            Store.PathOf(submit);
        }

        var programFile = program is { Length: > 0 } ? LocalSandbox.MapRelative(Path.Combine(ml, "code"), program, "the training program (sagemaker_program)") : null;
        var channels = new List<(string, string, string)>();
        foreach (var channel in (arguments["InputDataConfig"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var name = text(channel["ChannelName"]) ?? "";
            LocalSandbox.CheckChannelName(name);
            var uri = text(channel["DataSource"]?["S3DataSource"]?["S3Uri"]);
            if (uri is not null)
            {
                Store.PathOf(uri);
                channels.Add((name, uri, LocalSandbox.MapContainerPath(container, $"/opt/ml/input/data/{name}", LocalSandbox.ContainerRoot, $"channel '{name}'")));
            }
        }

        var outputPath = text(arguments["OutputDataConfig"]?["S3OutputPath"]);
        if (outputPath is not null)
        {
            Store.PathOf(outputPath);
        }

        return new TrainingPlan(program, programFile, submit, channels, outputPath);
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
