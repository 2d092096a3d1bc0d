using System.Text.Json;
using System.Text.Json.Nodes;
using MlPipeline.SageMakerPipelines.Serialization;

namespace MlPipeline.SageMakerPipelines.Tests.Serialization;

/// <summary>What a user of the model meets at the edges of its JSON: what is refused, and how the files people read look.</summary>
public class ModelJsonTests
{
    /// <summary>The model is written, never read back: reading one says to read the definition as a JSON document.</summary>
    [Fact]
    public void Reading_a_value_into_the_model_says_to_read_the_definition_as_a_JSON_document()
    {
        const string Expected = "Definitions are read as JSON documents (JsonNode), not into the model.";

        // System.Text.Json adds where it was (the type and the JSON path) after the converter's message.
        Assert.StartsWith(Expected, Assert.Throws<NotSupportedException>(() => JsonSerializer.Deserialize<PipelineString>("\"a\"")).Message, StringComparison.Ordinal);
        Assert.StartsWith(Expected, Assert.Throws<NotSupportedException>(() => JsonSerializer.Deserialize<PipelineValue<long>>("3")).Message, StringComparison.Ordinal);
    }

    /// <summary>An open enum (an instance type, a content type) reads from its text, and refuses anything else by name.</summary>
    [Fact]
    public void An_open_enum_reads_from_its_text_and_refuses_null_by_name()
    {
        Assert.Equal(InstanceType.MlM5Large, JsonSerializer.Deserialize<InstanceType>("\"ml.m5.large\""));
        Assert.Equal("\"ml.g6.2xlarge\"", JsonSerializer.Serialize(JsonSerializer.Deserialize<InstanceType>("\"ml.g6.2xlarge\"")));

        Assert.Equal("InstanceType must be a string.", Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<InstanceType>("null")).Message);
    }

    /// <summary>JSON has no NaN or infinity: a definition that would hold one is refused while it is written, naming the value.</summary>
    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    public void A_number_JSON_cannot_hold_is_refused_by_name(double number, string shown)
    {
        var pipeline = new Pipeline
        {
            Name = "Numbers",
            Parameters = [Parameter.Float("Threshold", number)],
            Steps = [new FailStep { Name = "Stop" }],
        };

        var error = Assert.Throws<InvalidOperationException>(() => pipeline.ToJson());

        Assert.Equal($"{shown} cannot be written to a pipeline definition; JSON has no such number.", error.Message);
    }

    /// <summary>
    /// The files people read (run records, lineage, the registry, the step cache, --json) have one member per line and
    /// show text as written, escaping only what JSON must.
    /// </summary>
    [Fact]
    public void The_readable_form_has_one_member_per_line_and_text_as_written()
    {
        var record = new JsonObject { ["Step"] = "Évaluer <données> & coût+1", ["Status"] = "Succeeded", ["Quote"] = "say \"hi\"\n" };

        var text = record.ToJsonString(ReadableJson.Options);

        Assert.Equal(
            "{\n  \"Step\": \"Évaluer <données> & coût+1\",\n  \"Status\": \"Succeeded\",\n  \"Quote\": \"say \\\"hi\\\"\\n\"\n}",
            text.ReplaceLineEndings("\n"));
    }
}
