using System.CommandLine;
using System.Diagnostics;
using MlPipeline.SageMakerPipelines.Local;
using MlPipeline.Shared;

namespace MlPipeline.SageMakerPipelines.Cli.Commands;

/// <summary>
/// <c>venv</c>: the project's <c>.venv</c>, made with the Python of the SageMaker containers the steps run in and
/// the pinned libraries of the project's requirements files; then how it differs from those containers.
/// </summary>
internal static class VenvCommand
{
    public static Command Create(CommandContext context)
    {
        var python = new Option<string?>("--python")
        {
            Description = "The Python that makes the environment (default: pythonX.Y of the containers when it is on PATH, else python3).",
            HelpName = "PATH",
        };
        var system = new Option<bool>("--system-site-packages") { Description = "Let .venv use this machine's packages (such as Debian's python3-sklearn)." };
        var noInstall = new Option<bool>("--no-install") { Description = "Make the environment only; install nothing (for a machine without PyPI, with --system-site-packages)." };
        var recreate = new Option<bool>("--recreate") { Description = "Delete .venv first and make it again." };
        var command = new Command("venv", "Make the project's .venv: the containers' Python and the pinned libraries of the requirements files; then show what still differs from the containers.")
        {
            python, system, noInstall, recreate,
        };
        command.SetAction((parse, cancellationToken) => ExecuteAsync(
            context, parse.GetValue(python), parse.GetValue(system), parse.GetValue(noInstall), parse.GetValue(recreate), cancellationToken));
        return command;
    }

    private static async Task<int> ExecuteAsync(CommandContext context, string? python, bool system, bool noInstall, bool recreate, CancellationToken cancellationToken)
    {
        var options = context.App.LocalOptions();
        var root = options.ProjectRoot;
        var venv = Path.Combine(root, ".venv");
        var venvPython = Path.Combine(venv, "bin", "python");
        var steps = new LocalRunner(options).StepContainers(context.App.Pipeline.ToJson());
        var requirements = context.App.PythonRequirements.Select(r => Path.Combine(root, r)).ToList();
        foreach (var missing in requirements.Where(r => !File.Exists(r)))
        {
            throw new CommandException(ExitCodes.CannotReadInput, $"The requirements file {missing} does not exist (PipelineApp.PythonRequirements names it).");
        }

        if (recreate)
        {
            Remove(venv);
        }

        if (FileKind.Of(venv, followLinks: false) == FileKind.Kind.Missing)
        {
            var versions = steps.Select(s => s.Container.PythonVersion).Distinct().ToList();
            var chosen = python ?? versions.Select(v => $"python{v}").FirstOrDefault(Works) ?? "python3";
            if (python is null && versions.Count > 0 && chosen == "python3")
            {
                context.Output.WriteLine($"python{versions[0]} (the containers' Python) is not on PATH; making .venv with python3.");
            }

            string[] arguments = system ? ["-m", "venv", "--system-site-packages", venv] : ["-m", "venv", venv];
            if (await RunAsync(context, chosen, arguments, root, cancellationToken) is not 0 and var code)
            {
                Remove(venv);
                throw new CommandException(ExitCodes.RunFailed,
                    $"'{chosen} -m venv' failed (exit {code}); on Debian or Ubuntu install python3-venv, or give another interpreter with --python.");
            }

            context.Output.WriteLine($"Made {venv} with {chosen}{(system ? ", seeing this machine's packages" : "")}.");
        }
        else
        {
            context.Output.WriteLine($"Using the existing {venv} (--recreate makes it again).");
        }

        foreach (var file in noInstall ? [] : requirements)
        {
            if (await RunAsync(context, venvPython, ["-m", "pip", "install", "--disable-pip-version-check", "-r", file], root, cancellationToken) is not 0 and var code)
            {
                throw new CommandException(ExitCodes.RunFailed,
                    $"pip could not install {Path.GetRelativePath(root, file)} (exit {code}). Without access to PyPI, use this machine's packages: venv --recreate --system-site-packages --no-install.");
            }
        }

        var interpreter = await InterpreterProbe.RunAsync(venvPython, cancellationToken);
        var differences = InterpreterProbe.Differences(interpreter, steps);
        context.Output.WriteLine($"Python {interpreter.PythonVersion}: {venvPython}; `run` uses it from now on.");
        context.Output.WriteLine(differences.Count == 0
            ? "It matches the SageMaker containers the steps run in."
            : $"It differs from the SageMaker containers the steps run in ({differences.Count}; `run --strict-versions` refuses to run with it):");
        foreach (var difference in differences)
        {
            context.Output.WriteLine($"  - {difference}");
        }

        return ExitCodes.Success;
    }

    /// <summary>Deletes .venv: a link itself, never what it points to.</summary>
    private static void Remove(string venv)
    {
        switch (FileKind.Of(venv, followLinks: false))
        {
            case FileKind.Kind.Missing:
                return;
            case FileKind.Kind.Directory:
                Directory.Delete(venv, recursive: true);
                return;
            default:
                File.Delete(venv);
                return;
        }
    }

    /// <summary>Whether a program on PATH starts and answers --version (a pyenv shim for a version not selected does not).</summary>
    private static bool Works(string program)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(program, "--version") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false });
            if (process is null || !process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                process?.Kill();
                return false;
            }

            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    /// <summary>Runs a program in the project folder with its output passed on line by line; its exit code.</summary>
    private static async Task<int> RunAsync(CommandContext context, string program, IReadOnlyList<string> arguments, string folder, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = start };
        var gate = new object();
        process.OutputDataReceived += (_, e) => Pass(context.Output, e.Data);
        process.ErrorDataReceived += (_, e) => Pass(context.Error, e.Data);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new CommandException(ExitCodes.CannotReadInput, $"Could not start '{program}': {e.Message}. Give a Python interpreter with --python.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return process.ExitCode;

        void Pass(TextWriter writer, string? line)
        {
            if (line is not null)
            {
                lock (gate)
                {
                    writer.WriteLine(line);
                }
            }
        }
    }
}
