using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using MlPipeline.SageMakerPipelines.Definition;

namespace MlPipeline.SageMakerPipelines.Local;

/// <summary>
/// Evaluates definition expressions as SageMaker does during an execution: parameters, execution variables, the
/// experiment config, step properties (<c>Get</c>), <c>Std:Join</c> and <c>Std:JsonGet</c>.
/// </summary>
/// <param name="parameters">The run's parameter values.</param>
/// <param name="execution">The execution variables.</param>
/// <param name="experimentConfig">The definition's PipelineExperimentConfig.</param>
/// <param name="readObject">The text of an object in the local object store, or null when there is none (for Std:JsonGet on an S3 URI).</param>
internal sealed class RunValues(
    IReadOnlyDictionary<string, JsonNode?> parameters,
    IReadOnlyDictionary<string, string> execution,
    JsonObject? experimentConfig = null,
    Func<string, string?>? readObject = null)
{
    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, JsonNode?>> _properties = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, JsonNode?> _propertyFiles = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, JsonNode?> Parameters => parameters;

    public IReadOnlyDictionary<string, string> Execution => execution;

    public void SetProperties(string step, IReadOnlyDictionary<string, JsonNode?> properties) => _properties[step] = properties;

    public IReadOnlyDictionary<string, JsonNode?> PropertiesOf(string step) => _properties.GetValueOrDefault(step) ?? new Dictionary<string, JsonNode?>();

    public void SetPropertyFile(string step, string name, JsonNode? content) => _propertyFiles[$"{step}.PropertyFiles.{name}"] = content;

    /// <summary>A copy of <paramref name="node"/> with every expression replaced by its value.</summary>
    public JsonNode? Evaluate(JsonNode? node, string step) => node switch
    {
        JsonObject { Count: 1 } get when get.ContainsKey("Get") => Resolve(get["Get"]!.GetValue<string>(), step)?.DeepClone(),
        JsonObject { Count: 1 } join when join["Std:Join"] is JsonObject args =>
            // Stryker disable once String,NullCoalescing : the validator refuses a Std:Join without On or Values (SMP026) before a run starts
            string.Join(args["On"]?.GetValue<string>() ?? "", (args["Values"] as JsonArray ?? []).Select(v => Text(Evaluate(v, step)))),
        JsonObject { Count: 1 } jsonGet when jsonGet["Std:JsonGet"] is JsonObject args => JsonGet(args, step)?.DeepClone(),
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, Evaluate(p.Value, step)))),
        JsonArray array => new JsonArray(array.Select(v => Evaluate(v, step)).ToArray()),
        _ => node?.DeepClone(),
    };

    /// <summary>
    /// A copy of <paramref name="node"/> with every expression that needs no step's result replaced by its value:
    /// parameters, execution variables, and joins of those. What depends on a step is left as it is.
    /// </summary>
    public JsonNode? EvaluateKnown(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject { Count: 1 } get when get["Get"] is JsonValue value && value.TryGetValue<string>(out var reference)
                && (References.ParameterOf(reference) is not null || reference.StartsWith("Execution.", StringComparison.Ordinal)):
                // Stryker disable once String : only declared parameters and known execution variables get here (the validator checks them, SMP009/SMP010), so no error names a step
                return Resolve(reference, "")?.DeepClone();
            case JsonObject { Count: 1 } join when join["Std:Join"] is JsonObject args:
                var known = KnownValues(args);
                // Stryker disable once String : the validator refuses a Std:Join without On (SMP026) before a run starts
                return known.Any(References.IsExpression)
                    ? JoinOf(args, known)
                    : string.Join(args["On"]?.GetValue<string>() ?? "", known.Select(Text));
            case JsonObject { Count: 1 } jsonGet when jsonGet["Std:JsonGet"] is JsonObject { } args && args["S3Uri"] is JsonObject { Count: 1 } uri
                && uri["Std:Join"] is JsonObject uriArgs:
                // SageMaker takes this URI only as a Std:Join: its values are put in, its shape is kept.
                var evaluated = (JsonObject)EvaluateKnown(args)!;
                evaluated["S3Uri"] = JoinOf(uriArgs, KnownValues(uriArgs));
                return new JsonObject { ["Std:JsonGet"] = evaluated };
            case JsonObject obj:
                return new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, EvaluateKnown(p.Value))));
            case JsonArray array:
                return new JsonArray(array.Select(EvaluateKnown).ToArray());
            default:
                return node?.DeepClone();
        }
    }

    /// <summary>A value as SageMaker writes it into a string.</summary>
    public static string Text(JsonNode? value) => value switch
    {
        // Stryker disable once String : a JSON null reaches a join only from a property file's null, for which SageMaker documents no text; empty is this runner's choice
        null => "",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>() ? "true" : "false",
        JsonValue v when v.TryGetValue<long>(out var whole) && !v.ToJsonString().Contains('.', StringComparison.Ordinal) => whole.ToString(CultureInfo.InvariantCulture),
        JsonValue v when v.TryGetValue<double>(out var number) => FloatText.Of(number),
        _ => value.ToJsonString(),
    };

    // Stryker disable once String,NullCoalescing : the validator refuses a Std:Join without On or Values (SMP026) before a run starts
    private List<JsonNode?> KnownValues(JsonObject join) => [.. (join["Values"] as JsonArray ?? []).Select(EvaluateKnown)];

    private static JsonObject JoinOf(JsonObject join, List<JsonNode?> values) =>
        new() { ["Std:Join"] = new JsonObject { ["On"] = join["On"]?.DeepClone(), ["Values"] = new JsonArray([.. values]) } };

    private JsonNode? Resolve(string reference, string step)
    {
        if (References.ParameterOf(reference) is { } parameter)
        {
            return parameters.TryGetValue(parameter, out var value)
                ? value
                : throw new LocalRunException(step, $"parameter '{parameter}' is not declared.");
        }

        if (reference.StartsWith("Execution.", StringComparison.Ordinal))
        {
            return execution.TryGetValue(reference["Execution.".Length..], out var value)
                ? value
                : throw new LocalRunException(step, $"execution variable '{reference}' is unknown.");
        }

        if (reference.StartsWith("PipelineExperimentConfig.", StringComparison.Ordinal))
        {
            return experimentConfig?[reference["PipelineExperimentConfig.".Length..]] is { } name
                ? Evaluate(name, step)
                : throw new LocalRunException(step, $"'{reference}' is not in the definition's PipelineExperimentConfig.");
        }

        // Stryker disable once String : any text without a '.' in place of "" gives the same error below
        var rest = reference.StartsWith("Steps.", StringComparison.Ordinal) ? reference["Steps.".Length..] : "";
        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0)
        {
            throw new LocalRunException(step, $"'{reference}' is not a Parameters., Execution. or Steps. reference.");
        }

        var (source, property) = (rest[..dot], rest[(dot + 1)..]);
        if (!_properties.TryGetValue(source, out var properties))
        {
            throw new LocalRunException(step, $"it uses '{reference}', but step '{source}' has not run.");
        }

        return properties.TryGetValue(property, out var found)
            ? found
            : throw new LocalRunException(step, $"step '{source}' has no property '{property}' in a local run; local runs know: {string.Join(", ", properties.Keys)}.");
    }

    private JsonNode? JsonGet(JsonObject args, string step)
    {
        // Stryker disable once String : the validator refuses a Std:JsonGet without Path (SMP026) before a run starts
        var path = args["Path"]?.GetValue<string>() ?? "";
        string file;
        JsonNode? content;
        if (args["S3Uri"] is { } uri)
        {
            file = Text(Evaluate(uri, step));
            var text = readObject?.Invoke(file) ?? throw new LocalRunException(step, $"JsonGet reads {file}, which is not in the local object store.");
            try
            {
                content = JsonNode.Parse(text);
            }
            catch (JsonException e)
            {
                throw new LocalRunException(step, $"JsonGet reads {file}, which is not JSON: {e.Message}");
            }
        }
        else
        {
            // Stryker disable once String : the validator refuses a Std:JsonGet without a PropertyFile Get or an S3Uri (SMP026) before a run starts
            file = (args["PropertyFile"] as JsonObject)?["Get"]?.GetValue<string>() ?? "";
            // Stryker disable once Conditional,String : the validator refuses a Get that does not start with Steps. (SMP012), so a PropertyFile always does
            var key = file.StartsWith("Steps.", StringComparison.Ordinal) ? file["Steps.".Length..] : file;
            if (!_propertyFiles.TryGetValue(key, out content))
            {
                throw new LocalRunException(step, $"property file '{file}' was not written by a step that ran.");
            }
        }

        var node = content;
        foreach (var segment in path.Replace("[", ".[", StringComparison.Ordinal).Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            node = segment.StartsWith('[') && int.TryParse(segment.Trim('[', ']'), CultureInfo.InvariantCulture, out var index)
                ? (node as JsonArray) is { } array && index < array.Count ? array[index] : null
                : (node as JsonObject)?[segment];
            if (node is null)
            {
                throw new LocalRunException(step, $"property file '{file}' has no value at '{path}' (no '{segment}').");
            }
        }

        return node;
    }
}
