using System.Diagnostics;
using System.Text.Json.Nodes;
using MlPipeline.Scaffolder.Commands;
using MlPipeline.Tests.Shared;
using Xunit.Abstractions;

namespace MlPipeline.Scaffolder.Tests.EndToEnd;

/// <summary>
/// Generate → build with warnings as errors → the generated C# tests → pytest → the local run on the sample data
/// → a clean git status: what a user does first, for both frameworks.
/// </summary>
[Trait("Category", "Slow")]
public sealed class GeneratedProjectTests(PackagesFixture packages, ITestOutputHelper log) : IClassFixture<PackagesFixture>
{
    private static readonly Dictionary<string, string> Python = new() { ["MLPIPELINE_PYTHON"] = "/usr/bin/python3" };

    [Theory]
    [InlineData("sklearn", "Churn", "terraform")]
    [InlineData("xgboost", "Acme.Fraud2", "cloudformation")]
    public void The_generated_project_builds_tests_and_runs_its_pipeline_locally(string framework, string name, string iac)
    {
        using var temp = new TempDirectory();
        var project = temp.Combine(name);
        using (var output = new StringWriter())
        using (var error = new StringWriter())
        {
            var code = Cli.Run(["new", project, "--framework", framework, "--iac", iac, "--package-source", packages.Folder], new CliContext(output, error));
            Assert.True(code == 0, error.ToString());
        }

        Step(project, "dotnet", ["build", "--nologo"]);
        Step(project, "dotnet", ["test", "--nologo", "--no-build"], Python);
        Step(project, "/usr/bin/python3", ["-m", "pytest", "steps/tests", "-q", "-p", "no:cacheprovider"]);
        var watch = Stopwatch.StartNew();
        var run = Step(project, "dotnet", ["run", "--no-build", "--project", $"src/{name}.Pipeline", "--", "run", "--json", "--no-cache"], Python);
        log.WriteLine($"{framework}: local run of the generated pipeline took {watch.Elapsed.TotalSeconds:0.0} s (dotnet run included)");

        var summary = JsonNode.Parse(run.Output)!;
        Assert.Equal("Succeeded", summary["status"]!.GetValue<string>());
        Assert.Equal("PendingManualApproval", summary["registered"]![0]!["approvalStatus"]!.GetValue<string>());
        log.WriteLine($"{framework}: pipeline run {summary["elapsedSeconds"]} s inside the runner");
        Assert.Equal("", Step(project, "git", ["status", "--porcelain"]).Output);
    }

    private ProcessRunner.Result Step(string folder, string command, string[] arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var result = ProcessRunner.Run(command, arguments, folder, environment: environment, timeout: TimeSpan.FromMinutes(10));
        Assert.True(result.ExitCode == 0, $"`{command} {string.Join(' ', arguments)}` failed in {folder}:\n{result.All}");
        log.WriteLine($"ok: {command} {string.Join(' ', arguments)}");
        return result;
    }
}
