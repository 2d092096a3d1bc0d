using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MlPipeline.SageMakerPipelines.Local;

/// <summary>Evaluates a Condition step's conditions (all must hold) with SageMaker's semantics.</summary>
internal static class ConditionEvaluator
{
    public static bool All(JsonArray conditions, RunValues values, string step) => Explain(conditions, values, step).Outcome;

    /// <summary>
    /// Whether all conditions hold, and each condition with the values it compared, as people read it:
    /// <c>0.6234 &gt;= 0.99 is false</c>.
    /// </summary>
    public static (bool Outcome, string Explanation) Explain(JsonArray conditions, RunValues values, string step)
    {
        // Stryker disable once NullCoalescing : the validator refuses such a condition (SMP025) before a run starts
        var results = conditions.Select(c => Holds(c as JsonObject ?? [], values, step)).ToList();
        return (results.All(r => r.Holds), string.Join("; ", results.Select(r => $"{r.Text} is {(r.Holds ? "true" : "false")}")));
    }

    private static (bool Holds, string Text) Holds(JsonObject condition, RunValues values, string step)
    {
        var type = condition["Type"]?.GetValue<string>() ?? "";
        switch (type)
        {
            case "Not":
                // Stryker disable once NullCoalescing : the validator refuses such a condition (SMP025) before a run starts
                var inner = Holds(condition["Condition"] as JsonObject ?? [], values, step);
                return (!inner.Holds, $"not ({inner.Text})");
            case "Or":
                // Stryker disable once NullCoalescing : the validator refuses such a condition (SMP025) before a run starts
                var any = (condition["Conditions"] as JsonArray ?? []).Select(c => Holds(c as JsonObject ?? [], values, step)).ToList();
                return (any.Any(r => r.Holds), $"({string.Join(" or ", any.Select(r => r.Text))})");
            case "In":
                var query = values.Evaluate(condition["QueryValue"], step);
                // Stryker disable once NullCoalescing : the validator refuses such a condition (SMP025) before a run starts
                var candidates = (condition["Values"] as JsonArray ?? []).Select(v => values.Evaluate(v, step)).ToList();
                return (candidates.Any(v => AreEqual(query, v)), $"{Show(query)} in [{string.Join(", ", candidates.Select(Show))}]");
        }

        var left = values.Evaluate(condition["LeftValue"], step);
        var right = values.Evaluate(condition["RightValue"], step);
        if (type == "Equals")
        {
            return (AreEqual(left, right), $"{Show(left)} == {Show(right)}");
        }

        var order = (Date(left), Date(right), Number(left), Number(right)) switch
        {
            ({ } l, { } r, _, _) => l.CompareTo(r),
            (_, _, { } l, { } r) => l.CompareTo(r),
            _ => throw new LocalRunException(step,
                $"{type} compares two numbers or two ISO 8601 dates, but got {left?.ToJsonString() ?? "null"} and {right?.ToJsonString() ?? "null"}."),
        };
        var (holds, symbol) = type switch
        {
            "GreaterThan" => (order > 0, ">"),
            "GreaterThanOrEqualTo" => (order >= 0, ">="),
            "LessThan" => (order < 0, "<"),
            "LessThanOrEqualTo" => (order <= 0, "<="),
            _ => throw new LocalRunException(step, $"condition type '{type}' is unknown."),
        };
        return (holds, $"{Show(left)} {symbol} {Show(right)}");
    }

    /// <summary>A compared value as people read it: numbers and text as they are, anything else as JSON.</summary>
    private static string Show(JsonNode? value) =>
        value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? $"\"{v.GetValue<string>()}\"" : RunValues.Text(value) is { Length: > 0 } text ? text : "null";

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
