using MlPipeline.Scaffolder.Commands;

namespace MlPipeline.Scaffolder.Tests.Infrastructure;

/// <summary>The `mlpipeline` command line, run in process as a user would type it.</summary>
internal static class Mlpipeline
{
    /// <summary>Runs `mlpipeline ARGS`; returns the exit code and what it wrote to standard output and error.</summary>
    public static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = Cli.Run(args, new CliContext(output, error));
        return (code, output.ToString(), error.ToString());
    }
}
