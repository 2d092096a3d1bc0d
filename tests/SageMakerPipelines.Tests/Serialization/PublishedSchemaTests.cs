using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using MlPipeline.SageMakerPipelines.Tests.Fixtures;
using MlPipeline.Tests.Shared;

namespace MlPipeline.SageMakerPipelines.Tests.Serialization;

/// <summary>
/// The definitions also pass the JSON schema AWS published, where it agrees with the service. The schema lags
/// the service; each place it does is removed from a copy of the definition before the check, with the reason.
/// </summary>
public class PublishedSchemaTests
{
    private static readonly (string What, string Why, Action<JsonObject> Remove)[] KnownGaps =
    [
        ("top-level PipelineExperimentConfig", "not in the schema; the SageMaker Python SDK emits it and SageMaker runs it",
            d => d.Remove("PipelineExperimentConfig")),
        ("AppManaged on processing inputs and outputs", "not in the schema; it is a member of the CreateProcessingJob API",
            d => ForEachStep(d, s => Walk(s["Arguments"], o => o.Remove("AppManaged")))),
        ("RetryPolicies[].ExceptionType as a list", "the schema says one string; SageMaker and the SDK use a list of strings",
            d => ForEachStep(d, s => { foreach (var p in s["RetryPolicies"]?.AsArray() ?? []) { p!["ExceptionType"] = p["ExceptionType"]![0]!.DeepClone(); } })),
        ("PropertyFiles on processing steps", "not in the schema's ProcessingStep; the SDK emits it for every property file and SageMaker reads it",
            d => ForEachStep(d, s => s.Remove("PropertyFiles"))),
        ("Std:Join in string arguments", "the schema allows only a string or Get there; the SDK joins execution variables into S3 URIs and SageMaker evaluates them",
            d => ForEachStep(d, s => ReplaceJoins(s["Arguments"]))),
        ("Std:JsonGet as a condition operand", "the schema allows only literals and Get there; reading a property file in a condition is the SDK's documented pattern",
            d => ForEachStep(d, s => { foreach (var c in s["Type"]!.GetValue<string>() == "Condition" ? s["Arguments"]!["Conditions"]!.AsArray() : []) { ReplaceJsonGets(c); } })),
        ("ModelApprovalStatus of a register step", "not in the schema's RegisterModelStep; it is a member of CreateModelPackage and the SDK sets it from a parameter",
            d => ForEachStep(d, s => { if (s["Type"]!.GetValue<string>() == "RegisterModel") { s["Arguments"]!.AsObject().Remove("ModelApprovalStatus"); } })),
        ("DriftCheckBaselines of a register step", "not in the schema's RegisterModelStep; it is a member of CreateModelPackage and the SDK emits it from drift_check_baselines",
            d => ForEachStep(d, s => { if (s["Type"]!.GetValue<string>() == "RegisterModel") { s["Arguments"]!.AsObject().Remove("DriftCheckBaselines"); } })),
        ("Not and In conditions", "not in the schema's condition list; both are SageMaker condition types the SDK emits",
            d => ForEachStep(d, s => { if (s["Type"]!.GetValue<string>() == "Condition") { RemoveUnlisted(s["Arguments"]!["Conditions"]!.AsArray()); } })),
    ];

