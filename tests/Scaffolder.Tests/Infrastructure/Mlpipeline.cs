using MlPipeline.Scaffolder.Commands;
using MlPipeline.Tests.Shared;

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

    /// <summary>The generator's mlpipeline.dll as built next to these tests (same configuration), to run as a real process.</summary>
    public static string Built =>
        Path.Combine(TestPaths.RepoRoot, "src", "Scaffolder", "bin",
            Path.GetFileName(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)))!, "net10.0", "mlpipeline.dll");
}
