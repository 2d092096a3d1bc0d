using System.Text.Json;
using System.Text.Json.Nodes;
using MlPipeline.SageMakerPipelines.Definition;

namespace MlPipeline.SageMakerPipelines.Local;

public sealed partial class LocalRunner
{
    internal static partial class Kinds
    {
        public static readonly LocalStepKind RegisterModel = new() { Run = (runner, s) => Task.FromResult(runner.RegisterModel(s)) };
    }

    private LocalStepResult RegisterModel(StepRun stepRun)
    {
        var package = Register(stepRun.Step, stepRun.Run);
        return new LocalStepResult(stepRun.Step.Name, stepRun.Step.TypeName, LocalStepStatus.Succeeded, stepRun.Watch.Elapsed, TimeSpan.Zero, null,
            $"registered {package.Group} version {package.Version} ({package.ApprovalStatus})")
        {
            Registered = package,
        };
    }

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
}
