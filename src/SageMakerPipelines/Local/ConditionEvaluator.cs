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
                return !Holds(condition["Condition"] as JsonObject ?? [], values, step);
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

        var order = (Date(left), Date(right), Number(left), Number(right)) switch
        {
            ({ } l, { } r, _, _) => l.CompareTo(r),
            (_, _, { } l, { } r) => l.CompareTo(r),
            _ => throw new LocalRunException(step,
                $"{type} compares two numbers or two ISO 8601 dates, but got {left?.ToJsonString() ?? "null"} and {right?.ToJsonString() ?? "null"}."),
        };
        return type switch
        {
            "GreaterThan" => order > 0,
            "GreaterThanOrEqualTo" => order >= 0,
            "LessThan" => order < 0,
            "LessThanOrEqualTo" => order <= 0,
            _ => throw new LocalRunException(step, $"condition type '{type}' is unknown."),
        };
    }

    /// <summary>
    /// An ISO 8601 date or time (Execution.StartDateTime, "2020-12-01"), compared as an instant; a date without a zone
    /// is UTC. The SDK's own tests compare the start time with a date this way.
    /// </summary>
    private static DateTimeOffset? Date(JsonNode? value) =>
        value is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() is var text
            && text.Length >= 10 && char.IsAsciiDigit(text[0]) && text[4] == '-' && text[7] == '-'
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? date
            : null;

    private static bool AreEqual(JsonNode? left, JsonNode? right) =>
        left is JsonValue l && right is JsonValue r && l.GetValueKind() == JsonValueKind.Number && r.GetValueKind() == JsonValueKind.Number
            ? NumberOf(l) == NumberOf(r)
            : JsonNode.DeepEquals(left, right);

    /// <summary>A JSON number's value, whatever .NET type holds it (a parameter given on the command line holds a long).</summary>
    private static double NumberOf(JsonValue number) => double.Parse(number.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static double? Number(JsonNode? value)
    {
        if (value is JsonValue v && v.GetValueKind() == JsonValueKind.Number)
        {
            return NumberOf(v);
        }

        return value is JsonValue s && s.GetValueKind() == JsonValueKind.String
            && double.TryParse(s.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : null;
    }
}
