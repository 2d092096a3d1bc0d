using System.Diagnostics;
using System.Text.Json.Nodes;
using MlPipeline.Scaffolder.Tests.Infrastructure;
using MlPipeline.Scaffolder.Tests.TemplatePack;
using MlPipeline.Tests.Shared;
using Xunit.Abstractions;
using YamlDotNet.RepresentationModel;

namespace MlPipeline.Scaffolder.Tests.EndToEnd;

/// <summary>
/// What a user does first, for both frameworks: generate, then run exactly the commands the generated CI runs
/// (build with warnings as errors, .NET tests, pytest, validate, graph, a local run on the sample data), then
/// check the run registered a model and git status is clean.
/// </summary>
[Trait("Category", "Slow")]
[Collection(GeneratedProjects.Name)]
public sealed class GeneratedProjectTests(PackagesFixture packages, TemplatePackFixture templates, ITestOutputHelper log)
{
    private const string Python = "/usr/bin/python3";

    [Theory]
    [InlineData("mlpipeline new", "sklearn", "Churn", "Churn", "terraform", "github")]
    // Through the template package, with a name only dotnet new takes (it becomes Acme.Fraud-2).
    [InlineData("dotnet new", "xgboost", "Acme.Fraud 2", "Acme.Fraud-2", "cloudformation", "gitlab")]
    public void The_generated_project_passes_the_commands_its_ci_runs(string tool, string framework, string given, string name, string iac, string ci)
    {
        using var temp = new TempDirectory();
        var project = temp.Combine(name);
        if (tool == "mlpipeline new")
        {
            // Hostile free text (the fuzz suite's classes) must still give a project that builds, tests and runs.
            var (code, _, error) = Mlpipeline.Run(
                "new", project, "--framework", framework, "--iac", iac, "--ci", ci, "--package-source", packages.Folder,
                "--description", "\tSays \"hi\" \\ ${x} {{ y }} #if DEBUG <!-- */ // é 🚀 $5: - [x] `tick` ", "--owner", "Data Team @ Zürich: a/b=c+d");
            Assert.True(code == 0, error);
        }
        else
        {
            var created = templates.DotnetNew(["mlpipeline", "-n", given, "-o", project, "--framework", framework, "--iac", iac, "--ci", ci], temp.Path);
            Assert.True(created.ExitCode == 0, created.All);
            // The user's first commit, as the project's README says to make it after dotnet new.
            var readme = File.ReadAllLines(Path.Combine(project, "README.md"));
            var git = ProcessRunner.Run("bash", ["-euo", "pipefail", "-c", readme.Single(line => line.StartsWith("git init", StringComparison.Ordinal))], project,
                environment: new Dictionary<string, string> { ["GIT_AUTHOR_NAME"] = "Test", ["GIT_AUTHOR_EMAIL"] = "test@example.com", ["GIT_COMMITTER_NAME"] = "Test", ["GIT_COMMITTER_EMAIL"] = "test@example.com" });
            Assert.True(git.ExitCode == 0, git.All);
        }

        var environment = new Dictionary<string, string> { ["MLPIPELINE_PYTHON"] = Python, ["PIPELINE"] = $"dotnet run --configuration Release --no-build --project src/{name}.Pipeline --" };
        if (tool == "dotnet new")
        {
            // A clean machine: the project restores from its own feed (the template package carries the libraries).
            environment["NUGET_PACKAGES"] = temp.Combine("empty-nuget-cache");
        }

        var watch = Stopwatch.StartNew();
        foreach (var command in CiCommands(project, ci))
        {
            // This machine has no PyPI: the Debian Python with the same package versions stands in for CI's venv.
            var local = command.Replace(".venv/bin/python", Python, StringComparison.Ordinal);
            local = local.StartsWith("python ", StringComparison.Ordinal) ? Python + local["python".Length..] : local;
            var result = ProcessRunner.Run("bash", ["-euo", "pipefail", "-c", local], project, environment: environment, timeout: TimeSpan.FromMinutes(10));
            Assert.True(result.ExitCode == 0, $"CI command `{command}` failed in {project}:\n{result.All}");
            if (command.Contains("-m pytest", StringComparison.Ordinal))
            {
                // Every step test runs here, none skipped (ContainerFloorTests runs the container scripts' ones in the floor too).
                var tally = System.Text.RegularExpressions.Regex.Match(result.Output, @"=+ (.*) in [0-9.]+s").Groups[1].Value;
                Assert.Matches(@"^\d+ passed(, \d+ warnings?)?$", tally);
                log.WriteLine($"{command}: {tally}");
            }

            if (command.StartsWith("dotnet test", StringComparison.Ordinal))
            {
                // The project's tests run the pipeline in a state folder of their own: the user's runs and registry stay as they were.
                Assert.False(Directory.Exists(Path.Combine(project, ".mlpipeline", "runs")), "dotnet test wrote runs into the project's .mlpipeline/");
                Assert.False(Directory.Exists(Path.Combine(project, ".mlpipeline", "registry")), "dotnet test registered a model in the project's .mlpipeline/");
            }

            log.WriteLine($"ok: {command}");
        }

        log.WriteLine($"{framework}: the CI commands took {watch.Elapsed.TotalSeconds:0.0} s");
        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(project, "local-run.json")))!;
        Assert.Equal("Succeeded", summary["status"]!.GetValue<string>());
        Assert.Equal("PendingManualApproval", summary["registered"]![0]!["approvalStatus"]!.GetValue<string>());
        log.WriteLine($"{framework}: pipeline run {summary["elapsedSeconds"]} s inside the runner");
        var status = ProcessRunner.Run("git", ["status", "--porcelain", "--untracked-files=all"], project).Output;
        Assert.Equal(["local-run.json", "pipeline.mmd"], status.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l[3..]).Order(StringComparer.Ordinal));

        // VS Code's debug launch starts the file the Debug build writes, as MSBuild itself says.
        var launch = JsonNode.Parse(File.ReadAllText(Path.Combine(project, ".vscode", "launch.json")))!;
        var target = ProcessRunner.Run("dotnet", ["msbuild", $"src/{name}.Pipeline", "-getProperty:TargetPath", "-p:Configuration=Debug"], project, environment: environment);
        Assert.Equal(launch["configurations"]![0]!["program"]!.GetValue<string>().Replace("${workspaceFolder}", project, StringComparison.Ordinal), target.Output.Trim());

        InterruptWithCtrlC(project, name);
        KillTheRunner(project, name);
        RunFromAnotherFolder(project, name);
        RunOnTheUsersOwnData(project, name);
    }

    /// <summary>
    /// `run --data FOLDER`: the user's CSV files (here the sample's rows, split into two files) go through the whole
    /// pipeline with no edit to it; Clean reads both files, and the lineage records the data prefix it was given.
    /// </summary>
    private void RunOnTheUsersOwnData(string project, string name)
    {
        using var mine = new TempDirectory();
        var rows = File.ReadAllLines(Path.Combine(project, "data", "sample.csv"));
        var half = (rows.Length - 1) / 2;
        File.WriteAllLines(mine.Combine("january.csv"), rows.Take(1 + half));
        File.WriteAllLines(mine.Combine("february.csv"), [rows[0], .. rows.Skip(1 + half)]);
        var dll = Path.Combine(project, "src", $"{name}.Pipeline", "bin", "Release", "net10.0", $"{name}.Pipeline.dll");

        var run = ProcessRunner.Run("dotnet", [dll, "run", "--data", mine.Path, "--json"], project,
            environment: new Dictionary<string, string> { ["MLPIPELINE_PYTHON"] = Python }, timeout: TimeSpan.FromMinutes(5));

        Assert.True(run.ExitCode == 0, run.All);
        var summary = JsonNode.Parse(run.Output)!;
        var lineage = JsonNode.Parse(File.ReadAllText(summary["lineage"]!.GetValue<string>()))!;
        Assert.Matches("/mlpipeline-local-data/[0-9a-f]{16}/$", lineage["Parameters"]!["InputData"]!.GetValue<string>());
        Assert.Equal("Succeeded", summary["steps"]![0]!["status"]!.GetValue<string>());
        var report = Directory.GetFiles(Path.Combine(summary["runFolder"]!.GetValue<string>(), "steps", "Clean"), "clean_report.json", SearchOption.AllDirectories);
        Assert.Equal(rows.Length - 1, JsonNode.Parse(File.ReadAllText(Assert.Single(report)))!["rows_in"]!.GetValue<int>());
        log.WriteLine($"run --data: {rows.Length - 1} rows in two files, {summary["status"]}");
    }

    /// <summary>
    /// SIGKILL of the project's command line while a step runs: the step's Python process dies with it (no orphan),
    /// `runs` shows the run as Interrupted, and the next run says so and succeeds.
    /// </summary>
    private void KillTheRunner(string project, string name)
    {
        var dll = Path.Combine(project, "src", $"{name}.Pipeline", "bin", "Release", "net10.0", $"{name}.Pipeline.dll");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = project, RedirectStandardOutput = true, RedirectStandardError = true, Environment = { ["MLPIPELINE_PYTHON"] = Python } };
        foreach (var argument in new[] { dll, "run", "--no-cache" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        string? line;
        while ((line = process.StandardOutput.ReadLine()) is not null && !line.Contains("[Processing] running", StringComparison.Ordinal))
        {
        }

        // The step's line comes as it starts; its supervisor and script follow within moments.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        var steps = StepProcesses(project);
        while (steps.Count < 2 && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(50);
            steps = StepProcesses(project);
        }

        process.Kill();
        process.WaitForExit();
        Assert.True(steps.Count >= 2, $"the step's supervisor and script did not start: {string.Join(", ", steps)}");
        deadline = DateTime.UtcNow.AddSeconds(10);
        while (StepProcesses(project).Count > 0 && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(100);
        }

        Assert.True(StepProcesses(project).Count == 0, $"step processes outlived the killed runner: {string.Join(", ", StepProcesses(project))}");
        var environment = new Dictionary<string, string> { ["MLPIPELINE_PYTHON"] = Python };
        var runs = ProcessRunner.Run("dotnet", [dll, "runs", "--json"], project, environment: environment);
        Assert.Equal("Interrupted", JsonNode.Parse(runs.Output)![0]!["status"]!.GetValue<string>());
        var rerun = ProcessRunner.Run("dotnet", [dll, "run"], project, environment: environment, timeout: TimeSpan.FromMinutes(5));
        Assert.True(rerun.ExitCode == 0, rerun.All);
        Assert.Contains("was interrupted (its runner is gone)", rerun.Error, StringComparison.Ordinal);
        log.WriteLine($"after SIGKILL: {steps.Count} step process(es) ended with the runner; the run shows as Interrupted");
    }

    /// <summary>`dotnet run --project PATH/src/NAME.Pipeline` from another folder finds the project from the program's own folder.</summary>
    private static void RunFromAnotherFolder(string project, string name)
    {
        using var elsewhere = new TempDirectory();
        var result = ProcessRunner.Run("dotnet", ["run", "--no-build", "--configuration", "Release", "--project", Path.Combine(project, "src", $"{name}.Pipeline"), "--", "definition"], elsewhere.Path, timeout: TimeSpan.FromMinutes(2));

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("\"Version\": \"2020-12-01\"", result.Output, StringComparison.Ordinal);
    }

    /// <summary>Processes whose command line names the project (the supervisors and step scripts), by pid.</summary>
    private static List<int> StepProcesses(string project) =>
        Directory.EnumerateDirectories("/proc").Select(Path.GetFileName).Where(p => p!.All(char.IsAsciiDigit)).Select(p => int.Parse(p!, System.Globalization.CultureInfo.InvariantCulture))
            .Where(pid =>
            {
                try
                {
                    return File.ReadAllText($"/proc/{pid}/cmdline").Contains(Path.Combine(project, ".mlpipeline"), StringComparison.Ordinal);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    return false;
                }
            })
            .ToList();

    /// <summary>
    /// Ctrl+C as a terminal sends it: SIGINT to the project's own command line while a step runs. The run stops its
    /// Python process, says it was cancelled, exits 130, and the next run succeeds.
    /// </summary>
    private void InterruptWithCtrlC(string project, string name)
    {
        // Through env --default-signal=INT: a test run started in the background (./test.sh &) ignores SIGINT, and its
        // children would inherit that; a command at a terminal, which is what Ctrl+C reaches, does not ignore it.
        var dll = Path.Combine(project, "src", $"{name}.Pipeline", "bin", "Release", "net10.0", $"{name}.Pipeline.dll");
        var start = new ProcessStartInfo("env")
        {
            WorkingDirectory = project,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["MLPIPELINE_PYTHON"] = Python },
        };
        foreach (var argument in new[] { "--default-signal=INT", "dotnet", dll, "run", "--no-cache" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string? line;
        var output = new System.Text.StringBuilder();
        while ((line = process.StandardOutput.ReadLine()) is not null && !line.Contains("[Processing] running", StringComparison.Ordinal))
        {
            output.AppendLine(line);
        }

        Assert.Equal(0, ProcessRunner.Run("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]).ExitCode);
        output.Append(process.StandardOutput.ReadToEnd());
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(30)), "the run did not stop after Ctrl+C");
        var said = output + error.Result;
        log.WriteLine($"after Ctrl+C: exit {process.ExitCode}; {error.Result.Trim()}");
        Assert.True(process.ExitCode == 130, said);
        Assert.Contains("The run was cancelled", said, StringComparison.Ordinal);

        var rerun = ProcessRunner.Run("dotnet", [dll, "run"], project, environment: new Dictionary<string, string> { ["MLPIPELINE_PYTHON"] = Python }, timeout: TimeSpan.FromMinutes(5));
        Assert.True(rerun.ExitCode == 0, rerun.All);
    }

    /// <summary>
    /// The build-and-test commands of the generated CI, then the pytest lines of its other Python test jobs (the
    /// step tests of a second container), without the commands that install Python packages.
    /// </summary>
    internal static List<string> CiCommands(string project, string ci)
    {
        var stream = new YamlStream();
        var path = ci == "github" ? Path.Combine(project, ".github", "workflows", "ci.yml") : Path.Combine(project, ".gitlab-ci.yml");
        stream.Load(new StringReader(File.ReadAllText(path)));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var jobs = ci == "github" ? (YamlMappingNode)root["jobs"] : root;
        IEnumerable<string> Commands(YamlNode job) => ci == "github"
            ? ((YamlSequenceNode)job["steps"]).Children.OfType<YamlMappingNode>()
                .Where(step => step.Children.ContainsKey(new YamlScalarNode("run")) && step["name"].ToString() != "Python environment")
                .Select(step => step["run"].ToString())
            : ((YamlSequenceNode)job["script"]).Children.Select(line => line.ToString()).Where(line => !line.StartsWith("pip install", StringComparison.Ordinal));
        var list = Commands(jobs["build-and-test"]).ToList();
        Assert.True(list.Count >= 5, $"{path} has only {list.Count} build-and-test commands");
        foreach (var (name, job) in jobs.Children.Where(j => j.Key.ToString() != "build-and-test" && j.Value is YamlMappingNode m && m.Children.ContainsKey(new YamlScalarNode(ci == "github" ? "steps" : "script"))))
        {
            list.AddRange(Commands(job).Where(command => command.Contains("-m pytest", StringComparison.Ordinal)));
        }

        return list;
    }
}