    private static readonly Lazy<JsonObject> SchemaDocument = new(() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(TestPaths.Reference, "sagemaker-pipeline-definition.schema.json")))!.AsObject());

    [Theory]
    [InlineData("abalone")]
    [InlineData("every-step-kind")]
    public void The_definition_passes_the_published_schema_except_for_its_known_gaps(string fixture)
    {
        var pipeline = fixture == "abalone" ? AbalonePipeline.Create() : EveryStepKindPipeline.Create();
        var definition = JsonNode.Parse(pipeline.ToJson())!.AsObject();
        foreach (var gap in KnownGaps)
        {
            gap.Remove(definition);
        }

        // Each parameter and step is checked against its own definition in the schema, so a failure names the
        // member that breaks it instead of every branch of a oneOf.
        var problems = new List<string>();
        foreach (var (parameter, i) in definition["Parameters"]!.AsArray().Select((p, i) => (p!, i)))
        {
            problems.AddRange(Check($"{parameter["Type"]}Parameter", parameter, $"Parameters[{i}]"));
        }

        foreach (var step in Steps(definition["Steps"]!.AsArray()))
        {
            var type = step["Type"]!.GetValue<string>();
            var name = type switch { "Model" => "CreateModelStep", _ => type + "Step" };
            problems.AddRange(Check(name, step, step["Name"]!.GetValue<string>()));
        }

        var top = definition.DeepClone().AsObject();
        top["Steps"] = new JsonArray();
        top["Parameters"] = new JsonArray();
        problems.AddRange(Check(null, top, "definition"));

        Assert.True(problems.Count == 0, string.Join('\n', problems.Distinct()));
    }

    /// <summary>Problems of <paramref name="instance"/> against one definition of the schema (null: the root).</summary>
    private static IEnumerable<string> Check(string? definitionName, JsonNode instance, string where)
    {
        var schemaNode = SchemaDocument.Value.DeepClone().AsObject();
        // The schema names the undated meta-schema ("http://json-schema.org/schema#"); its keywords are draft-07's.
        schemaNode["$schema"] = "http://json-schema.org/draft-07/schema#";
        schemaNode["$id"] = $"https://mlpipeline.test/schema/{Guid.NewGuid():N}";
        if (definitionName is not null)
        {
            foreach (var key in new[] { "properties", "required", "additionalProperties", "type" })
            {
                schemaNode.Remove(key);
            }

            schemaNode["allOf"] = new JsonArray(new JsonObject { ["$ref"] = $"#/definitions/{definitionName}" });
        }

        var schema = JsonSchema.FromText(schemaNode.ToJsonString());
        using var document = JsonDocument.Parse(instance.ToJsonString());
        var result = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid)
        {
            return [];
        }

        // A failed alternative of a oneOf/anyOf that some other alternative satisfied is not a problem:
        // report only failures with no valid ancestor.
        var details = result.Details ?? [];
        var valid = details.Where(d => d.IsValid).Select(d => d.EvaluationPath.ToString()).ToList();
        return details
            .Where(d => d.Errors is { Count: > 0 })
            .Where(d => !valid.Any(v => d.EvaluationPath.ToString().StartsWith(v + "/", StringComparison.Ordinal)))
            .Select(d => $"{where} {d.InstanceLocation} ({d.EvaluationPath}): {string.Join("; ", d.Errors!.Values)}");
    }

    private static void ForEachStep(JsonObject definition, Action<JsonObject> action)
    {
        foreach (var step in Steps(definition["Steps"]!.AsArray()))
        {
            action(step);
        }
    }

    private static IEnumerable<JsonObject> Steps(JsonArray steps)
    {
        foreach (var step in steps.Select(s => s!.AsObject()).ToList())
        {
            yield return step;
            if (step["Type"]!.GetValue<string>() == "Condition")
            {
                foreach (var branch in new[] { "IfSteps", "ElseSteps" })
                {
                    foreach (var inner in Steps(step["Arguments"]![branch]!.AsArray()))
                    {
                        yield return inner;
                    }
                }
            }
        }
    }

    private static void Walk(JsonNode? node, Action<JsonObject> action)
    {
        if (node is JsonObject obj)
        {
            action(obj);
            foreach (var (_, child) in obj.ToList())
            {
                Walk(child, action);
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var child in array)
            {
                Walk(child, action);
            }
        }
    }

    private static void ReplaceJsonGets(JsonNode? condition)
    {
        foreach (var side in new[] { "LeftValue", "RightValue" })
        {
            if (condition?[side] is JsonObject value && value.ContainsKey("Std:JsonGet"))
            {
                condition[side] = 0.0;
            }
        }
    }

    private static void ReplaceJoins(JsonNode? node)
    {
        if (node is JsonObject obj)
        {
            foreach (var (key, child) in obj.ToList())
            {
                if (child is JsonObject join && join.ContainsKey("Std:Join"))
                {
                    obj[key] = "s3://joined/at/run/time";
                }
                else
                {
                    ReplaceJoins(child);
                }
            }
        }
        else if (node is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                if (array[i] is JsonObject join && join.ContainsKey("Std:Join"))
                {
                    array[i] = "joined at run time";
                }
                else
                {
                    ReplaceJoins(array[i]);
                }
            }
        }
    }

    private static void RemoveUnlisted(JsonArray conditions)
    {
        foreach (var condition in conditions.ToList())
        {
            var type = condition!["Type"]!.GetValue<string>();
            if (type is "Not" or "In")
            {
                conditions.Remove(condition);
            }
            else if (type == "Or")
            {
                RemoveUnlisted(condition["Conditions"]!.AsArray());
            }
        }
    }
}
