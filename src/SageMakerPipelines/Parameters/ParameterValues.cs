using System.Globalization;
using System.Text.Json.Nodes;
using MlPipeline.SageMakerPipelines.Definition;

namespace MlPipeline.SageMakerPipelines;

/// <summary>
/// Parameter values given as text (<c>--param NAME=VALUE</c>) checked against a definition's declared parameters:
/// known names, values of the declared type and among the allowed ones. Local runs and cloud starts use the same check.
/// </summary>
internal static class ParameterValues
{
    /// <summary>Every declared parameter's value: the given one, typed, else its default.</summary>
    /// <exception cref="ArgumentException">A value is unknown, of the wrong type or not allowed, or a parameter without default is not given.</exception>
    public static Dictionary<string, JsonNode?> Resolve(JsonArray declared, IReadOnlyDictionary<string, string> given)
    {
        var values = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var parameter in declared.OfType<JsonObject>())
        {
            var name = parameter["Name"]!.GetValue<string>();
            var type = parameter["Type"]!.GetValue<string>();
            if (!given.TryGetValue(name, out var text))
            {
                values[name] = parameter["DefaultValue"]?.DeepClone()
                    ?? throw new ArgumentException($"Parameter '{name}' has no default; give it with --param {name}=VALUE.");
                continue;
            }

            if (parameter["EnumValues"] is JsonArray allowed && !allowed.Any(a => JsonText.Of(a) == text))
            {
                throw new ArgumentException($"Parameter '{name}' is one of {string.Join(", ", allowed.Select(JsonText.Of))}; '{text}' is not.");
            }

            values[name] = type switch
            {
                "Integer" when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) => n,
                "Float" when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var f) && double.IsFinite(f) => f,
                "Boolean" when bool.TryParse(text, out var b) => b,
                "String" => text,
                _ => throw new ArgumentException($"Parameter '{name}' is {type}; '{text}' is not {type switch
                {
                    "Integer" => "a whole number",
                    "Float" => "a finite number",
                    "Boolean" => "true or false",
                    _ => $"a value of type {type}",
                }}."),
            };
        }

        var unknown = given.Keys.Where(k => !values.ContainsKey(k)).ToList();
        return unknown.Count == 0
            ? values
            : throw new ArgumentException($"Unknown parameter(s): {string.Join(", ", unknown)}; the pipeline declares {string.Join(", ", values.Keys)}.");
    }
}
