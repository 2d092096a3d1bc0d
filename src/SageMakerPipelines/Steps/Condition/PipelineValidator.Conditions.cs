using System.Text.Json.Nodes;
using MlPipeline.SageMakerPipelines.Definition;

namespace MlPipeline.SageMakerPipelines.Validation;

public static partial class PipelineValidator
{
    // The members each condition type has, as SageMaker parses them (what the SageMaker Python SDK emits).
    private static readonly Dictionary<string, string[]> ConditionMembers = new(StringComparer.Ordinal)
    {
        ["Equals"] = ["LeftValue", "RightValue"],
        ["GreaterThan"] = ["LeftValue", "RightValue"],
        ["GreaterThanOrEqualTo"] = ["LeftValue", "RightValue"],
        ["LessThan"] = ["LeftValue", "RightValue"],
        ["LessThanOrEqualTo"] = ["LeftValue", "RightValue"],
        ["In"] = ["QueryValue", "Values"],
        ["Not"] = ["Condition"],
        ["Or"] = ["Conditions"],
    };

    internal static void CheckConditions(DefinitionStep step, List<ValidationFinding> findings)
    {
        var conditions = step.Arguments["Conditions"] as JsonArray ?? [];
        for (var i = 0; i < conditions.Count; i++)
        {
            CheckCondition(conditions[i], $"{step.Path}.Arguments.Conditions[{i}]", findings);
        }
    }

    private static void CheckCondition(JsonNode? node, string path, List<ValidationFinding> findings)
    {
        if (node is not JsonObject condition)
        {
            findings.Add(new(ValidationRules.InvalidCondition,
                $"A condition is an object with a Type ({string.Join(", ", ConditionMembers.Keys)}), not {node?.ToJsonString() ?? "null"}.", path));
            return;
        }

        var type = JsonText.Of(condition["Type"]) ?? "";
        if (!ConditionMembers.TryGetValue(type, out var members))
        {
            findings.Add(new(ValidationRules.InvalidCondition,
                $"A condition's Type must be one of {string.Join(", ", ConditionMembers.Keys)}; it is '{type}'.", path + ".Type"));
            return;
        }

        foreach (var (key, _) in condition.Where(p => p.Key != "Type" && !members.Contains(p.Key)))
        {
            findings.Add(new(ValidationRules.InvalidCondition,
                key == "Expression" && type == "Not"
                    ? "Not takes the condition it negates as 'Condition'; SageMaker refuses 'Expression' (\"unknown property 'Expression'\"), which SDK versions before the fix of aws/sagemaker-python-sdk#2746 wrote."
                    : $"A {type} condition has {string.Join(" and ", members)}, not '{key}'.",
                $"{path}.{key}"));
        }

        foreach (var member in members.Where(m => !condition.ContainsKey(m)))
        {
            findings.Add(new(ValidationRules.InvalidCondition, $"A {type} condition needs {member}.", $"{path}.{member}"));
        }

        var list = type switch { "Or" => "Conditions", "In" => "Values", _ => null };
        if (list is not null && condition.ContainsKey(list) && condition[list] is not JsonArray)
        {
            findings.Add(new(ValidationRules.InvalidCondition,
                $"A {type} condition's {list} must be a list, not {condition[list]?.ToJsonString() ?? "null"}.", $"{path}.{list}"));
        }

        if (type == "Not" && condition.ContainsKey("Condition"))
        {
            CheckCondition(condition["Condition"], $"{path}.Condition", findings);
        }

        if (type == "Or" && condition["Conditions"] is JsonArray alternatives)
        {
            for (var i = 0; i < alternatives.Count; i++)
            {
                CheckCondition(alternatives[i], $"{path}.Conditions[{i}]", findings);
            }
        }
    }
}
