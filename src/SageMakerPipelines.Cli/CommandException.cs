namespace MlPipeline.SageMakerPipelines.Cli;

/// <summary>A user or environment error that ends a command with its exit code and a message, never a stack trace.</summary>
internal sealed class CommandException(int exitCode, string message, Exception? inner = null) : Exception(message, inner)
{
    public int ExitCode { get; } = exitCode;
}
