using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;

namespace MlPipeline.SageMakerPipelines.Local;

/// <summary>
/// Runs a step's process with its output in a log file, a time limit, and cancellation that ends the whole process
/// tree. Every step runs under a small supervisor (supervise.py, run by the configured Python) that gives it a process
/// group of its own and ends that group when the runner is gone, so a killed runner leaves no orphan behind; the
/// runner also kills its running steps when it exits.
/// </summary>
internal static partial class ChildProcess
{
    private static readonly ConcurrentDictionary<Process, bool> Live = new();

    /// <summary>The supervisor's Python source (supervise.py).</summary>
    internal static string SupervisorScript => Supervisor.Value;

    private static readonly Lazy<string> Supervisor = new(() =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("supervise.py")
            ?? throw new InvalidOperationException("supervise.py is not embedded in the library.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    static ChildProcess() => AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();

    public sealed record Outcome(int ExitCode, bool TimedOut, TimeSpan Elapsed, TimeSpan ProcessorTime);

    /// <summary>Runs <paramref name="program"/> under the supervisor, which <paramref name="python"/> runs.</summary>
    public static async Task<Outcome> RunAsync(
        string python, string program, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment,
        string workingDirectory, string logPath, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(python)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["-I", "-c", Supervisor.Value, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), program, .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var watch = Stopwatch.StartNew();
        await using var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        var gate = new object();
        IOException? logFailure = null;
        void Write(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (gate)
            {
                try
                {
                    log.WriteLine(line);
                }
                catch (IOException e)
                {
                    // A full disk: keep draining the pipes so the step can end, and fail the step afterwards.
                    logFailure ??= e;
                }
            }
        }

        using var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        // Exited fires when the supervisor ends; WaitForExit also waits for the output pipes, which a child the step
        // left running would keep open.
        var exited = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.Exited += (_, _) => exited.TrySetResult();
        process.OutputDataReceived += (_, e) => Write(e.Data);
        process.ErrorDataReceived += (_, e) => Write(e.Data);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new LocalRunException($"Could not start '{python}': {e.Message}. Set --python or MLPIPELINE_PYTHON to a Python interpreter.", e);
        }

        Live[process] = true;
        try
        {
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            using var limit = timeout is null ? new CancellationTokenSource() : new CancellationTokenSource(timeout.Value);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, limit.Token);
            try
            {
                await exited.Task.WaitAsync(linked.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                KillGroup(process.Id);
                await process.WaitForExitAsync(CancellationToken.None);
                cancellationToken.ThrowIfCancellationRequested();
                return new Outcome(-1, TimedOut: true, watch.Elapsed, SafeProcessorTime(process));
            }

            // What the step left running ends with the step; then the pipes close and the output drains.
            KillGroup(process.Id);
            await process.WaitForExitAsync(CancellationToken.None);
            if (logFailure is not null)
            {
                throw new IOException($"the step's log {logPath} could not be written: {logFailure.Message}", logFailure);
            }

            return new Outcome(process.ExitCode, TimedOut: false, watch.Elapsed, SafeProcessorTime(process));
        }
        finally
        {
            Live.TryRemove(process, out _);
        }
    }

    /// <summary>
    /// Ends what is left of a finished step's process group (the supervisor's pid is its group id): children the
    /// script left running, or the whole step if the supervisor itself was killed. SageMaker does the same when the
    /// job's main process ends: the container stops, and every process in it.
    /// </summary>
    private static void KillGroup(int group)
    {
        if (!OperatingSystem.IsWindows())
        {
            _ = Kill(-group, 9);
        }
    }

    [System.Runtime.InteropServices.LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    /// <summary>The last lines of a log, for failure messages.</summary>
    public static string Tail(string logPath, int lines = 20) =>
        File.Exists(logPath) ? string.Join('\n', File.ReadLines(logPath).TakeLast(lines)) : "";

    private static void KillAll()
    {
        foreach (var process in Live.Keys)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // It ended on its own meanwhile.
            }
        }
    }

    private static TimeSpan SafeProcessorTime(Process process)
    {
        try
        {
            return process.TotalProcessorTime;
        }
        catch (InvalidOperationException)
        {
            return TimeSpan.Zero;
        }
    }
}
