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
            // What `--package-source` adds; dotnet new takes no free text. Then the user's first commit.
            File.WriteAllText(Path.Combine(project, "nuget.config"),
                $"<configuration><packageSources><add key=\"mlpipeline\" value=\"{packages.Folder}\" /></packageSources></configuration>\n");
            foreach (var git in new[] { "init -q", "add -A", "-c user.name=Test -c user.email=test@example.com commit -q -m Initial" })
            {
                Assert.Equal(0, ProcessRunner.Run("git", git.Split(' '), project).ExitCode);
            }
        }

        var environment = new Dictionary<string, string> { ["MLPIPELINE_PYTHON"] = Python, ["PIPELINE"] = $"dotnet run --configuration Release --no-build --project src/{name}.Pipeline --" };
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

            log.WriteLine($"ok: {command}");
        }

        log.WriteLine($"{framework}: the CI commands took {watch.Elapsed.TotalSeconds:0.0} s");
        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(project, "local-run.json")))!;
        Assert.Equal("Succeeded", summary["status"]!.GetValue<string>());
        Assert.Equal("PendingManualApproval", summary["registered"]![0]!["approvalStatus"]!.GetValue<string>());
        log.WriteLine($"{framework}: pipeline run {summary["elapsedSeconds"]} s inside the runner");
        var status = ProcessRunner.Run("git", ["status", "--porcelain", "--untracked-files=all"], project).Output;
        Assert.Equal(["local-run.json", "pipeline.mmd"], status.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l[3..]).Order(StringComparer.Ordinal));

        InterruptWithCtrlC(project, name);
    }

    /// <summary>
    /// Ctrl+C as a terminal sends it: SIGINT to the project's own command line while a step runs. The run stops its
    /// Python process, says it was cancelled, exits 130, and the next run succeeds.
    /// </summary>
    private void InterruptWithCtrlC(string project, string name)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = project,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["MLPIPELINE_PYTHON"] = Python },
        };
        foreach (var argument in new[] { Path.Combine(project, "src", $"{name}.Pipeline", "bin", "Release", "net10.0", $"{name}.Pipeline.dll"), "run", "--no-cache" })
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

        var rerun = ProcessRunner.Run("dotnet", [start.ArgumentList[0], "run"], project, environment: new Dictionary<string, string> { ["MLPIPELINE_PYTHON"] = Python }, timeout: TimeSpan.FromMinutes(5));
        Assert.True(rerun.ExitCode == 0, rerun.All);
    }

    /// <summary>
    /// The build-and-test commands of the generated CI, then the pytest lines of its other Python test jobs (the
    /// step tests of a second container), without the commands that install Python packages.
    /// </summary>
    private static List<string> CiCommands(string project, string ci)
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
