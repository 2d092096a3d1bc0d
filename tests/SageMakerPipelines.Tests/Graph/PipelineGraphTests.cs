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
}
