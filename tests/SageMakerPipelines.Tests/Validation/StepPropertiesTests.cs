using System.Text.Json.Nodes;
using MlPipeline.SageMakerPipelines.Tests.Fixtures;
using MlPipeline.Tests.Shared;

namespace MlPipeline.SageMakerPipelines.Tests.Validation;

/// <summary>The step property table (what later steps may read from each step kind) against botocore, and its use.</summary>
public class StepPropertiesTests
{
    private static readonly string TablePath = Path.Combine(TestPaths.RepoRoot, "src", "SageMakerPipelines", "Steps", "Shared", "StepProperties.json");

    [Fact]
    public void The_table_is_what_botocore_s_describe_responses_hold()
    {
        var result = ProcessRunner.Run("python3", [Path.Combine(TestPaths.RepoRoot, "tests", "tools", "step_properties.py")]);
        Assert.True(result.ExitCode == 0, result.All);
        var botocore = JsonNode.Parse(result.Output)!.AsObject();
        var table = JsonNode.Parse(File.ReadAllText(TablePath))!.AsObject();

        if (botocore["Source"]!.GetValue<string>() == table["Source"]!.GetValue<string>())
        {
            Assert.True(JsonNode.DeepEquals(botocore, table), $"{TablePath} differs from what tests/tools/step_properties.py makes with the same botocore; regenerate it.");
        }
        else
        {
            // Another botocore: every property we accept must still be there, with the same type.
            var gone = table.Where(kind => kind.Value is JsonObject).SelectMany(kind => kind.Value!.AsObject()
                .Where(p => botocore[kind.Key]?[p.Key]?.GetValue<string>() != p.Value!.GetValue<string>())
                .Select(p => $"{kind.Key}: {p.Key}")).ToList();
            Assert.True(gone.Count == 0, $"The machine's botocore ({botocore["Source"]}) lacks: {string.Join(", ", gone)}");
        }
    }

    [Fact]
    public void Any_member_of_the_describe_response_is_a_typed_property()
    {
        var train = AbalonePipeline.Train(AbalonePipeline.Process());

        Assert.Equal("Steps.AbaloneTrain.CreationTime", train.Property("CreationTime").Path);
        Assert.Equal(PipelineValueType.Unknown, train.Property("CreationTime").ValueType);
        Assert.Equal(PipelineValueType.String, train.Property("OutputDataConfig.S3OutputPath").ValueType);
        Assert.Equal(PipelineValueType.Integer, train.Property("BillableTimeInSeconds").ValueType);
        Assert.Equal(PipelineValueType.Float, train.Property("FinalMetricDataList['val:acc'].Value").ValueType);
        Assert.Equal(PipelineValueType.String, train.Property("HyperParameters['eta']").ValueType);
        Assert.Equal(PipelineValueType.Boolean, new ConditionStep { Name = "c", Conditions = [] }.Property("Outcome").ValueType);
    }

    [Fact]
    public void A_path_the_step_kind_does_not_have_fails_where_it_is_written()
    {
        var train = AbalonePipeline.Train(AbalonePipeline.Process());

        var error = Assert.Throws<ArgumentException>(() => train.Property("ModelArtifacts.S3Uri"));
        Assert.Contains("'ModelArtifacts.S3Uri'", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => train.Property("ProcessingJobName"));
        Assert.Contains("fail step", Assert.Throws<ArgumentException>(() => new FailStep { Name = "f" }.Property("ErrorMessage")).Message, StringComparison.Ordinal);
    }
}
