using System.Text.Json;
using System.Text.Json.Nodes;
using MlPipeline.SageMakerPipelines.Serialization;

namespace MlPipeline.SageMakerPipelines.Local;

/// <summary>
/// Results of earlier runs of a step, by cache key (see <c>LocalRunner.CacheKey</c>). An entry is reused only if every
/// output it recorded still has the content hash it had; it records its inputs' content, so a reuse over changed data
/// can be told.
/// </summary>
internal sealed class StepCache(string root, LocalObjectStore store)
{
    public sealed record Entry(string Key, JsonObject Properties, JsonObject PropertyFiles, IReadOnlyDictionary<string, string> Outputs, string RunId, JsonObject Lineage)
    {
        /// <summary>The content hash of each input from outside the pipeline when the result was made, by S3 URI.</summary>
        public IReadOnlyDictionary<string, string> InputContent { get; init; } = new Dictionary<string, string>();
    }

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

            var inputs = (document["InputContent"] as JsonObject ?? []).ToDictionary(p => p.Key, p => p.Value!.GetValue<string>(), StringComparer.Ordinal);
            return (new Entry(key, document["Properties"]!.AsObject(), document["PropertyFiles"]!.AsObject(), outputs, document["RunId"]!.GetValue<string>(), document["Lineage"] as JsonObject ?? []) { InputContent = inputs }, null);
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
            ["InputContent"] = new JsonObject(entry.InputContent.Select(i => KeyValuePair.Create(i.Key, (JsonNode?)i.Value))),
        };
        var path = Path.Combine(root, entry.Key + ".json");
        if (Directory.Exists(path))
        {
            throw new IOException($"the step cache entry {path} is a folder, not a file; delete it (the cache is rebuilt by the next run).");
        }

        AtomicFile.WriteText(path, document.ToJsonString(ReadableJson.Options));
    }
}
