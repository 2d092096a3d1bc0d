using System.Text.Json.Nodes;
using MlPipeline.SageMakerPipelines.Local;

namespace MlPipeline.SageMakerPipelines.Tests.Local;

/// <summary>
/// Definition expressions as a local run evaluates them, as SageMaker does: a Std:Join writes each value type the way
/// SageMaker writes it into a string, Get reads parameters, execution variables, the experiment config and step
/// properties, Std:JsonGet reads a property file.
/// </summary>
public class RunValuesTests
{
    private static RunValues Values()
    {
        var values = new RunValues(
            new Dictionary<string, JsonNode?> { ["Epochs"] = JsonValue.Create(3L), ["Rate"] = 0.1, ["Name"] = "churn", ["Tune"] = false },
            new Dictionary<string, string> { ["PipelineExecutionId"] = "exec-1" },
            new JsonObject { ["ExperimentName"] = new JsonObject { ["Get"] = "Parameters.Name" } });
        values.SetProperties("Train", new Dictionary<string, JsonNode?> { ["ModelArtifacts.S3ModelArtifacts"] = "s3://b/model.tar.gz", ["TrainingJobName"] = "train-1" });
        values.SetPropertyFile("Evaluate", "Report", JsonNode.Parse("""{"metrics": {"mse": {"value": 0.25}}, "runs": [{"id": 7}, {"id": 8}]}"""));
        return values;
    }

    private static JsonObject Get(string reference) => new() { ["Get"] = reference };

    private static JsonObject Join(string on, params JsonNode?[] values) =>
        new() { ["Std:Join"] = new JsonObject { ["On"] = on, ["Values"] = new JsonArray(values) } };

    [Fact]
    public void A_join_writes_every_value_type_as_SageMaker_writes_it_into_a_string()
    {
        var join = Join("|", "text", 42, 2.0, 0.5, 1e-5, 1e16, true, false, Get("Parameters.Epochs"), Get("Parameters.Rate"),
            Get("Parameters.Tune"), Get("Execution.PipelineExecutionId"), Get("PipelineExperimentConfig.ExperimentName"),
            Get("Steps.Train.ModelArtifacts.S3ModelArtifacts"), Join("-", "a", 1));

        var text = Values().Evaluate(join, "Use")!.GetValue<string>();

        Assert.Equal("text|42|2.0|0.5|1e-05|1e+16|true|false|3|0.1|false|exec-1|churn|s3://b/model.tar.gz|a-1", text);
    }

    [Fact]
    public void A_join_with_no_separator_or_values_is_empty_or_plain_concatenation()
    {
        Assert.Equal("ab", Values().Evaluate(Join("", "a", "b"), "Use")!.GetValue<string>());
        Assert.Equal("", Values().Evaluate(Join("/"), "Use")!.GetValue<string>());
    }

    [Fact]
    public void Expressions_inside_objects_and_arrays_are_evaluated_and_the_rest_is_kept()
    {
        var node = new JsonObject { ["Args"] = new JsonArray("--epochs", Get("Parameters.Epochs")), ["Keep"] = new JsonObject { ["A"] = 1, ["B"] = "b" } };

        var evaluated = Values().Evaluate(node, "Use");

        Assert.Equal("""{"Args":["--epochs",3],"Keep":{"A":1,"B":"b"}}""", evaluated!.ToJsonString());
    }

    [Theory]
    [InlineData("metrics.mse.value", "0.25")]
    [InlineData("runs[1].id", "8")]
    [InlineData("runs[0]", """{"id":7}""")]
    public void JsonGet_reads_a_property_file_by_path(string path, string expected)
    {
        var jsonGet = new JsonObject { ["Std:JsonGet"] = new JsonObject { ["PropertyFile"] = Get("Steps.Evaluate.PropertyFiles.Report"), ["Path"] = path } };

        Assert.Equal(expected, Values().Evaluate(jsonGet, "Check")!.ToJsonString());
    }

