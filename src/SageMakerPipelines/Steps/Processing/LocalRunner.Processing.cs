using System.Text.Json;
using System.Text.Json.Nodes;
using MlPipeline.SageMakerPipelines.Definition;

namespace MlPipeline.SageMakerPipelines.Local;

public sealed partial class LocalRunner
{
    internal static partial class Kinds
    {
        public static readonly LocalStepKind Processing = new()
        {
            Run = (runner, s) => runner.RunJobAsync(s, arguments => runner.RunProcessingAsync(s.Step, arguments, s.Run, s.Folder, s.LogPath, s.CancellationToken)),
            Plan = (runner, step, known, container, python) => runner.PlanProcessing(step, step.Arguments, known, container, python),
            InputUris = step => (step.Arguments["ProcessingInputs"] as JsonArray ?? []).Select(i => i?["S3Input"]?["S3Uri"]),
        };
    }

    /// <summary>Where a processing step's files go on this machine and what it runs, every path checked by <see cref="LocalSandbox"/>.</summary>
    private sealed record ProcessingPlan(
        List<(string Name, string Uri, string Local)> Inputs,
        List<(string Name, string Uri, string Local)> Outputs,
        (string Program, List<string> Arguments, string? Script)? Command,
        List<(string Name, string Output, string FilePath, string File)> PropertyFiles);

