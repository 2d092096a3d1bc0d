using System.Text.RegularExpressions;
using MlPipeline.Tests.Shared;

namespace MlPipeline.Scaffolder.Tests.Infrastructure;

/// <summary>
/// Runs a CI job's command lines here, in order, with bash, as the runner would. This machine has no PyPI, so a
/// `pip install` line is checked instead: every pin it installs must be the version the python3 on PATH has (the
/// Python the rest of the lines run with), so the job here runs what the job there installs.
/// </summary>
internal static partial class CiRunner
{
    public static void Run(IEnumerable<(string Step, string Script)> lines, string folder, IReadOnlyDictionary<string, string> environment, Action<string>? log = null, TimeSpan? timeout = null)
    {
        foreach (var (step, script) in lines)
        {
            if (PipInstall().Match(script) is { Success: true } pip)
            {
                CheckPins(pip.Groups[1].Value, folder, step);
                log?.Invoke($"checked instead of run (no PyPI here): {script}");
                continue;
            }

            var result = ProcessRunner.Run("bash", ["-euo", "pipefail", "-c", script], folder, environment: environment, timeout: timeout ?? TimeSpan.FromMinutes(10));
            Assert.True(result.ExitCode == 0, $"CI step '{step}' failed (exit {result.ExitCode}) in {folder}:\n$ {script}\n{result.All}");
            log?.Invoke($"ok: {step}: {script.Split('\n')[0]}");
        }
    }

    /// <summary>Every package==version a pip install line names (directly or in -r files) is installed here at that version.</summary>
    public static void CheckPins(string arguments, string folder, string step)
    {
        var pins = new List<string>();
        var words = arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < words.Length; i++)
        {
            if (words[i] == "-r")
            {
                pins.AddRange(File.ReadAllLines(Path.Combine(folder, words[++i])).Select(l => l.Split('#')[0].Trim()).Where(l => l.Length > 0));
            }
            else if (!words[i].StartsWith('-'))
            {
                pins.Add(words[i]);
            }
        }

        Assert.NotEmpty(pins);
        foreach (var pin in pins)
        {
            var parts = pin.Split("==");
            Assert.True(parts.Length == 2, $"CI step '{step}' installs '{pin}' without an exact pin");
            var installed = ProcessRunner.Run("python3", ["-c", "import importlib.metadata as m, sys; print(m.version(sys.argv[1]))", parts[0]]);
            Assert.True(installed.ExitCode == 0 && installed.Output.Trim() == parts[1],
                $"CI step '{step}' installs {pin}, but the python3 these tests run the job's lines with has {(installed.ExitCode == 0 ? installed.Output.Trim() : "none")}: the lines would run with other versions here than there.");
        }
    }

    [GeneratedRegex(@"^\s*(?:\S*/)?pip3? install (.+?)\s*$")]
    private static partial Regex PipInstall();
}
