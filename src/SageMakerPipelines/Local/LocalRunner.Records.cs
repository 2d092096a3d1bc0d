using System.Diagnostics;
using System.Text.Json;
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
                _ when reference.StartsWith("Parameters.", StringComparison.Ordinal) => run.Values.Parameters.GetValueOrDefault(reference["Parameters.".Length..])?.DeepClone(),
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

    private ModelPackage Register(DefinitionStep step, RunState run)
    {
        var arguments = (JsonObject)run.Values.Evaluate(step.Arguments, step.Name)!;
        var group = RunValues.Text(arguments["ModelPackageGroupName"]);
        var status = arguments["ModelApprovalStatus"] is { } given ? RunValues.Text(given) : "PendingManualApproval";
        var document = new JsonObject
        {
            ["ModelPackageDescription"] = arguments["ModelPackageDescription"]?.DeepClone(),
            ["InferenceSpecification"] = arguments["InferenceSpecification"]?.DeepClone(),
            ["ModelMetrics"] = arguments["ModelMetrics"]?.DeepClone(),
            ["DriftCheckBaselines"] = arguments["DriftCheckBaselines"]?.DeepClone(),
            ["CustomerMetadataProperties"] = arguments["CustomerMetadataProperties"]?.DeepClone(),
        };
        if (arguments["ModelMetrics"]?["ModelQuality"]?["Statistics"]?["S3Uri"] is JsonValue statistics
            && File.Exists(Store.PathOf(statistics.GetValue<string>())))
        {
            try
            {
                document["ModelQualityReport"] = ReadJson(Store.PathOf(statistics.GetValue<string>()));
            }
            catch (JsonException e)
            {
                throw new LocalRunException(step.Name, $"its model quality report {statistics} is not JSON: {e.Message}");
            }
        }

        var artifacts = new JsonArray();
        foreach (var container in (arguments["InferenceSpecification"]?["Containers"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (container["ModelDataUrl"] is JsonValue url && File.Exists(Store.PathOf(url.GetValue<string>())))
            {
                artifacts.Add(new JsonObject { ["S3Uri"] = url.GetValue<string>(), ["Sha256"] = Sha256File(Store.PathOf(url.GetValue<string>())) });
            }
        }

        document["Lineage"] = new JsonObject
        {
            ["RunId"] = run.RunId,
            ["RunFolder"] = run.Folder,
            ["ModelArtifacts"] = artifacts,
            ["Baselines"] = Baselines(arguments["DriftCheckBaselines"] as JsonObject),
            ["Steps"] = new JsonObject(run.Lineage.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => KeyValuePair.Create(l.Key, (JsonNode?)l.Value.DeepClone()))),
        };
        var started = DateTimeOffset.UtcNow;
        var package = Registry.Register(group, status, document);
        var properties = new Dictionary<string, JsonNode?>
        {
            ["ModelPackageArn"] = package.Arn,
            ["ModelPackageName"] = $"{group}/{package.Version}",
            ["ModelPackageVersion"] = package.Version,
            ["ModelPackageGroupName"] = group,
            ["ModelApprovalStatus"] = status,
        };
        DescribedProperties.Add(properties, step.Descriptor, arguments, started);
        run.Values.SetProperties(step.Name, properties);
        run.Lineage[step.Name] = new JsonObject { ["Type"] = step.TypeName, ["ModelPackageArn"] = package.Arn, ["ModelApprovalStatus"] = status };
        return package;
    }

    /// <summary>
    /// The files of the drift-check baselines (DriftCheckBaselines.ModelDataQuality.Statistics...): each one's name,
    /// S3 URI and SHA-256, or a null SHA-256 when the store has no such file.
    /// </summary>
    private JsonArray Baselines(JsonObject? baselines)
    {
        var files = new JsonArray();
        foreach (var (kind, section) in baselines ?? [])
        {
            foreach (var (name, source) in section as JsonObject ?? [])
            {
                if (source?["S3Uri"] is JsonValue uri && uri.GetValueKind() == JsonValueKind.String)
                {
                    var path = Store.PathOf(uri.GetValue<string>());
                    files.Add(new JsonObject { ["Name"] = $"{kind}.{name}", ["S3Uri"] = uri.GetValue<string>(), ["Sha256"] = File.Exists(path) ? Sha256File(path) : null });
                }
            }
        }

        return files;
    }

    private void CreateModel(DefinitionStep step, RunState run)
    {
        // Not cached (it only writes a file), but keyed, so a step that uses this model is keyed on the training that made it.
        run.CacheKeys[step.Name] = CacheKey(step, run);
        var arguments = (JsonObject)run.Values.Evaluate(step.Arguments, step.Name)!;
        var name = JobName(step, run);
        var started = DateTimeOffset.UtcNow;
        AtomicFile.WriteText(Path.Combine(options.StateFolder, "models", name + ".json"), arguments.ToJsonString(Indented));
        var properties = new Dictionary<string, JsonNode?>
        {
            ["ModelName"] = name,
            ["ModelArn"] = $"arn:aws:sagemaker:local:000000000000:model/{name.ToLowerInvariant()}",
        };
        DescribedProperties.Add(properties, step.Descriptor, arguments, started);
        run.Values.SetProperties(step.Name, properties);
        run.Lineage[step.Name] = new JsonObject { ["Type"] = step.TypeName, ["ModelName"] = name };
    }

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
