using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MlPipeline.SageMakerPipelines.Local;

/// <summary>Evaluates a Condition step's conditions (all must hold) with SageMaker's semantics.</summary>
internal static class ConditionEvaluator
{
    public static bool All(JsonArray conditions, RunValues values, string step) =>
        conditions.All(c => Holds(c as JsonObject ?? [], values, step));

    private static bool Holds(JsonObject condition, RunValues values, string step)
    {
        var type = condition["Type"]?.GetValue<string>() ?? "";
        switch (type)
        {
            case "Not":
                return !Holds(condition["Expression"] as JsonObject ?? [], values, step);
            case "Or":
                return (condition["Conditions"] as JsonArray ?? []).Any(c => Holds(c as JsonObject ?? [], values, step));
            case "In":
                var query = values.Evaluate(condition["QueryValue"], step);
                return (condition["Values"] as JsonArray ?? []).Any(v => AreEqual(query, values.Evaluate(v, step)));
        }

        var left = values.Evaluate(condition["LeftValue"], step);
        var right = values.Evaluate(condition["RightValue"], step);
        if (type == "Equals")
        {
            return AreEqual(left, right);
        }

        var (a, b) = (Number(left, step, type), Number(right, step, type));
        return type switch
        {
            "GreaterThan" => a > b,
            "GreaterThanOrEqualTo" => a >= b,
            "LessThan" => a < b,
            "LessThanOrEqualTo" => a <= b,
            _ => throw new LocalRunException(step, $"condition type '{type}' is unknown."),
        };
    }

    private static bool AreEqual(JsonNode? left, JsonNode? right) =>
        left is JsonValue l && right is JsonValue r && l.GetValueKind() == JsonValueKind.Number && r.GetValueKind() == JsonValueKind.Number
            ? NumberOf(l) == NumberOf(r)
            : JsonNode.DeepEquals(left, right);

    /// <summary>A JSON number's value, whatever .NET type holds it (a parameter given on the command line holds a long).</summary>
    private static double NumberOf(JsonValue number) => double.Parse(number.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static double Number(JsonNode? value, string step, string type)
    {
        if (value is JsonValue v && v.GetValueKind() == JsonValueKind.Number)
        {
            return NumberOf(v);
        }

        if (value is JsonValue s && s.GetValueKind() == JsonValueKind.String
            && double.TryParse(s.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }

        throw new LocalRunException(step, $"{type} compares numbers, but {value?.ToJsonString() ?? "null"} is not one.");
    }
}
