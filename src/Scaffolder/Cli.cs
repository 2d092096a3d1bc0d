using System.CommandLine;
using MlPipeline.Scaffolder.Commands;
using MlPipeline.Scaffolder.Commands.New;
using MlPipeline.Scaffolder.Commands.Options;
using MlPipeline.Scaffolder.Commands.PackTemplate;
using MlPipeline.Scaffolder.Commands.Update;
using MlPipeline.Scaffolder.Commands.Validate;
using MlPipeline.Scaffolder.Diagnostics;

namespace MlPipeline.Scaffolder;

/// <summary>Wires the verbs of the <c>mlpipeline</c> command and maps every outcome to an exit code.</summary>
internal static class Cli
{
    public static int Run(string[] args, CliContext context)
    {
        try
        {
            return Invoke(args, context);
        }
#pragma warning disable CA1031 // The CLI's last resort: an internal error gets its stack trace and exit code 70.
        catch (Exception e)
#pragma warning restore CA1031
        {
            context.Error.WriteLine($"internal error: {e}");
            context.Error.WriteLine("This is a bug in mlpipeline; please report it with the command you ran.");
            return ExitCodes.Internal;
        }
    }

    private static int Invoke(string[] args, CliContext context)
    {
        var root = new RootCommand("mlpipeline: generate a Git-ready machine-learning project for Amazon SageMaker Pipelines.")
        {
            NewCommand.Create(context),
            UpdateCommand.Create(context),
            OptionsCommand.Create(context),
            ValidateCommand.Create(context),
            PackTemplateCommand.Create(context),
        };

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var message in UsageErrors.Describe(parsed))
            {
                context.Error.WriteLine($"error: {message}");
            }

            context.Error.WriteLine(UsageErrors.Hint);
            return ExitCodes.Usage;
        }

        try
        {
            return parsed.Invoke(new InvocationConfiguration
            {
                Output = context.Output,
                Error = context.Error,
                EnableDefaultExceptionHandler = false,
            });
        }
        catch (ScaffoldException e)
        {
            context.Report(e.Diagnostics);
            if (e.Diagnostics.Count == 0 || e.Diagnostics.All(d => d.Message != e.Message))
            {
                context.Error.WriteLine(e.Message);
            }

            return e.ExitCode;
        }
        catch (OperationCanceledException)
        {
            context.Error.WriteLine("Interrupted; nothing was left behind.");
            return ExitCodes.Interrupted;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The machine, not a bug: a full disk (74), a folder that cannot be made or written (73).
            var device = Writing.ProjectWriter.IsDeviceError(e);
            context.Error.WriteLine($"error: {(device ? "I/O error" : "cannot create the output")}: {e.Message}");
            return device ? ExitCodes.IOError : ExitCodes.CannotCreate;
        }
    }
}