    [Theory]
    [InlineData("metrics.rmse.value", "has no value at 'metrics.rmse.value' (no 'rmse')")]
    [InlineData("runs[2].id", "has no value at 'runs[2].id' (no '[2]')")]
    public void JsonGet_names_the_missing_part_of_a_path(string path, string message)
    {
        var jsonGet = new JsonObject { ["Std:JsonGet"] = new JsonObject { ["PropertyFile"] = Get("Steps.Evaluate.PropertyFiles.Report"), ["Path"] = path } };

        var error = Assert.Throws<LocalRunException>(() => Values().Evaluate(jsonGet, "Check"));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Parameters.Missing", "parameter 'Missing' is not declared.")]
    [InlineData("Execution.StartDateTime", "execution variable 'Execution.StartDateTime' is unknown.")]
    [InlineData("PipelineExperimentConfig.TrialName", "'PipelineExperimentConfig.TrialName' is not in the definition's PipelineExperimentConfig.")]
    [InlineData("Steps.Prepare.ProcessingOutputConfig", "it uses 'Steps.Prepare.ProcessingOutputConfig', but step 'Prepare' has not run.")]
    [InlineData("Steps.Train.FinalMetricDataList", "step 'Train' has no property 'FinalMetricDataList' in a local run; local runs know: ModelArtifacts.S3ModelArtifacts, TrainingJobName.")]
    [InlineData("Properties.X", "'Properties.X' is not a Parameters., Execution. or Steps. reference.")]
    [InlineData("Steps.Train", "'Steps.Train' is not a Parameters., Execution. or Steps. reference.")]
    [InlineData("Steps..ModelArtifacts", "'Steps..ModelArtifacts' is not a Parameters., Execution. or Steps. reference.")]
    public void An_unknown_reference_is_an_error_that_names_it(string reference, string message)
    {
        var error = Assert.Throws<LocalRunException>(() => Values().Evaluate(Get(reference), "Use"));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Known_values_are_put_in_and_step_properties_are_left_for_later()
    {
        var node = Join("/", Get("Parameters.Name"), Get("Steps.Train.ModelArtifacts.S3ModelArtifacts"));

        Assert.Equal("""{"Std:Join":{"On":"/","Values":["churn",{"Get":"Steps.Train.ModelArtifacts.S3ModelArtifacts"}]}}""", Values().EvaluateKnown(node)!.ToJsonString());
        Assert.Equal("churn/exec-1", Values().EvaluateKnown(Join("/", Get("Parameters.Name"), Get("Execution.PipelineExecutionId")))!.GetValue<string>());
    }

    [Fact]
    public void A_join_read_from_a_definition_file_writes_whole_numbers_without_a_point_and_floats_with_one()
    {
        // What a run evaluates comes from the definition's text, not from C# values: 42 stays 42, 2.0 stays 2.0.
        var join = JsonNode.Parse("""{"Std:Join": {"On": ",", "Values": [42, -7, 2.0, 0.5, 1e-05, 10000000000000000.0, true, "a"]}}""");

        Assert.Equal("42,-7,2.0,0.5,1e-05,1e+16,true,a", Values().Evaluate(join, "Use")!.GetValue<string>());
    }

    [Fact]
    public void A_step_that_has_not_run_has_no_properties()
    {
        Assert.Empty(Values().PropertiesOf("Evaluate"));
        Assert.Equal(["ModelArtifacts.S3ModelArtifacts", "TrainingJobName"], Values().PropertiesOf("Train").Keys);
    }

    private static RunValues WithObjects(Dictionary<string, string> objects) => new(
        new Dictionary<string, JsonNode?> { ["Name"] = "churn" },
        new Dictionary<string, string> { ["PipelineExecutionId"] = "exec-1" },
        readObject: uri => objects.GetValueOrDefault(uri));

    private static JsonObject JsonGetAt(JsonNode uri, string path) => new() { ["Std:JsonGet"] = new JsonObject { ["S3Uri"] = uri, ["Path"] = path } };

    [Fact]
    public void JsonGet_reads_the_object_its_joined_s3_uri_names()
    {
        var values = WithObjects(new() { ["s3://b/churn/exec-1/report.json"] = """{"metrics": {"auc": {"value": 0.91}}}""" });

        var auc = values.Evaluate(JsonGetAt(Join("/", "s3://b", Get("Parameters.Name"), Get("Execution.PipelineExecutionId"), "report.json"), "metrics.auc.value"), "Check");

        Assert.Equal(0.91, auc!.GetValue<double>());
    }

    [Theory]
    [InlineData(null, "Step 'Check' failed: JsonGet reads s3://b/churn/report.json, which is not in the local object store.")]
    [InlineData("{ not json", "Step 'Check' failed: JsonGet reads s3://b/churn/report.json, which is not JSON: ")]
    public void JsonGet_of_an_s3_object_that_is_missing_or_not_json_names_the_object(string? content, string message)
    {
        var objects = new Dictionary<string, string>();
        if (content is not null)
        {
            objects["s3://b/churn/report.json"] = content;
        }

        var error = Assert.Throws<LocalRunException>(() => WithObjects(objects).Evaluate(JsonGetAt(Join("/", "s3://b", Get("Parameters.Name"), "report.json"), "auc"), "Check"));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void JsonGet_of_a_property_file_no_step_wrote_names_the_file()
    {
        var jsonGet = new JsonObject { ["Std:JsonGet"] = new JsonObject { ["PropertyFile"] = Get("Steps.Train.PropertyFiles.Report"), ["Path"] = "mse" } };

        var error = Assert.Throws<LocalRunException>(() => Values().Evaluate(jsonGet, "Check"));

        Assert.Equal("Step 'Check' failed: property file 'Steps.Train.PropertyFiles.Report' was not written by a step that ran.", error.Message);
    }

    [Fact]
    public void Known_values_are_put_into_a_jsonget_uri_which_stays_a_join_as_SageMaker_takes_it()
    {
        var jsonGet = JsonGetAt(Join("/", "s3://b", Get("Parameters.Name"), Get("Execution.PipelineExecutionId"), "report.json"), "auc");

        Assert.Equal(
            """{"Std:JsonGet":{"S3Uri":{"Std:Join":{"On":"/","Values":["s3://b","churn","exec-1","report.json"]}},"Path":"auc"}}""",
            Values().EvaluateKnown(jsonGet)!.ToJsonString());
    }

    [Fact]
    public void A_join_of_known_values_becomes_its_text_before_the_run_and_one_with_a_step_property_keeps_its_form()
    {
        var known = Join("-", Get("Parameters.Name"), 3, Join("", "v", Get("Parameters.Epochs")));
        var later = Join("-", Get("Parameters.Name"), new JsonObject { ["Std:JsonGet"] = new JsonObject { ["PropertyFile"] = Get("Steps.Evaluate.PropertyFiles.Report"), ["Path"] = "mse" } });

        var nested = Join("-", Get("Parameters.Name"), Join("/", Get("Steps.Train.ModelArtifacts.S3ModelArtifacts"), "x"));

        Assert.Equal("churn-3-v3", Values().EvaluateKnown(known)!.GetValue<string>());
        Assert.Equal(
            """{"Std:Join":{"On":"-","Values":["churn",{"Std:Join":{"On":"/","Values":[{"Get":"Steps.Train.ModelArtifacts.S3ModelArtifacts"},"x"]}}]}}""",
            Values().EvaluateKnown(nested)!.ToJsonString());
        Assert.Equal(
            """{"Std:Join":{"On":"-","Values":["churn",{"Std:JsonGet":{"PropertyFile":{"Get":"Steps.Evaluate.PropertyFiles.Report"},"Path":"mse"}}]}}""",
            Values().EvaluateKnown(later)!.ToJsonString());
    }
}
