using System.CommandLine;
using System.Runtime.InteropServices;
using MlPipeline.SageMakerPipelines.Cli.Commands;
using MlPipeline.SageMakerPipelines.Local;

namespace MlPipeline.SageMakerPipelines.Cli;

/// <summary>
/// The command line of a pipeline project: <c>definition</c>, <c>validate</c>, <c>graph</c>, <c>run</c>,
/// <c>runs</c>, <c>registry</c>, <c>publish</c>, <c>bundle</c>, and in SageMaker <c>upsert</c>, <c>start</c>, <c>status</c>,
/// <c>steps</c>, <c>stop</c> and <c>registry --cloud</c>. A project's Program.cs is one line:
/// <c>return await PipelineCommandLine.RunAsync(args, () => app);</c>
/// </summary>
public static class PipelineCommandLine
{
    /// <summary>Parses <paramref name="args"/>, runs the verb, and returns the exit code (see <see cref="ExitCodes"/>).</summary>
    /// <param name="args">The command line.</param>
    /// <param name="app">The project's pipeline, scripts and local data.</param>
    /// <param name="output">Where results go (standard output by default).</param>
    /// <param name="error">Where errors go (standard error by default).</param>
    public static int Run(string[] args, PipelineApp app, TextWriter? output = null, TextWriter? error = null) =>
        RunAsync(args, app, output, error).GetAwaiter().GetResult();

    /// <summary>As <see cref="Run"/>, asynchronously; Ctrl+C cancels a running pipeline cleanly.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="app">The project's pipeline, scripts and local data.</param>
    /// <param name="output">Where results go (standard output by default).</param>
    /// <param name="error">Where errors go (standard error by default).</param>
    public static Task<int> RunAsync(string[] args, PipelineApp app, TextWriter? output = null, TextWriter? error = null) =>
        RunAsync(args, () => app, output, error);

    /// <summary>
    /// As <see cref="RunAsync(string[], PipelineApp, TextWriter?, TextWriter?)"/>, with the app made here, so that an error
    /// while making it (a script missing from the project folder) is reported with its exit code instead of a crash.
    /// </summary>
    /// <param name="args">The command line.</param>
    /// <param name="app">Makes the project's pipeline, scripts and local data.</param>
    /// <param name="output">Where results go (standard output by default).</param>
    /// <param name="error">Where errors go (standard error by default).</param>
    public static Task<int> RunAsync(string[] args, Func<PipelineApp> app, TextWriter? output = null, TextWriter? error = null) =>
        RunAsync(args, app, output, error, width: null, CancellationToken.None);

    /// <summary>
    /// As the public overload, with the width of the terminal the output goes to (tests print at 80 and 160 columns),
    /// also cancelled by <paramref name="cancellationToken"/> (tests stand it in for Ctrl+C).
    /// </summary>
    internal static async Task<int> RunAsync(string[] args, Func<PipelineApp> app, TextWriter? output, TextWriter? error, int? width, CancellationToken cancellationToken)
    {
        error ??= Console.Error;
        PipelineApp made;
        try
        {
            made = app();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: cannot read the project's files: {e.Message}");
            error.WriteLine($"The project folder is found from the program's own folder, then the current folder (the nearest with mlpipeline.yaml), or set with {PipelineApp.ProjectRootVariable}.");
            return ExitCodes.CannotReadInput;
        }

        var context = new CommandContext(made, output ?? Console.Out, error);
        if (width is { } columns)
        {
            context.Console.Profile.Width = columns;
        }

        var root = new RootCommand($"The {made.Pipeline.Name} pipeline: print, validate and draw its definition, run it locally, manage the local model registry, publish it, bundle its functions; upsert, start, watch and stop it in SageMaker.")
        {
            DefinitionCommand.Create(context),
            ValidateCommand.Create(context),
            GraphCommand.Create(context),
            RunCommand.Create(context),
            VenvCommand.Create(context),
            RunsCommand.Create(context),
            RegistryCommand.Create(context),
            PublishCommand.Create(context),
            BundleCommand.Create(context),
            UpsertCommand.Create(context),
            StartCommand.Create(context),
            StatusCommand.Create(context),
            StepsCommand.Create(context),
            StopCommand.Create(context),
        };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var problem in parsed.Errors)
            {
                context.Error.WriteLine($"error: {problem.Message}");
            }

            context.Error.WriteLine("Run with --help for usage.");
            return ExitCodes.Usage;
        }

        // Ctrl+C (SIGINT) and SIGTERM cancel the running command, which stops its child processes and records the
        // run as Cancelled. Handled here rather than by System.CommandLine, whose handling did not see the signal.
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, signal => Stop(signal, cancel));
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal => Stop(signal, cancel));
        try
        {
            var configuration = new InvocationConfiguration
            {
                Output = context.Output,
                Error = context.Error,
                EnableDefaultExceptionHandler = false,
                ProcessTerminationTimeout = null,
            };
            return await parsed.InvokeAsync(configuration, cancel.Token);
        }
        catch (CommandException e)
        {
            context.Error.WriteLine($"error: {e.Message}");
            return e.ExitCode;
        }
        catch (LocalRunException e)
        {
            context.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.InvalidData;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A full disk, a file made read-only under .mlpipeline/: the environment, not a bug.
            context.Error.WriteLine($"error: I/O error: {e.Message}");
            return ExitCodes.InputOutput;
        }
        catch (OperationCanceledException)
        {
            context.Error.WriteLine("Cancelled.");
            return ExitCodes.Cancelled;
        }
#pragma warning disable CA1031 // the last resort of a command line: a bug gets its stack trace and exit code 70
        catch (Exception e)
#pragma warning restore CA1031
        {
            context.Error.WriteLine($"internal error: {e}");
            return ExitCodes.Internal;
        }
    }

    private static void Stop(PosixSignalContext signal, CancellationTokenSource cancel)
    {
        // The first signal asks the command to stop cleanly; a second one ends the process at once.
        signal.Cancel = !cancel.IsCancellationRequested;
        cancel.Cancel();
    }
}
