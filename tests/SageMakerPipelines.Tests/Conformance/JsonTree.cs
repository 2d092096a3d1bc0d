using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MlPipeline.SageMakerPipelines.Tests.Conformance;

/// <summary>
/// Paths into JSON documents (<c>Steps[0].Arguments.Conditions[1]</c>, the form the validator reports) and a
/// structural comparison: object keys in any order, arrays in order, values exact (numbers by value, since JSON
/// has one number type: the SDK's <c>2.0</c> is our <c>2</c>).
/// </summary>
internal static partial class JsonTree
{
    /// <summary>The node at <paramref name="path"/>; "" is the root.</summary>
    public static JsonNode? Select(JsonNode? root, string path) => Walk(root, Segments(path), path);

    /// <summary>Replaces the node at <paramref name="path"/>, or adds it to its object, and returns the root.</summary>
    public static JsonNode? Replace(JsonNode? root, string path, JsonNode? value)
    {
        var (parent, last) = Parent(root, path, mustExist: last => last is int);
        switch (last)
        {
            case int index:
                ((JsonArray)parent!)[index] = value;
                break;
            default:
                ((JsonObject)parent!)[(string)last] = value;
                break;
        }

        return root;
    }

    /// <summary>Removes the node at <paramref name="path"/> (which must exist).</summary>
    public static void Remove(JsonNode? root, string path)
    {
        var (parent, last) = Parent(root, path, mustExist: _ => true);
        if (last is int index)
        {
            ((JsonArray)parent!).RemoveAt(index);
        }
        else
        {
            ((JsonObject)parent!).Remove((string)last);
        }
    }

    /// <summary>Every difference between two documents, one line each with its path; empty when they are the same.</summary>
    public static List<string> Differences(JsonNode? expected, JsonNode? actual, string path = "")
    {
        var found = new List<string>();
        Compare(expected, actual, path, found);
        return found;
    }

    private static void Compare(JsonNode? expected, JsonNode? actual, string path, List<string> found)
    {
        var where = path.Length == 0 ? "(root)" : path;
        switch (expected, actual)
        {
            case (null, null):
                return;
            case (JsonObject e, JsonObject a):
                foreach (var (key, value) in e)
                {
                    if (!a.TryGetPropertyValue(key, out var other))
                    {
                        found.Add($"{Join(path, key)}: missing (expected {value?.ToJsonString() ?? "null"})");
                    }
                    else
                    {
                        Compare(value, other, Join(path, key), found);
                    }
                }

                found.AddRange(a.Where(p => !e.ContainsKey(p.Key)).Select(p => $"{Join(path, p.Key)}: not expected (got {p.Value?.ToJsonString() ?? "null"})"));
                return;
            case (JsonArray e, JsonArray a):
                for (var i = 0; i < Math.Max(e.Count, a.Count); i++)
                {
                    if (i >= a.Count)
                    {
                        found.Add($"{path}[{i}]: missing (expected {e[i]?.ToJsonString() ?? "null"})");
                    }
                    else if (i >= e.Count)
                    {
                        found.Add($"{path}[{i}]: not expected (got {a[i]?.ToJsonString() ?? "null"})");
                    }
                    else
                    {
                        Compare(e[i], a[i], $"{path}[{i}]", found);
                    }
                }

                return;
            case (JsonValue e, JsonValue a) when e.GetValueKind() == JsonValueKind.Number && a.GetValueKind() == JsonValueKind.Number:
                if (decimal.Parse(e.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture) != decimal.Parse(a.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture))
                {
                    found.Add($"{where}: expected {e.ToJsonString()}, got {a.ToJsonString()}");
                }

                return;
            default:
                if (!JsonNode.DeepEquals(expected, actual))
                {
                    found.Add($"{where}: expected {expected?.ToJsonString() ?? "null"}, got {actual?.ToJsonString() ?? "null"}");
                }

                return;
        }
    }

    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    private static (JsonNode? Parent, object Last) Parent(JsonNode? root, string path, Func<object, bool> mustExist)
    {
        var segments = Segments(path).ToList();
        if (segments.Count == 0)
        {
            throw new ArgumentException("The root has no parent.", nameof(path));
        }

        var parent = Walk(root, segments[..^1], path);
        if (mustExist(segments[^1]))
        {
            _ = Walk(parent, segments[^1..], path);
        }

        return (parent, segments[^1]);
    }

    private static JsonNode? Walk(JsonNode? node, IEnumerable<object> segments, string path)
    {
        foreach (var segment in segments)
        {
            node = segment switch
            {
                int index => node is JsonArray array && index < array.Count ? array[index] : throw Missing(path),
                string key => node is JsonObject obj && obj.TryGetPropertyValue(key, out var child) ? child : throw Missing(path),
                _ => throw Missing(path),
            };
        }

        return node;
    }

    private static IEnumerable<object> Segments(string path)
    {
        foreach (Match match in Segment().Matches(path))
        {
            yield return match.Groups["index"].Success
                ? int.Parse(match.Groups["index"].Value, CultureInfo.InvariantCulture)
                : match.Groups["key"].Value;
        }
    }

    private static KeyNotFoundException Missing(string path) => new($"'{path}' is not in the document.");

    [GeneratedRegex(@"\[(?<index>\d+)\]|(?<key>[^.\[]+)")]
    private static partial Regex Segment();
}
