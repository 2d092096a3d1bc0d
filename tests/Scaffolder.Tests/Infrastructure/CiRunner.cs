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
    /// <summary>
    /// A GitHub job: its run steps in order, each in its own shell with its env, ${{ }} expressions from
    /// <paramref name="values"/> (secrets, inputs, needs) and the outputs of earlier steps ($GITHUB_OUTPUT); actions
    /// are what the environment stands in for (checkout, setup-*, AWS credentials). Returns the job's outputs.
    /// </summary>
    public static Dictionary<string, string> RunGitHubJob(
        CiJob job, string folder, IReadOnlyDictionary<string, string> environment, IReadOnlyDictionary<string, string> values, Action<string>? log = null, Func<ProcessRunner.Result, bool>? knownGap = null)
    {
        var known = new Dictionary<string, string>(values, StringComparer.Ordinal);
        known.TryAdd("github.workspace", folder);
        foreach (var line in job.Lines)
        {
            var outputs = Path.Combine(folder, $".github-output-{job.Name}-{line.Id ?? "step"}");
            File.WriteAllText(outputs, "");
            var env = new Dictionary<string, string>(environment, StringComparer.Ordinal);
            foreach (var (key, value) in line.Environment)
            {
                env[key] = CiJobs.ResolveGitHub(value, known, line.Environment);
            }

            env["GITHUB_OUTPUT"] = outputs;
            var directory = line.WorkingDirectory is null ? folder : Path.Combine(folder, line.WorkingDirectory);
            Run([(line.Step, CiJobs.ResolveGitHub(line.Script, known, line.Environment))], directory, env, log, knownGap: knownGap);
            foreach (var (key, value) in ReadKeyValues(outputs))
            {
                known[$"steps.{line.Id}.outputs.{key}"] = value;
            }
        }

        return job.Node.Children.TryGetValue(new YamlDotNet.RepresentationModel.YamlScalarNode("outputs"), out var declared)
            ? ((YamlDotNet.RepresentationModel.YamlMappingNode)declared).Children.ToDictionary(p => p.Key.ToString(), p => CiJobs.ResolveGitHub(p.Value.ToString(), known, null, ""), StringComparer.Ordinal)
            : [];
    }

    /// <summary>
    /// A GitLab job: before_script and script in one shell, as the runner does, with the job's variables expanded
    /// (<paramref name="predefined"/> stands for GitLab's own, such as CI_PROJECT_DIR, and for dotenv variables of
    /// the jobs it needs). Returns the variables of its dotenv report, if it has one.
    /// </summary>
    public static Dictionary<string, string> RunGitLabJob(
        CiJob job, string folder, IReadOnlyDictionary<string, string> environment, IReadOnlyDictionary<string, string> predefined, Action<string>? log = null, Func<ProcessRunner.Result, bool>? knownGap = null)
    {
        var variables = CiJobs.ExpandGitLab(job.Lines.Count > 0 ? job.Lines[0].Environment : new Dictionary<string, string>(), predefined);
        var env = new Dictionary<string, string>(environment, StringComparer.Ordinal);
        foreach (var (key, value) in variables)
        {
            env[key] = value;
        }

        var script = new List<string>();
        foreach (var line in job.Lines)
        {
            if (PipInstall().Match(line.Script) is { Success: true } pip)
            {
                CheckPins(pip.Groups[1].Value, folder, $"{job.Name}: {line.Script}");
                script.Add(": the pip install line is checked instead of run, no PyPI here");
            }
            else
            {
                script.Add(line.Script);
            }
        }

        log?.Invoke($"job {job.Name} ({job.Image}):\n  " + string.Join("\n  ", script));
        var result = ProcessRunner.Run("bash", ["-eo", "pipefail", "-c", string.Join('\n', script)], folder, environment: env, timeout: TimeSpan.FromMinutes(10));
        if (result.ExitCode != 0 && knownGap?.Invoke(result) == true)
        {
            // What the job reported before the gap stands, as it would have had the stand-in not fallen short.
            log?.Invoke($"job {job.Name} stopped at a known gap of the stand-in, not of the job:\n{result.All.Trim()}");
        }
        else
        {
            Assert.True(result.ExitCode == 0, $"GitLab job '{job.Name}' failed (exit {result.ExitCode}) in {folder}:\n{result.All}");
            log?.Invoke(result.All.Trim());
        }

        var report = job.Node.Children.TryGetValue(new YamlDotNet.RepresentationModel.YamlScalarNode("artifacts"), out var artifacts)
            && ((YamlDotNet.RepresentationModel.YamlMappingNode)artifacts).Children.TryGetValue(new YamlDotNet.RepresentationModel.YamlScalarNode("reports"), out var reports)
            && ((YamlDotNet.RepresentationModel.YamlMappingNode)reports).Children.TryGetValue(new YamlDotNet.RepresentationModel.YamlScalarNode("dotenv"), out var dotenv)
            ? dotenv.ToString()
            : null;
        return report is null || !File.Exists(Path.Combine(folder, report)) ? [] : ReadKeyValues(Path.Combine(folder, report));
    }

    private static Dictionary<string, string> ReadKeyValues(string path) =>
        File.ReadAllLines(path).Where(l => l.Contains('=', StringComparison.Ordinal))
            .Select(l => (Key: l[..l.IndexOf('=', StringComparison.Ordinal)], Value: l[(l.IndexOf('=', StringComparison.Ordinal) + 1)..]))
            .GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal);

    public static void Run(
        IEnumerable<(string Step, string Script)> lines, string folder, IReadOnlyDictionary<string, string> environment, Action<string>? log = null, TimeSpan? timeout = null,
        Func<ProcessRunner.Result, bool>? knownGap = null)
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
            if (result.ExitCode != 0 && knownGap?.Invoke(result) == true)
            {
                log?.Invoke($"step {step} stopped at a known gap of the stand-in, not of the step:\n{result.All.Trim()}");
                continue;
            }

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
