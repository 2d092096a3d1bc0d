using System.Text.Json.Nodes;
using MlPipeline.SageMakerPipelines.Definition;
using MlPipeline.Tests.Shared;

namespace MlPipeline.SageMakerPipelines.Tests.Definition;

/// <summary>The vendored SageMaker shapes against the machine's botocore, and the step kinds' shapes and properties against them.</summary>
public class ServiceModelTests
{
    private static readonly string ShapesPath = Path.Combine(TestPaths.RepoRoot, "src", "SageMakerPipelines", "Definition", "ServiceModel", "sagemaker-shapes.json");

    private static readonly string[] KindShapes =
        [.. StepKinds.All.SelectMany(k => k.PropertyShapes.Prepend(k.RequestShape)).OfType<string>().Distinct()];

    [Fact]
    public void The_vendored_shapes_are_those_of_botocore_s_service_model()
    {
        var tool = Path.Combine(TestPaths.RepoRoot, "tests", "tools", "sagemaker_shapes.py");
        var result = ProcessRunner.Run("python3", [tool, .. KindShapes]);
        Assert.True(result.ExitCode == 0, result.All);
        var botocore = JsonNode.Parse(result.Output)!.AsObject();
        var vendored = JsonNode.Parse(File.ReadAllText(ShapesPath))!.AsObject();

        if (JsonText.Of(botocore["Source"]) == JsonText.Of(vendored["Source"]))
        {
            Assert.True(JsonNode.DeepEquals(botocore, vendored),
                $"{ShapesPath} is not what the step kinds' shapes are in the same botocore; regenerate it: python3 tests/tools/sagemaker_shapes.py {string.Join(' ', KindShapes)}");
        }
        else
        {
            // Another botocore: every member we hold must still be there, with the same shape.
            var gone = vendored["Shapes"]!.AsObject().SelectMany(shape => (shape.Value!["members"] as JsonObject ?? [])
                .Where(m => !JsonNode.DeepEquals(botocore["Shapes"]![shape.Key]?["members"]?[m.Key]?["shape"], m.Value!["shape"]))
                .Select(m => $"{shape.Key}.{m.Key}")).ToList();
            Assert.True(gone.Count == 0, $"The machine's botocore ({botocore["Source"]}) lacks: {string.Join(", ", gone)}");
        }
    }

    [Fact]
    public void Every_kind_names_shapes_the_model_holds_and_every_job_kind_a_request()
    {
        Assert.All(KindShapes, shape => Assert.True(ServiceModel.Has(shape), shape));
        Assert.All(StepKinds.All.Where(k => k.Kind is not (StepKind.Condition or StepKind.Fail)), k =>
        {
            Assert.NotNull(k.RequestShape);
            Assert.NotEmpty(k.PropertyShapes);
        });
        Assert.False(ServiceModel.Has("DescribeNothingResponse"));
        Assert.Throws<InvalidOperationException>(() => ServiceModel.PropertiesOf(["DescribeNothingResponse"]));
    }

    [Fact]
    public void Every_kind_s_properties_are_the_members_of_its_responses_in_botocore()
    {
        // The library walks its vendored shapes; tests/tools/step_properties.py walks the machine's botocore with
        // botocore's own shape classes. The two walks must agree on every path and its type.
        var kinds = StepKinds.All.Where(k => k.PropertyShapes.Count > 0).ToList();
        var result = ProcessRunner.Run("python3",
            [Path.Combine(TestPaths.RepoRoot, "tests", "tools", "step_properties.py"), .. kinds.Select(k => $"{k.TypeName}={string.Join(',', k.PropertyShapes)}")]);
        Assert.True(result.ExitCode == 0, result.All);
        var botocore = JsonNode.Parse(result.Output)!.AsObject();
        var sameVersion = ServiceModel.Source.StartsWith(JsonText.Of(botocore["Source"]) + ",", StringComparison.Ordinal);

        foreach (var kind in kinds)
        {
            var expected = botocore[kind.TypeName]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>(), StringComparer.Ordinal);
            var missing = kind.Properties.Where(p => expected.GetValueOrDefault(p.Key) != p.Value).Select(p => p.Key).ToList();
            Assert.True(missing.Count == 0, $"{kind.TypeName}: not in botocore ({botocore["Source"]}): {string.Join(", ", missing)}");
            if (sameVersion)
            {
                Assert.Equal(expected.Count, kind.Properties.Count);
            }
        }
    }

    [Fact]
    public void A_kind_s_properties_follow_its_describe_response()
    {
        Assert.Equal("string", ProcessingKind.Descriptor.PropertyType("ProcessingOutputConfig.Outputs['train'].S3Output.S3Uri"));
        Assert.Equal("integer", TrainingKind.Descriptor.PropertyType("BillableTimeInSeconds"));
        Assert.Equal("float", TrainingKind.Descriptor.PropertyType("FinalMetricDataList[0].Value"));
        Assert.Equal("string", TuningKind.Descriptor.PropertyType("TrainingJobSummaries[1].TrainingJobName"));
        Assert.Equal("string", TuningKind.Descriptor.PropertyType("BestTrainingJob.TrainingJobName"));
        Assert.Equal("boolean", ConditionKind.Descriptor.PropertyType("Outcome"));
        // A List response's page token describes the call, not the job.
        Assert.Null(TuningKind.Descriptor.PropertyType("NextToken"));
        Assert.Null(TrainingKind.Descriptor.PropertyType("ProcessingJobName"));
        Assert.Empty(FailKind.Descriptor.Properties);
        Assert.Empty(StepKinds.Unknown.Properties);
    }
}
