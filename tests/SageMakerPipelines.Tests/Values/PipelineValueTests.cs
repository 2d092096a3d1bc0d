using System.Text.Json;
using MlPipeline.SageMakerPipelines.Tests.Fixtures;

namespace MlPipeline.SageMakerPipelines.Tests.Values;

public class PipelineValueTests
{
    [Fact]
    public void A_value_never_turns_into_text_silently()
    {
        PipelineValue value = Parameter.String("Bucket", "b");

        var error = Assert.Throws<InvalidOperationException>(() => $"s3://{value}/data");

        Assert.Contains("Functions.Join", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Non_string_values_where_the_api_wants_strings_are_wrapped_in_join()
    {
        var count = Parameter.Integer("Epochs", 10);
        var step = AbalonePipeline.Train(AbalonePipeline.Process()) with { };
        var arguments = step.Arguments with
        {
            HyperParameters = new Dictionary<string, PipelineString>
            {
                ["epochs"] = count,
                ["name"] = Parameter.String("Name", "x"),
                ["rate"] = 0.5,
                ["flag"] = true,
            },
        };

        var pipeline = new Pipeline { Name = "p", Parameters = [count, Parameter.String("Name", "x")], Steps = [AbalonePipeline.Process(), step with { Arguments = arguments }] };
        using var document = JsonDocument.Parse(pipeline.ToJson());
        var hyperParameters = document.RootElement.GetProperty("Steps")[1].GetProperty("Arguments").GetProperty("HyperParameters");

        Assert.Equal("""{"Std:Join":{"On":"","Values":[{"Get":"Parameters.Epochs"}]}}""", hyperParameters.GetProperty("epochs").GetRawText().Replace(" ", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal));
        Assert.Equal("Parameters.Name", hyperParameters.GetProperty("name").GetProperty("Get").GetString());
        Assert.Equal("0.5", hyperParameters.GetProperty("rate").GetString());
        Assert.Equal("true", hyperParameters.GetProperty("flag").GetString());
    }

    [Fact]
    public void A_reference_to_an_output_the_step_does_not_have_fails_where_it_is_written()
    {
        var process = AbalonePipeline.Process();

        var error = Assert.Throws<ArgumentException>(() => process.OutputS3Uri("tarin"));

        Assert.Contains("train, validation, test", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => process.PropertyFile("Report"));
    }

    [Fact]
    public void A_default_outside_the_enum_values_fails_where_it_is_written()
    {
        var error = Assert.Throws<ArgumentException>(() => Parameter.String("Stage", "test", ["dev", "prod"]));

        Assert.Contains("'test' is not one of its values dev, prod", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Literals_and_references_report_their_runtime_type()
    {
        Assert.Equal(PipelineValueType.Integer, ((PipelineValue)5).ValueType);
        Assert.Equal(PipelineValueType.Float, ((PipelineValue)Parameter.Float("F", 1)).ValueType);
        Assert.Equal(PipelineValueType.String, Functions.Join("/", 1, 2).ValueType);
        Assert.Equal(PipelineValueType.Boolean, new ConditionStep { Name = "C", Conditions = [] }.Outcome.ValueType);
    }
}
