using System.Text.Json.Nodes;

namespace MlPipeline.SageMakerPipelines.Definition;

/// <summary>The <c>Get</c> references of a definition: <c>Parameters.X</c>, <c>Execution.X</c>, <c>Steps.X.Property</c>, ….</summary>
internal static class References
{
    private const string StepsPrefix = "Steps.";
    private const string ParametersPrefix = "Parameters.";

    /// <summary>Every <c>Get</c> inside a node, with its path.</summary>
    public static IEnumerable<(string Reference, string Path)> In(JsonNode? node, string path)
    {
        switch (node)
        {
            case JsonObject { Count: 1 } get when JsonText.Of(get["Get"]) is { } reference:
                yield return (reference, path);
                break;
            case JsonObject obj:
                foreach (var (key, child) in obj)
                {
                    foreach (var found in In(child, $"{path}.{key}"))
                    {
                        yield return found;
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    foreach (var found in In(array[i], $"{path}[{i}]"))
                    {
                        yield return found;
                    }
                }

                break;
        }
    }

    /// <summary>Whether the node is a value SageMaker computes when the pipeline runs: a <c>Get</c>, <c>Std:Join</c> or <c>Std:JsonGet</c>.</summary>
    public static bool IsExpression(JsonNode? node) =>
        node is JsonObject { Count: 1 } expression && (expression.ContainsKey("Get") || expression.ContainsKey("Std:Join") || expression.ContainsKey("Std:JsonGet"));

    /// <summary>The parameter a <c>Parameters.NAME</c> reference reads; null for any other reference.</summary>
    public static string? ParameterOf(string reference) =>
        reference.StartsWith(ParametersPrefix, StringComparison.Ordinal) ? reference[ParametersPrefix.Length..] : null;

    /// <summary>The step a <c>Steps.NAME.…</c> reference reads; null for parameters, execution variables and the rest.</summary>
    public static string? StepOf(string reference)
    {
        if (!reference.StartsWith(StepsPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = reference[StepsPrefix.Length..];
        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? rest : rest[..dot];
    }
}
