using System.Diagnostics;

namespace MlPipeline.SageMakerPipelines.Local;

/// <summary>Runs a step's process with its output in a log file, a time limit, and cancellation that ends the whole process tree.</summary>
internal static class ChildProcess
{
    public sealed record Outcome(int ExitCode, bool TimedOut, TimeSpan Elapsed, TimeSpan ProcessorTime);

    public static async Task<Outcome> RunAsync(
        string fileName, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment,
        string workingDirectory, string logPath, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
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
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (gate) { log.WriteLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (gate) { log.WriteLine(e.Data); } } };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new LocalRunException($"Could not start '{fileName}': {e.Message}. Set --python or MLPIPELINE_PYTHON to a Python interpreter.", e);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var limit = timeout is null ? new CancellationTokenSource() : new CancellationTokenSource(timeout.Value);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, limit.Token);
        try
        {
            await process.WaitForExitAsync(linked.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            cancellationToken.ThrowIfCancellationRequested();
            return new Outcome(-1, TimedOut: true, watch.Elapsed, SafeProcessorTime(process));
        }

        process.WaitForExit(); // drains the output events
        return new Outcome(process.ExitCode, TimedOut: false, watch.Elapsed, SafeProcessorTime(process));
    }

    /// <summary>The last lines of a log, for failure messages.</summary>
    public static string Tail(string logPath, int lines = 20) =>
        File.Exists(logPath) ? string.Join('\n', File.ReadLines(logPath).TakeLast(lines)) : "";

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
