using System.Text.Json;
using System.Text.Json.Nodes;
using MlPipeline.SageMakerPipelines.Definition;

namespace MlPipeline.SageMakerPipelines.Graph;

/// <summary>
/// A Condition step's conditions as a reader of the picture wants them: <c>auc.value ≥ AucThreshold</c>, without
/// running anything. Parameters show their names, property files the JSON path they read, step properties the
/// step and property, and literals themselves.
/// </summary>
internal static class ConditionText
{
    public static string Describe(JsonArray conditions) =>
        string.Join(" and ", conditions.Select(c => Condition(c as JsonObject ?? [])));

    private static string Condition(JsonObject condition)
    {
        var type = JsonText.Of(condition["Type"]) ?? "";
        return type switch
        {
            "Not" => $"not ({Condition(condition["Condition"] as JsonObject ?? [])})",
            "Or" => $"({string.Join(" or ", (condition["Conditions"] as JsonArray ?? []).Select(c => Condition(c as JsonObject ?? [])))})",
            "In" => $"{Operand(condition["QueryValue"])} in [{string.Join(", ", (condition["Values"] as JsonArray ?? []).Select(Operand))}]",
            _ => $"{Operand(condition["LeftValue"])} {Symbol(type)} {Operand(condition["RightValue"])}",
        };
    }

    private static string Symbol(string type) => type switch
    {
        "Equals" => "=",
        "GreaterThan" => ">",
        "GreaterThanOrEqualTo" => "≥",
        "LessThan" => "<",
        "LessThanOrEqualTo" => "≤",
        _ => type,
    };

    private static string Operand(JsonNode? value) => value switch
    {
        JsonObject o when JsonText.Of(o["Get"]) is { } reference => Reference(reference),
        JsonObject o when o["Std:JsonGet"] is JsonObject jsonGet => JsonText.Of(jsonGet["Path"]) ?? "?",
        JsonObject o when o["Std:Join"] is not null => "a joined text",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => $"'{v.GetValue<string>()}'",
        JsonValue v => v.ToJsonString(),
        null => "null",
        _ => "?",
    };

    /// <summary><c>Parameters.AucThreshold</c> is AucThreshold; <c>Steps.Train.FinalMetricDataList['auc'].Value</c> stays whole.</summary>
    private static string Reference(string reference) =>
        References.ParameterOf(reference) ?? (reference.StartsWith("Steps.", StringComparison.Ordinal) ? reference["Steps.".Length..] : reference);
}
