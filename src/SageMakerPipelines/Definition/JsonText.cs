using System.Text.Json.Nodes;

namespace MlPipeline.SageMakerPipelines.Definition;

/// <summary>Strings and members as a definition holds them, whatever a malformed one has in their place.</summary>
internal static class JsonText
{
    /// <summary>The node's text when it is a JSON string; null for anything else (a number, an object, nothing).</summary>
    public static string? Of(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>The object's member; null when there is none or the node is not an object (text where an object goes).</summary>
    public static JsonNode? Member(JsonNode? node, string name) => (node as JsonObject)?[name];

    /// <summary>The text of the object's member (<see cref="Of(JsonNode?)"/> of <see cref="Member"/>).</summary>
    public static string? Of(JsonNode? node, string member) => Of(Member(node, member));
}
