using System.Text.Json;
using System.Text.Json.Nodes;
using MlPipeline.SageMakerPipelines.Definition;
using MlPipeline.SageMakerPipelines.Validation;

namespace MlPipeline.SageMakerPipelines.Local;

public sealed partial class LocalRunner
{
    /// <summary>Where a processing step's files go on this machine and what it runs, every path checked by <see cref="LocalSandbox"/>.</summary>
    private sealed record ProcessingPlan(
        List<(string Name, string Uri, string Local)> Inputs,
        List<(string Name, string Uri, string Local)> Outputs,
        (string Program, List<string> Arguments, string? Script)? Command,
        List<(string Name, string Output, string FilePath, string File)> PropertyFiles);

    /// <summary>Where a training step's files go on this machine, every path checked.</summary>
    private sealed record TrainingPlan(
        string? Program,
        string? ProgramFile,
        string? Submit,
        List<(string Name, string Uri, string Local)> Channels,
        string? OutputPath);

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

    /// <summary>
    /// Checks every step before the run starts: the definition with this run's parameter values put in (so a value
    /// such as ProcessingInstanceCount=0 or InputData=/etc/ is judged where it is used), then the sandbox rules on
    /// every path that is known before any step runs.
    /// </summary>
    private List<ValidationFinding> CheckBeforeRun(JsonObject definition, IEnumerable<DefinitionStep> steps, RunValues values, string runFolder, string python)
    {
        var findings = PipelineValidator.Validate(values.EvaluateKnown(definition)!.ToJsonString())
            .Select(f => f with { Message = f.Message + " (with this run's parameter values)" })
            .ToList();
        // The steps that run a job: what their plan needs must be there before the run starts.
        foreach (var step in steps.Where(s => s.Descriptor.RunLocally?.Plan is not null))
        {
            string? Known(JsonNode? node)
            {
                try
                {
                    return RunValues.Text(values.Evaluate(node, step.Name));
                }
                catch (LocalRunException)
                {
                    return null;
                }
            }

            var container = Path.Combine(runFolder, "steps", step.Name, "container");
            try
            {
                step.Descriptor.RunLocally!.Plan!(this, step, Known, container, python);
            }
            catch (LocalRunException e)
            {
                var space = e.Message.IndexOf(' ', StringComparison.Ordinal);
                findings.Add(new ValidationFinding(e.Message[..Math.Max(space, 0)], $"Step '{step.Name}': {e.Message[(space + 1)..]}", $"{step.Path}.Arguments"));
            }
        }

        return findings;
    }

    private static string? Unquote(string? value) =>
        value is { Length: >= 2 } && value[0] == '"' && value[^1] == '"' ? JsonSerializer.Deserialize<string>(value) : value;
}
