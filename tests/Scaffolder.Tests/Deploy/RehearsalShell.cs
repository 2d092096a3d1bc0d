using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using MlPipeline.Tests.Shared;
using Xunit.Abstractions;

namespace MlPipeline.Scaffolder.Tests.Deploy;

/// <summary>
/// A shell session for a rehearsal: each command runs with bash in the project folder and sees what earlier ones
/// exported and defined and the folder it changed to (as commands typed into one terminal do), with the given environment. Records how long
/// each command took.
/// </summary>
internal sealed partial class RehearsalShell(string folder, string stateFolder, IReadOnlyDictionary<string, string> environment, ITestOutputHelper log, Func<string>? serverLog = null)
{
    private readonly string _state = Path.Combine(stateFolder, "shell-state.sh");

    public List<(string Command, TimeSpan Elapsed)> Timings { get; } = [];

    public string Folder => folder;

    /// <summary>Runs a command; fails the test with what it printed unless <paramref name="mayFail"/>.</summary>
    public ProcessRunner.Result Run(string command, string? input = null, bool mayFail = false)
    {
        var script = $"if [ -f '{_state}' ]; then source '{_state}'; fi\n{command}\n{{ export -p; declare -f; printf 'cd %q\\n' \"$PWD\"; }} > '{_state}'";
        var watch = Stopwatch.StartNew();
        var result = ProcessRunner.Run("bash", ["-eo", "pipefail", "-c", script], folder, input, environment, TimeSpan.FromMinutes(15));
        Timings.Add((command, watch.Elapsed));
        log.WriteLine($"$ {command}   [{watch.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s, exit {result.ExitCode}]");
        Assert.True(mayFail || result.ExitCode == 0, $"`{command}` failed (exit {result.ExitCode}) in {folder}:\n{result.All}"
            + (serverLog is null ? "" : "\nThe end of the simulated AWS's log:\n" + string.Join('\n', serverLog().Split('\n').TakeLast(60))));
        return result;
    }

    /// <summary>A variable as the session sees it now.</summary>
    public string Variable(string name) => Run($"printf '%s' \"${{{name}}}\"").Output;

    /// <summary>
    /// The commands of the README's sh code blocks in a section (from its heading to the next heading of the same
    /// level): one per line, continuation lines joined.
    /// </summary>
    public static List<List<string>> Blocks(string readme, string heading)
    {
        var start = readme.IndexOf("\n" + heading + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"The README has no section '{heading}'.");
        var level = heading[..(heading.IndexOf(' ', StringComparison.Ordinal) + 1)];
        var end = readme.IndexOf("\n" + level, start + heading.Length + 1, StringComparison.Ordinal);
        var section = readme[start..(end < 0 ? readme.Length : end)];
        return ShBlock().Matches(section).Select(m => Regex.Replace(m.Groups[1].Value, @"\\\n\s*", "").Split('\n').Where(l => l.Trim().Length > 0).ToList()).ToList();
    }

    [GeneratedRegex(@"```sh\n([\s\S]*?)```")]
    private static partial Regex ShBlock();
}
