using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MlPipeline.SageMakerPipelines.Serialization;

/// <summary>The one place a <see cref="PipelineValue"/> becomes JSON: a literal, <c>Get</c>, <c>Std:Join</c> or <c>Std:JsonGet</c>.</summary>
internal sealed class PipelineValueConverter : JsonConverter<PipelineValue>
{
    // Stryker disable once String : unreachable: this converter is in the definition writer's options only, which never read
    public override PipelineValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("Definitions are read as JSON documents (JsonNode), not into the model.");

    public override void Write(Utf8JsonWriter writer, PipelineValue value, JsonSerializerOptions options) => WriteValue(writer, value);

    public static void WriteValue(Utf8JsonWriter writer, PipelineValue value)
    {
        switch (value)
        {
            case PipelineLiteral { Value: string text }:
                writer.WriteStringValue(text);
                break;
            case PipelineLiteral { Value: long number }:
                writer.WriteNumberValue(number);
                break;
            case PipelineLiteral { Value: double number }:
                if (!double.IsFinite(number))
                {
                    throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"{number} cannot be written to a pipeline definition; JSON has no such number."));
                }

                writer.WriteNumberValue(number);
                break;
            case PipelineLiteral { Value: bool flag }:
                writer.WriteBooleanValue(flag);
                break;
            case PropertyReference reference:
                writer.WriteStartObject();
                writer.WriteString("Get", reference.Path);
                writer.WriteEndObject();
                break;
            case JoinFunction join:
                writer.WriteStartObject();
                writer.WriteStartObject("Std:Join");
                writer.WriteString("On", join.On);
                writer.WriteStartArray("Values");
                foreach (var item in join.Values)
                {
                    WriteValue(writer, item);
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
                writer.WriteEndObject();
                break;
            case JsonGetFunction jsonGet:
                writer.WriteStartObject();
                writer.WriteStartObject("Std:JsonGet");
                writer.WritePropertyName(jsonGet.PropertyFile is null ? "S3Uri" : "PropertyFile");
                WriteValue(writer, (PipelineValue?)jsonGet.PropertyFile ?? jsonGet.S3Uri!);
                writer.WriteString("Path", jsonGet.Path);
                writer.WriteEndObject();
                writer.WriteEndObject();
                break;
            default:
                // Stryker disable once String : unreachable: the cases above are every value kind: the base constructor is private protected, so no other assembly adds one
                throw new InvalidOperationException($"Unknown pipeline value {value.GetType().Name}.");
        }
    }
}
