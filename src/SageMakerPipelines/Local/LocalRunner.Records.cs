using System.Diagnostics;
using System.Text.Json.Nodes;
using MlPipeline.SageMakerPipelines.Definition;
using MlPipeline.SageMakerPipelines.Images;

namespace MlPipeline.SageMakerPipelines.Local;

public sealed partial class LocalRunner
{
    /// <summary>
    /// The step's cache key: its definition, the values of the parameters it uses, the keys of the steps it uses
    /// (which stand for their outputs) and the interpreter; execution variables count by name only, so a new run
    /// can hit the cache. That is SageMaker's key (arguments, not contents: an input URI, not the objects under it)
    /// plus the local Python. With <see cref="StepCacheKey.Content"/> the content of the S3 inputs from outside the
    /// pipeline counts too. Either way their content is recorded, to tell when a reuse SageMaker would make hides
    /// changed data.
    /// </summary>
    private string CacheKey(DefinitionStep step, RunState run)
    {
        var references = new JsonObject();
        foreach (var (reference, _) in step.References.DistinctBy(r => r.Reference))
        {
            references[reference] = reference switch
            {
                _ when References.ParameterOf(reference) is { } name => run.Values.Parameters.GetValueOrDefault(name)?.DeepClone(),
                _ when References.StepOf(reference) is { } used => run.CacheKeys.GetValueOrDefault(used) ?? "",
                _ => reference,
            };
        }

        var content = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var node in InputUris(step).Where(n => !References.In(n, "").Any(r => References.StepOf(r.Reference) is not null)))
        {
            var uri = RunValues.Text(run.Values.Evaluate(node, step.Name));
            content[uri] = uri.StartsWith("s3://", StringComparison.Ordinal) ? Store.ContentHash(uri) : "";
        }

        run.InputContent[step.Name] = content;
        var material = new JsonObject
        {
            ["Step"] = step.Node.DeepClone(),
            ["References"] = references,
            ["Inputs"] = new JsonObject(content.Select(c => KeyValuePair.Create(c.Key, (JsonNode?)(options.CacheKey == StepCacheKey.Content ? c.Value : "")))),
            ["Python"] = $"{run.Python} {run.PythonVersion}",
            ["Libraries"] = InterpreterProbe.LibrariesJson(run.Interpreter),
        };
        return Sha256(material.ToJsonString());
    }

    /// <summary>
    /// Why reusing a cached step hides a change SageMaker would hide too: an input whose content differs from when the
    /// cached result was made, under the same URI. Null when nothing changed (or the entry predates the record).
    /// </summary>
    private static string? HiddenChange(string step, StepCache.Entry entry, IReadOnlyDictionary<string, string> now)
    {
        var changed = now.Where(i => entry.InputContent.TryGetValue(i.Key, out var then) && then != i.Value).Select(i => i.Key).ToList();
        return changed.Count == 0
            ? null
            : $"step '{step}' reused its result from run {entry.RunId} although {string.Join(", ", changed)} changed since; SageMaker keys its cache on "
              + "the step's arguments (the URI, not the objects under it) and would reuse it too. Give new data a new URI (a data-version prefix in "
              + "InputData) to retrain, or run with --cache content to key on the data here.";
    }

    private static IEnumerable<JsonNode> InputUris(DefinitionStep step) =>
        (step.Descriptor.RunLocally?.InputUris?.Invoke(step) ?? []).OfType<JsonNode>();

    private string WriteLineage(RunState run, string definitionJson, string pipelineName, LocalRunStatus status, string? failure, List<LocalStepResult> results, TimeSpan elapsed)
    {
        var steps = new JsonObject();
        foreach (var result in results)
        {
            var record = run.Lineage.TryGetValue(result.Name, out var known) ? (JsonObject)known.DeepClone() : new JsonObject { ["Type"] = result.Type };
            record["Status"] = result.Status.ToString();
            record["ElapsedSeconds"] = Math.Round(result.Elapsed.TotalSeconds, 3);
            if (record["Image"] is JsonValue image)
            {
                record["Framework"] = Framework(image.GetValue<string>());
            }

            if (result.Message is not null)
            {
                record["Message"] = result.Message;
            }

            steps[result.Name] = record;
        }

        var lineage = new JsonObject
        {
            ["RunId"] = run.RunId,
            ["PipelineName"] = pipelineName,
            ["Status"] = status.ToString(),
            ["Failure"] = failure,
            ["ElapsedSeconds"] = Math.Round(elapsed.TotalSeconds, 3),
            ["DefinitionSha256"] = Sha256(definitionJson),
            ["Parameters"] = new JsonObject(run.Values.Parameters.Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone()))),
            ["Python"] = new JsonObject { ["Path"] = run.Python, ["Version"] = run.PythonVersion, ["Libraries"] = InterpreterProbe.LibrariesJson(run.Interpreter) },
            // Where this machine differs from the containers the steps run in on SageMaker (each difference once).
            ["VersionDifferences"] = new JsonArray(run.Differences.Select(d => (JsonNode)new JsonObject
            {
                ["Container"] = d.Container,
                ["Library"] = d.Library,
                ["Local"] = d.Local,
                ["ContainerVersion"] = d.Expected,
                ["Steps"] = new JsonArray(d.Steps.Select(s => (JsonNode?)s).ToArray()),
            }).ToArray()),
            ["Git"] = Git(options.ProjectRoot),
            ["Steps"] = steps,
        };
        var path = Path.Combine(run.Folder, "lineage.json");
        AtomicFile.WriteText(path, lineage.ToJsonString(Indented));
        return path;
    }

    /// <summary>The framework and version of a SageMaker framework image: sagemaker-scikit-learn:1.2-1-cpu-py3 is sklearn 1.2-1.</summary>
    private static JsonObject? Framework(string image)
    {
        if (ContainerCatalog.ParseImage(image) is not var (repository, version))
        {
            return null;
        }

        var name = repository switch
        {
            "sagemaker-scikit-learn" => "sklearn",
            "sagemaker-xgboost" => "xgboost",
            var other => other,
        };
        return new JsonObject { ["Name"] = name, ["Version"] = version };
    }

    private static JsonObject? Git(string folder)
    {
        var commit = RunGit(folder, "rev-parse", "HEAD");
        return commit is null
            ? null
            : new JsonObject { ["Commit"] = commit.Trim(), ["Dirty"] = (RunGit(folder, "status", "--porcelain") ?? "").Trim().Length > 0 };
    }

    private static string? RunGit(string folder, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
