using Spectre.Console;

namespace MlPipeline.SageMakerPipelines.Cli;

/// <summary>What the commands write to, and the app they act on; tests pass string writers.</summary>
internal sealed class CommandContext(PipelineApp app, TextWriter output, TextWriter error)
{
    public PipelineApp App { get; } = app;

    public TextWriter Output { get; } = output;

    public TextWriter Error { get; } = error;

    public IAnsiConsole Console { get; } = AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(output),
        Ansi = output == System.Console.Out ? AnsiSupport.Detect : AnsiSupport.No,
        ColorSystem = output == System.Console.Out ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
    });
}
