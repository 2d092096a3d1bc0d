using System.Text.Json;
using System.Text.Json.Serialization;

namespace MlPipeline.SageMakerPipelines.Serialization;

/// <summary>Writes a <see cref="PipelineString"/> as its (already string-typed) value.</summary>
internal sealed class PipelineStringConverter : JsonConverter<PipelineString>
{
    public override PipelineString Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("Definitions are read as JSON documents (JsonNode), not into the model.");

    public override void Write(Utf8JsonWriter writer, PipelineString value, JsonSerializerOptions options) =>
        PipelineValueConverter.WriteValue(writer, value.Value);
}
