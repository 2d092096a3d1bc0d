using System.Text.Json.Serialization;

namespace MlPipeline.SageMakerPipelines;

/// <summary>A tag on the resource a step creates.</summary>
/// <param name="Key">The tag's key.</param>
/// <param name="Value">The tag's value.</param>
public sealed record Tag(
    [property: JsonPropertyName("Key")] string Key,
    [property: JsonPropertyName("Value")] string Value);
