using System.Diagnostics;
using MlPipeline.Tests.Shared;

namespace MlPipeline.Scaffolder.Tests.Infrastructure;

/// <summary>
/// A pseudo-terminal for interactive commands: a tmux session on a server of its own (its own socket, so nothing of
/// the user's tmux is touched), driven with send-keys and read with capture-pane. Disposing ends that server only.
/// </summary>
internal sealed class Terminal : IDisposable
{
    private readonly string _socket = "mlpipeline-test-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Starts <paramref name="command"/> (a shell command line) in <paramref name="folder"/>; when it ends the
    /// pane shows <c>EXIT=code</c>.</summary>
    public Terminal(string command, string folder)
    {
        var result = Tmux("new-session", "-d", "-s", "t", "-x", "160", "-y", "60", "-c", folder, $"{command}; echo EXIT=$?; sleep 120");
        Assert.True(result.ExitCode == 0, "tmux could not start (./test.sh installs it): " + result.All);
    }

    /// <summary>A word for a shell command line: single-quoted, its own single quotes escaped.</summary>
    public static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>Everything the pane shows, scrollback included.</summary>
    public string Screen => Tmux("capture-pane", "-p", "-J", "-S", "-500", "-t", "t").Output;

    /// <summary>Types keys: text, or tmux key names such as Enter, Down, BSpace, C-c.</summary>
    public void Send(params string[] keys) => Assert.Equal(0, Tmux(["send-keys", "-t", "t", "--", .. keys]).ExitCode);

    /// <summary>Waits until the pane shows <paramref name="text"/> <paramref name="times"/> times; fails with the screen.</summary>
    public string WaitFor(string text, int times = 1)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var screen = Screen;
            if (Count(screen, text) >= times)
            {
                return screen;
            }

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"The terminal did not show '{text}' within a minute:\n{screen}");
            Thread.Sleep(100);
        }
    }

    /// <summary>Waits for the command to end; returns its exit code and the screen.</summary>
    public (int Code, string Screen) WaitForExit()
    {
        var screen = WaitFor("EXIT=");
        var code = screen[(screen.LastIndexOf("EXIT=", StringComparison.Ordinal) + 5)..].Split('\n')[0].Trim();
        return (int.Parse(code, System.Globalization.CultureInfo.InvariantCulture), screen);
    }

    public static int Count(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    public void Dispose() => Tmux("kill-server");

    private ProcessRunner.Result Tmux(params string[] arguments) =>
        ProcessRunner.Run("tmux", ["-L", _socket, .. arguments], environment: new Dictionary<string, string> { ["TMUX"] = "" }, timeout: TimeSpan.FromSeconds(30));
}
