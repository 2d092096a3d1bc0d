using System.Text.Json;
using System.Text.Json.Serialization;

namespace MlPipeline.SageMakerPipelines.Serialization;

/// <summary>Writes a <see cref="PipelineValue{T}"/> as its untyped value, through <see cref="PipelineValueConverter"/>.</summary>
internal sealed class TypedPipelineValueConverterFactory : JsonConverterFactory
{
    /// <summary>Named by the attribute on <see cref="PipelineValue{T}"/> alone, so only its closed types are asked about.</summary>
    public override bool CanConvert(Type typeToConvert) => typeToConvert.GetGenericTypeDefinition() == typeof(PipelineValue<>);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]))!;

    private sealed class Converter<T> : JsonConverter<PipelineValue<T>>
    {
        public override PipelineValue<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("Definitions are read as JSON documents (JsonNode), not into the model.");

        public override void Write(Utf8JsonWriter writer, PipelineValue<T> value, JsonSerializerOptions options) =>
            PipelineValueConverter.WriteValue(writer, value.Value);
    }
}
