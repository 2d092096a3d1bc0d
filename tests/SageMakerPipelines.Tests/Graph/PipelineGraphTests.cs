using MlPipeline.SageMakerPipelines.Graph;
using MlPipeline.SageMakerPipelines.Tests.Fixtures;
using MlPipeline.Tests.Shared;

namespace MlPipeline.SageMakerPipelines.Tests.Graph;

public class PipelineGraphTests
{
    [Fact]
    public void Draws_data_dependencies_and_condition_branches()
    {
        var graph = PipelineGraph.From(AbalonePipeline.Create());

        Assert.Equal(
            [
                new GraphEdge("AbaloneProcess", "AbaloneTrain", null),
                new GraphEdge("AbaloneProcess", "AbaloneEval", null),
                new GraphEdge("AbaloneTrain", "AbaloneEval", null),
                new GraphEdge("AbaloneTrain", "AbaloneRegisterModel", null),
                new GraphEdge("AbaloneEval", "AbaloneMSECond", null),
                new GraphEdge("AbaloneEval", "AbaloneRegisterModel", null),
                new GraphEdge("AbaloneMSECond", "AbaloneRegisterModel", "if"),
                new GraphEdge("AbaloneMSECond", "AbaloneMSEFail", "else"),
            ],
            graph.Edges);
    }

    [Fact]
    public void Mermaid_and_dot_match_their_golden_files()
    {
        var graph = PipelineGraph.From(AbalonePipeline.Create());

        Golden.Verify("tests/SageMakerPipelines.Tests/Golden/abalone.mmd", graph.ToMermaid());
        Golden.Verify("tests/SageMakerPipelines.Tests/Golden/abalone.dot", graph.ToDot());
    }

    [Fact]
    public void A_branch_step_that_follows_another_branch_step_hangs_off_that_step()
    {
        var graph = PipelineGraph.From(EveryStepKindPipeline.Create());

        Assert.Contains(new GraphEdge("Check", "Tune", "if"), graph.Edges);
        Assert.Contains(new GraphEdge("Tune", "CreateModel", null), graph.Edges);
        Assert.DoesNotContain(graph.Edges, e => e.Source == "Check" && e.Target == "CreateModel");
    }

    [Fact]
    public void Condition_nodes_say_what_they_check_and_mermaid_ids_stay_unique_and_clear_of_keywords()
    {
        const string definition = """
            {"Version": "2020-12-01", "Steps": [
              {"Name": "End", "Type": "Processing", "Arguments": {}},
              {"Name": "a-b", "Type": "Processing", "Arguments": {}, "DependsOn": ["End"]},
              {"Name": "a_b", "Type": "Processing", "Arguments": {}, "DependsOn": ["a-b"]},
              {"Name": "9lives", "Type": "Processing", "Arguments": {}},
              {"Name": "Gate", "Type": "Condition", "DependsOn": ["a_b"], "Arguments": {
                "Conditions": [
                  {"Type": "Or", "Conditions": [
                    {"Type": "LessThan", "LeftValue": {"Get": "Steps.a_b.ProcessingOutputConfig.Outputs['x'].S3Output.S3Uri"}, "RightValue": 3},
                    {"Type": "Not", "Condition": {"Type": "Equals", "LeftValue": {"Get": "Parameters.Mode"}, "RightValue": "say \"hi\""}}]},
                  {"Type": "In", "QueryValue": {"Get": "Execution.PipelineExecutionId"}, "Values": ["a", 1.5]}],
                "IfSteps": [{"Name": "Fail", "Type": "Fail", "Arguments": {}}], "ElseSteps": []}}]}
            """;

        var graph = PipelineGraph.FromDefinition(definition);
        var mermaid = graph.ToMermaid();

        Assert.Equal(
            "(a_b.ProcessingOutputConfig.Outputs['x'].S3Output.S3Uri < 3 or not (Mode = 'say \"hi\"')) and Execution.PipelineExecutionId in ['a', 1.5]?",
            graph.Nodes.Single(n => n.Name == "Gate").Detail);
        Assert.Contains("    step_end[\"End<br/><small>Processing</small>\"]\n", mermaid, StringComparison.Ordinal);
        Assert.Contains("    a_b[\"a-b<br/>", mermaid, StringComparison.Ordinal);
        Assert.Contains("    a_b_2[\"a_b<br/>", mermaid, StringComparison.Ordinal);
        Assert.Contains("    step_9lives[", mermaid, StringComparison.Ordinal);
        Assert.Contains("    fail([\"Fail<br/><small>Fail</small>\"])\n", mermaid, StringComparison.Ordinal);
        Assert.Contains("<small>(a_b.ProcessingOutputConfig.Outputs['x'].S3Output.S3Uri #lt; 3 or not (Mode = 'say #quot;hi#quot;'))", mermaid, StringComparison.Ordinal);
        Assert.Contains("    step_end --> a_b\n    a_b --> a_b_2\n    a_b_2 --> gate\n    gate -- if --> fail\n", mermaid, StringComparison.Ordinal);
    }

    /// <summary>A definition still being written, without Steps (or with Steps that is not a list), draws as no steps, not an error.</summary>
    [Theory]
    [InlineData("""{"Version": "2020-12-01", "Parameters": []}""")]
    [InlineData("""{"Version": "2020-12-01", "Steps": "none yet"}""")]
    public void A_definition_without_a_list_of_steps_draws_as_no_steps(string definition)
    {
        var graph = PipelineGraph.FromDefinition(definition);

        Assert.Empty(graph.Nodes);
        Assert.Empty(graph.Edges);
    }
}
