using System.CommandLine;
using MlPipeline.SageMakerPipelines.Graph;

namespace MlPipeline.SageMakerPipelines.Cli.Commands;

/// <summary><c>graph [--format mermaid|dot]</c>: the pipeline as a picture.</summary>
internal static class GraphCommand
{
    public static Command Create(CommandContext context)
    {
        var format = new Option<string>("--format") { Description = "mermaid (for Markdown) or dot (for Graphviz).", DefaultValueFactory = _ => "mermaid" };
        format.AcceptOnlyFromAmong("mermaid", "dot");
        var command = new Command("graph", "Draw the pipeline: steps, what runs before what, and condition branches.") { format };
        command.SetAction(parse =>
        {
            var graph = PipelineGraph.From(context.App.Pipeline);
            context.Output.Write(parse.GetValue(format) == "dot" ? graph.ToDot() : graph.ToMermaid());
            return ExitCodes.Success;
        });
        return command;
    }
}
