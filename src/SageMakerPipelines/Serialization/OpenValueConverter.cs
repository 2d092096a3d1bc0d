using System.Text.Json;
using System.Text.Json.Serialization;

namespace MlPipeline.SageMakerPipelines.Serialization;

/// <summary>Writes and reads an open enum as its plain string.</summary>
internal sealed class OpenValueConverter<T> : JsonConverter<T>
    where T : struct, IOpenValue<T>
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        T.Create(reader.GetString() ?? throw new JsonException($"{typeof(T).Name} must be a string."));

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);
}
