using System.CommandLine;
using MlPipeline.SageMakerPipelines.Graph;

namespace MlPipeline.SageMakerPipelines.Cli.Commands;

/// <summary><c>graph [--format mermaid|dot] [--write FILE]</c>: the pipeline as a picture.</summary>
internal static class GraphCommand
{
    public static Command Create(CommandContext context)
    {
        var format = new Option<string>("--format") { Description = "mermaid (for Markdown) or dot (for Graphviz).", DefaultValueFactory = _ => "mermaid" };
        format.AcceptOnlyFromAmong("mermaid", "dot");
        var write = new Option<string?>("--write")
        {
            Description = "Put the picture into this Markdown file's first ```mermaid block (the project README) instead of printing it.",
            HelpName = "FILE",
        };
        var command = new Command("graph", "Draw the pipeline: steps, what runs before what, and condition branches.") { format, write };
        command.SetAction(parse =>
        {
            var graph = PipelineGraph.From(context.App.Pipeline);
            if (parse.GetValue(write) is { } path)
            {
                return Write(context, path, graph.ToMermaid());
            }

            context.Output.Write(parse.GetValue(format) == "dot" ? graph.ToDot() : graph.ToMermaid());
            return ExitCodes.Success;
        });
        return command;
    }

    private static int Write(CommandContext context, string path, string mermaid)
    {
        var markdown = InputFile.ReadText(path, "Markdown file", 4 << 20);
        if (MarkdownPicture.Find(markdown) == mermaid)
        {
            context.Output.WriteLine($"The picture in {path} is up to date.");
            return ExitCodes.Success;
        }

        var updated = MarkdownPicture.Replace(markdown, mermaid)
            ?? throw new CommandException(ExitCodes.InvalidData, $"{path} has no ```mermaid block. Add an empty one (a line ```mermaid, then a line ```) where the picture goes and run this again.");
        try
        {
            File.WriteAllText(path, updated);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CommandException(ExitCodes.CannotCreate, $"Cannot write {path}: {e.Message}");
        }

        context.Output.WriteLine($"Wrote the pipeline's picture into {path}.");
        return ExitCodes.Success;
    }
}
