using System.Text.Json;
using System.Text.Json.Nodes;
using MlPipeline.SageMakerPipelines.Definition;
using MlPipeline.SageMakerPipelines.Tests.Fixtures;
using MlPipeline.SageMakerPipelines.Validation;
using MlPipeline.Tests.Shared;

namespace MlPipeline.SageMakerPipelines.Tests.Serialization;

public class DefinitionTests
{
    public static TheoryData<string> Fixtures() => ["abalone", "every-step-kind"];

    private static Pipeline Fixture(string name) => name == "abalone" ? AbalonePipeline.Create() : EveryStepKindPipeline.Create();

    /// <summary>The whole definition a reference pipeline writes, reviewed once: every member, DependsOn, nested conditions.</summary>
    [Theory]
    [MemberData(nameof(Fixtures))]
    public void A_reference_pipeline_matches_its_golden_definition(string fixture)
    {
        Golden.Verify($"tests/SageMakerPipelines.Tests/Golden/{fixture}.definition.json", Fixture(fixture).ToJson());
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void The_same_pipeline_gives_the_same_bytes(string fixture)
    {
        Assert.Equal(Fixture(fixture).ToJson(), Fixture(fixture).ToJson());
        Assert.Equal(Fixture(fixture).ToJson(indented: false), Fixture(fixture).ToJson(indented: false));
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void The_reference_pipelines_have_no_findings(string fixture)
    {
        Assert.Empty(PipelineValidator.Validate(Fixture(fixture)));
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Every_step_matches_the_SageMaker_API_request_shapes_in_botocore(string fixture)
    {
        using var temp = new TempDirectory();
        var path = temp.Combine("definition.json");
        File.WriteAllText(path, Fixture(fixture).ToJson());

        var requests = StepKinds.All.Where(k => k.RequestShape is not null).Select(k => $"{k.TypeName}={k.RequestShape}");
        var result = ProcessRunner.Run("python3", [Path.Combine(TestPaths.RepoRoot, "tests", "tools", "check_api_shapes.py"), path, .. requests]);

        Assert.True(result.ExitCode == 0, result.All);
        var jobs = new DefinitionDocument(JsonNode.Parse(Fixture(fixture).ToJson())!.AsObject()).Steps.Count(s => s.Descriptor.RequestShape is not null);
        Assert.Contains($"{jobs} steps match the API request shapes", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Compact_and_indented_forms_are_the_same_document()
    {
        var pipeline = AbalonePipeline.Create();

        using var indented = JsonDocument.Parse(pipeline.ToJson());
        using var compact = JsonDocument.Parse(pipeline.ToJson(indented: false));

        Assert.True(JsonElement.DeepEquals(indented.RootElement, compact.RootElement));
        Assert.DoesNotContain('\n', pipeline.ToJson(indented: false));
    }

    [Fact]
    public void Emits_version_parameters_experiment_config_and_nested_branches_like_the_sdk()
    {
        using var document = JsonDocument.Parse(AbalonePipeline.Create().ToJson());
        var root = document.RootElement;

        Assert.Equal("2020-12-01", root.GetProperty("Version").GetString());
        Assert.Equal("""{"Name":"MseThreshold","Type":"Float","DefaultValue":6}""", root.GetProperty("Parameters")[4].GetRawText().Replace(" ", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal));
        Assert.Equal("Execution.PipelineExecutionId", root.GetProperty("PipelineExperimentConfig").GetProperty("TrialName").GetProperty("Get").GetString());
        var condition = root.GetProperty("Steps")[3].GetProperty("Arguments");
        Assert.Equal("AbaloneRegisterModel", condition.GetProperty("IfSteps")[0].GetProperty("Name").GetString());
        Assert.Equal("Steps.AbaloneEval.PropertyFiles.EvaluationReport",
            condition.GetProperty("Conditions")[0].GetProperty("LeftValue").GetProperty("Std:JsonGet").GetProperty("PropertyFile").GetProperty("Get").GetString());
    }
}
