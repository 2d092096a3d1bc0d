using System.Globalization;
using System.Text.Json.Nodes;

namespace MlPipeline.SageMakerPipelines.Local;

/// <summary>
/// Two runs side by side from their lineage: status and time, parameters, what each condition compared, and the
/// hashes of the data, code and models each step used and made (the first 12 hex digits).
/// </summary>
public static class RunComparison
{
    /// <summary>One compared fact: what it is, its value in each run, and whether they differ.</summary>
    /// <param name="What">Such as <c>parameter AucThreshold</c> or <c>data Clean/data</c>.</param>
    /// <param name="First">Its value in the first run ("" when the run has none).</param>
    /// <param name="Second">Its value in the second run.</param>
    public sealed record Row(string What, string First, string Second)
    {
        /// <summary>Whether the two runs differ here.</summary>
        public bool Differs => First != Second;
    }

    /// <summary>The rows for two lineages, in a stable order: run, parameters, then step by step.</summary>
    /// <param name="first">The first run's lineage.</param>
    /// <param name="second">The second run's lineage.</param>
    public static IReadOnlyList<Row> Compare(JsonObject first, JsonObject second)
    {
        var a = Facts(first);
        var b = Facts(second);
        var order = a.Keys.Concat(b.Keys.Where(k => !a.ContainsKey(k))).ToList();
        return [.. order.Select(k => new Row(k, a.GetValueOrDefault(k) ?? "", b.GetValueOrDefault(k) ?? ""))];
    }

    private static Dictionary<string, string> Facts(JsonObject lineage)
    {
        var facts = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["status"] = Text(lineage["Status"]),
            ["time"] = lineage["ElapsedSeconds"] is JsonValue seconds ? string.Create(CultureInfo.InvariantCulture, $"{seconds.GetValue<double>():0.0} s") : "",
            ["definition"] = Short(lineage["DefinitionSha256"]),
            ["git commit"] = Short(lineage["Git"]?["Commit"]) + (lineage["Git"]?["Dirty"] is JsonValue dirty && dirty.GetValue<bool>() ? " (changed)" : ""),
            ["python"] = Text(lineage["Python"]?["Version"]),
        };
        foreach (var (name, value) in lineage["Parameters"] as JsonObject ?? [])
        {
            facts[$"parameter {name}"] = RunValues.Text(value);
        }

        foreach (var (name, step) in lineage["Steps"] as JsonObject ?? [])
        {
            if (step is not JsonObject record)
            {
                continue;
            }

            facts[$"{name}"] = Text(record["Status"]);
            if (record["Compared"] is { } compared)
            {
                facts[$"{name} compared"] = Text(compared);
            }

            foreach (var input in (record["Inputs"] as JsonArray ?? []).OfType<JsonObject>())
            {
                var kind = Text(input["Name"]) == "code" ? $"code {name}" : $"data {name}/{Text(input["Name"])}";
                facts[kind] = Short(input["Sha256"]);
            }

            if (record["Code"]?["Sha256"] is { } code)
            {
                facts[$"code {name}"] = Short(code);
            }

            if (record["ModelArtifact"]?["Sha256"] is { } model)
            {
                facts[$"model {name}"] = Short(model);
            }

            if (record["ModelPackageArn"] is { } package)
            {
                facts[$"registered {name}"] = Text(package)[(Text(package).IndexOf("model-package/", StringComparison.Ordinal) is var at and >= 0 ? at + "model-package/".Length : 0)..];
            }
        }

        return facts;
    }

    private static string Text(JsonNode? node) => node is null ? "" : RunValues.Text(node);

    private static string Short(JsonNode? sha) => Text(sha) is { Length: > 12 } text ? text[..12] : Text(sha);
}
