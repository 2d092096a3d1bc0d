using System.Text.Json.Nodes;
using MlPipeline.SageMakerPipelines.Definition;
using MlPipeline.SageMakerPipelines.Tests.Fixtures;

namespace MlPipeline.SageMakerPipelines.Tests.Definition;

public class DefinitionDocumentTests
{
    [Fact]
    public void Every_step_kind_the_library_writes_is_read_as_its_kind()
    {
        var steps = new[] { EveryStepKindPipeline.Create(), AbalonePipeline.Create() }
            .SelectMany(p => new DefinitionDocument(JsonNode.Parse(p.ToJson())!.AsObject()).Steps).ToList();

        Assert.All(steps, s => Assert.Equal(s.TypeName, s.Kind.ToString()));
        Assert.Equal(StepKinds.Known.Order(), steps.Select(s => s.Kind).Distinct().Order());
    }

    [Theory]
    [InlineData("Processing", "Processing")]
    [InlineData("RegisterModel", "RegisterModel")]
    [InlineData("processing", "Unknown")]
    [InlineData("EMR", "Unknown")]
    [InlineData("1", "Unknown")]
    [InlineData(null, "Unknown")]
    public void A_type_name_reads_as_its_kind_exactly_as_spelled(string? typeName, string kind) =>
        Assert.Equal(kind, StepKinds.Parse(typeName).ToString());

    [Fact]
    public void Flattens_branches_and_reads_dependencies_from_references_and_depends_on()
    {
        var document = new DefinitionDocument(JsonNode.Parse("""
            {"Steps": [
              {"Name": "A", "Type": "Processing", "Arguments": {}},
              {"Name": "B", "Type": "Training", "DependsOn": ["A", "Gone", 7], "Arguments": {"X": {"Get": "Parameters.P"}}},
              {"Name": "C", "Type": "Condition", "Arguments": {
                "Conditions": [{"Type": "Equals", "LeftValue": {"Get": "Steps.B.TrainingJobStatus"}, "RightValue": "Completed"}],
                "IfSteps": [{"Name": "D", "Type": "Model", "Arguments": {"M": {"Get": "Steps.A.ProcessingJobName"}}}],
                "ElseSteps": [{"Name": "E", "Type": "Fail", "Arguments": {"ErrorMessage": {"Get": "Steps.Nowhere.X"}}}]}}
            ]}
            """)!.AsObject());

        Assert.Equal(["A", "B", "C", "D", "E"], document.Steps.Select(s => s.Name));
        Assert.Equal("Steps[2].Arguments.IfSteps[0]", document.ByName["D"].Path);
        Assert.Equal([("C", "ElseSteps")], document.ByName["E"].Branches);
        Assert.Equal(["A"], document.Dependencies(document.ByName["B"]));
        // A condition needs what its conditions read, not what its branches read.
        Assert.Equal(["B"], document.Dependencies(document.ByName["C"]));
        Assert.Equal(["A"], document.Dependencies(document.ByName["D"]));
        Assert.Empty(document.Dependencies(document.ByName["E"]));
        Assert.Equal([("A", "Steps[1].DependsOn[0]"), ("Gone", "Steps[1].DependsOn[1]"), ("", "Steps[1].DependsOn[2]")], document.ByName["B"].DependsOn);
        Assert.Equal([("Parameters.P", "Steps[1].Arguments.X")], document.ByName["B"].References);
        // What a step names, existing or not; a parameter it reads is no step.
        Assert.Equal(["A", "Gone", ""], document.ByName["B"].Needs);
        Assert.Equal(["Nowhere"], document.ByName["E"].Needs);
    }
}
