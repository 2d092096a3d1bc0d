using System.Text.Json;
using System.Text.Json.Nodes;

namespace MlPipeline.SageMakerPipelines.Local;

/// <summary>
/// Results of earlier runs of a step, by cache key (same step arguments, same parameter values, same input
/// content). An entry is reused only if every output it recorded still has the content hash it had.
/// </summary>
internal sealed class StepCache(string root, LocalObjectStore store)
{
    public sealed record Entry(string Key, JsonObject Properties, JsonObject PropertyFiles, IReadOnlyDictionary<string, string> Outputs, string RunId, JsonObject Lineage);

    /// <summary>The cached result, or null with the reason it cannot be used.</summary>
    public (Entry? Entry, string? Stale) Find(string key)
    {
        var path = Path.Combine(root, key + ".json");
        if (!File.Exists(path))
        {
            return (null, null);
        }

        try
        {
            var document = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
            var outputs = document["Outputs"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>(), StringComparer.Ordinal);
            foreach (var (uri, hash) in outputs)
            {
                if (store.List(uri).Count == 0 || store.ContentHash(uri) != hash)
                {
                    return (null, $"the cached output {uri} no longer matches its recorded hash");
                }
            }

            return (new Entry(key, document["Properties"]!.AsObject(), document["PropertyFiles"]!.AsObject(), outputs, document["RunId"]!.GetValue<string>(), document["Lineage"] as JsonObject ?? []), null);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NullReferenceException)
        {
            return (null, $"the cache entry {path} is damaged");
        }
    }

    public void Save(Entry entry)
    {
        var document = new JsonObject
        {
            ["RunId"] = entry.RunId,
            ["Properties"] = entry.Properties.DeepClone(),
            ["PropertyFiles"] = entry.PropertyFiles.DeepClone(),
            ["Outputs"] = new JsonObject(entry.Outputs.Select(o => KeyValuePair.Create(o.Key, (JsonNode?)o.Value))),
            ["Lineage"] = entry.Lineage.DeepClone(),
        };
        var path = Path.Combine(root, entry.Key + ".json");
        if (Directory.Exists(path))
        {
            throw new IOException($"the step cache entry {path} is a folder, not a file; delete it (the cache is rebuilt by the next run).");
        }

        AtomicFile.WriteText(path, document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }
}
