using System.Text.Json.Nodes;

namespace MlPipeline.SageMakerPipelines.Definition;

/// <summary>Strings as a definition holds them.</summary>
internal static class JsonText
{
    /// <summary>The node's text when it is a JSON string; null for anything else (a number, an object, nothing).</summary>
    public static string? Of(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