    /// <summary>
    /// One processing job on this machine: each of its instances (ProcessingResources.ClusterConfig.InstanceCount) a
    /// process with its own container folder, its inputs as their S3DataDistributionType gives them, and
    /// /opt/ml/config/resourceconfig.json naming its host and all hosts, as SageMaker Processing writes it. What the
    /// instances write to an output goes to the output's one prefix.
    /// </summary>
    private async Task<Execution> RunProcessingAsync(DefinitionStep step, JsonObject arguments, RunState run, string folder, string logPath, CancellationToken cancellationToken)
    {
        var instances = Instances(arguments["ProcessingResources"]?["ClusterConfig"]?["InstanceCount"], step.Name, folder, logPath);
        var plans = instances.Select(i => PlanProcessing(step, arguments, RunValues.Text, i.Container, run.Python)).ToList();
        var distributions = (arguments["ProcessingInputs"] as JsonArray ?? []).OfType<JsonObject>()
            .ToDictionary(i => RunValues.Text(i["InputName"]), i => RunValues.Text(i["S3Input"]?["S3DataDistributionType"]), StringComparer.Ordinal);
        var lineage = new JsonObject { ["Image"] = arguments["AppSpecification"]?["ImageUri"]?.DeepClone() };
        var inputs = new JsonArray();
        foreach (var (index, (name, uri, _)) in plans[0].Inputs.Index())
        {
            if (Download(instances, uri, i => plans[i.Index].Inputs[index].Local, distributions.GetValueOrDefault(name)) == 0)
            {
                throw new LocalRunException(step.Name, $"input '{name}' ({uri}) has no objects in the local object store (looked in {Store.PathOf(uri)}).");
            }

            inputs.Add(new JsonObject { ["Name"] = name, ["S3Uri"] = uri, ["Sha256"] = Store.ContentHash(uri) });
        }

        lineage["Inputs"] = inputs;
        if (instances.Count > 1)
        {
            lineage["InstanceCount"] = instances.Count;
        }

        foreach (var (instance, plan) in instances.Zip(plans))
        {
            foreach (var output in plan.Outputs)
            {
                Directory.CreateDirectory(output.Local);
            }

            if (plan.Command!.Value.Script is { } script)
            {
                LocalSandbox.CheckScript(instance.Container, script, "the script");
            }

            var config = Path.Combine(instance.Container, "opt", "ml", "config");
            Directory.CreateDirectory(config);
            AtomicFile.WriteText(Path.Combine(config, "resourceconfig.json"), ResourceConfig(instance, instances, null));
        }

        var outcome = await RunInstancesAsync(step.Name, instances, arguments, logPath, (instance, token) =>
        {
            var (program, commandArguments, _) = plans[instance.Index].Command!.Value;
            return ChildProcess.RunAsync(run.Python, program, commandArguments, InstanceEnvironment(arguments["Environment"], instance), instance.Container, instance.LogPath, Timeout(arguments), token);
        }, cancellationToken);

        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        var properties = new Dictionary<string, JsonNode?>(StringComparer.Ordinal)
        {
            ["ProcessingJobName"] = JobName(step, run),
            ["ProcessingJobStatus"] = "Completed",
            ["AppSpecification.ImageUri"] = arguments["AppSpecification"]?["ImageUri"]?.DeepClone(),
        };
        foreach (var (index, (name, uri, local)) in plans[0].Outputs.Index())
        {
            var written = Gather(step.Name, $"output '{name}'", instances.Select(i => (i, plans[i.Index].Outputs[index].Local)).ToList());
            if (Store.Upload(written, uri) == 0)
            {
                throw new LocalRunException(step.Name, $"it wrote nothing to output '{name}' ({LocalPathOf(instances[0].Container, local)}); the script must write its results there.");
            }

            hashes[uri] = Store.ContentHash(uri);
            properties[$"ProcessingOutputConfig.Outputs['{name}'].S3Output.S3Uri"] = uri;
        }

        var propertyFiles = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var (index, (name, output, filePath, _)) in plans[0].PropertyFiles.Index())
        {
            // As SageMaker reads it from the output's prefix: the file of whichever instance wrote it.
            var path = plans.Select(p => p.PropertyFiles[index].File).FirstOrDefault(File.Exists) ?? plans[0].PropertyFiles[index].File;
            var container = instances[plans.FindIndex(p => p.PropertyFiles[index].File == path)].Container;
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
    /// The processing step's plan. <paramref name="text"/> evaluates a value, or returns null when it is not known
    /// yet (before the run, a value from another step); the plan then leaves that part out, to be checked when
    /// the step runs. Throws the sandbox's <see cref="LocalRunException"/> for the first path that leads outside.
    /// </summary>
    private ProcessingPlan PlanProcessing(DefinitionStep step, JsonObject arguments, Func<JsonNode?, string?> text, string container, string python)
    {
        var inputs = new List<(string, string, string)>();
        string? code = null;
        var codeKnown = true;
        foreach (var input in (arguments["ProcessingInputs"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var name = text(input["InputName"]) ?? "";
            var uri = text(input["S3Input"]?["S3Uri"]);
            var localPath = text(input["S3Input"]?["LocalPath"]);
            if (uri is not null)
            {
                Store.PathOf(uri);
            }

            var local = localPath is null ? null : LocalSandbox.MapContainerPath(container, localPath, LocalSandbox.ProcessingRoot, $"the LocalPath of input '{name}'");
            if (name == "code")
            {
                (code, codeKnown) = (localPath, localPath is not null);
            }

            if (uri is not null && local is not null)
            {
                inputs.Add((name, uri, local));
            }
        }

        var outputs = new List<(string Name, string Uri, string Local)>();
        foreach (var output in (arguments["ProcessingOutputConfig"]?["Outputs"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var name = text(output["OutputName"]) ?? "";
            var uri = text(output["S3Output"]?["S3Uri"]);
            var localPath = text(output["S3Output"]?["LocalPath"]);
            if (uri is not null)
            {
                Store.PathOf(uri);
            }

            if (localPath is not null)
            {
                outputs.Add((name, uri ?? "", LocalSandbox.MapContainerPath(container, localPath, LocalSandbox.ProcessingRoot, $"the LocalPath of output '{name}'")));
            }
        }

        var app = arguments["AppSpecification"] as JsonObject ?? [];
        var items = (app["ContainerEntrypoint"] as JsonArray ?? []).Concat(app["ContainerArguments"] as JsonArray ?? []).Select(text).ToList();
        var command = items.All(i => i is not null) && codeKnown
            ? LocalSandbox.ProcessingCommand(items!, code, container, python, options.AllowedEntrypoints)
            : ((string, List<string>, string?)?)null;

        var propertyFiles = new List<(string, string, string, string)>();
        foreach (var file in (step.Node["PropertyFiles"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var name = JsonText.Of(file["PropertyFileName"]) ?? "";
            var outputName = JsonText.Of(file["OutputName"]) ?? "";
            var filePath = JsonText.Of(file["FilePath"]) ?? "";
            if (outputs.FirstOrDefault(o => o.Name == outputName) is { Local: not null } output)
            {
                propertyFiles.Add((name, outputName, filePath, LocalSandbox.MapRelative(output.Local, filePath, $"the FilePath of property file '{name}'")));
            }
        }

        return new ProcessingPlan(inputs, outputs, command, propertyFiles);
    }

    private static string LocalPathOf(string container, string local) => "/" + Path.GetRelativePath(container, local).Replace(Path.DirectorySeparatorChar, '/');
}
