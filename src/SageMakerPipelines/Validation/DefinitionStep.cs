using System.Text.Json.Nodes;

namespace MlPipeline.SageMakerPipelines.Validation;

/// <summary>
/// A step found in a definition, with where it is: its JSON path and, for steps inside condition branches,
/// the chain of (condition, branch) it sits in. The validator, the graph writers and the local runner share it.
/// </summary>
internal sealed record DefinitionStep(string Name, string Type, JsonObject Node, string Path, IReadOnlyList<(string Condition, string Branch)> Branches)
{
    public JsonObject Arguments => Node["Arguments"] as JsonObject ?? [];

    /// <summary>Every step of a definition's Steps array, branches included, in document order.</summary>
    public static List<DefinitionStep> Flatten(JsonArray steps, string path)
    {
        var result = new List<DefinitionStep>();
        Flatten(steps, path, [], result);
        return result;
    }

    private static void Flatten(JsonArray steps, string path, IReadOnlyList<(string, string)> branches, List<DefinitionStep> result)
    {
        for (var i = 0; i < steps.Count; i++)
        {
            // No pattern variables here: Stryker cannot compile its mutants of a method whose locals are assigned
            // only on one branch of a pattern, and would leave the whole method untested.
            var node = steps[i] as JsonObject;
            if (node is null)
            {
                continue;
            }

            var stepPath = $"{path}[{i}]";
            var name = PipelineValidator.Text(node["Name"]) ?? "";
            var type = PipelineValidator.Text(node["Type"]) ?? "";
            result.Add(new DefinitionStep(name, type, node, stepPath, branches));
            if (type == "Condition" && node["Arguments"] is JsonObject arguments)
            {
                foreach (var branch in new[] { "IfSteps", "ElseSteps" })
                {
                    if (arguments[branch] is JsonArray inner)
                    {
                        Flatten(inner, $"{stepPath}.Arguments.{branch}", [.. branches, (name, branch)], result);
                    }
                }
            }
        }
    }
}
