using System.Diagnostics;
using MlPipeline.Scaffolder.Tests.Infrastructure;
using MlPipeline.Tests.Shared;
using Xunit.Abstractions;

namespace MlPipeline.Scaffolder.Tests.EndToEnd;

/// <summary>
/// The generated project's README, read top to bottom as a new user reads it: every command of its shell blocks runs
/// in order in a freshly generated project and must succeed. Only the commands that need an AWS account are not run,
/// and they are an explicit list: a command added to the README runs here, or the test fails until it is listed.
/// </summary>
[Trait("Category", "Slow")]
[Collection(GeneratedProjects.Name)]
public sealed class ReadmeCommandsTests(PackagesFixture packages, ITestOutputHelper log)
{
    /// <summary>The README's commands that act on AWS (the stack, S3, SageMaker in the cloud): not run here.</summary>
    private static readonly string[] NeedTheCloud =
    [
        "terraform -chdir=infra/terraform apply                    # bucket, roles, group, functions (no pipeline yet)",
        "export MLPIPELINE_BUCKET=$(terraform -chdir=infra/terraform output -raw artifact_bucket)",
        "export MLPIPELINE_ROLE_ARN=$(terraform -chdir=infra/terraform output -raw execution_role_arn)",
        "dotnet run --project src/Churn.Pipeline -- publish     # scripts and definition, under content-hash keys",
        "terraform -chdir=infra/terraform apply -var pipeline_definition_file=../../pipeline.json",
        "aws sagemaker start-pipeline-execution --pipeline-name churn",
        "python3 -c \"import boto3, sys; boto3.resource('s3').Bucket(sys.argv[1]).object_versions.delete()\" \"$MLPIPELINE_BUCKET\"",
        "terraform -chdir=infra/terraform destroy",
        "aws s3 cp new.csv \"s3://$MLPIPELINE_BUCKET/churn/data/2026-01-05/new.csv\"",
        "dotnet run --project src/Churn.Pipeline -- start --wait     # start an execution and watch its steps",
        "dotnet run --project src/Churn.Pipeline -- status           # the newest execution (or give its ARN)",
        "dotnet run --project src/Churn.Pipeline -- steps            # its steps, with each failure's reason",
        "dotnet run --project src/Churn.Pipeline -- stop             # stop it",
        "dotnet run --project src/Churn.Pipeline -- registry list --cloud",
        "dotnet run --project src/Churn.Pipeline -- registry approve churn-models 1 --cloud --note \"beats production\"",
    ];

    /// <summary>
    /// What this machine runs instead, and why: it has no PyPI, so `venv` makes .venv from Debian's Python with its
    /// libraries, the route the README gives for such a machine (--system-site-packages --no-install).
    /// </summary>
    private static readonly Dictionary<string, string> OnThisMachine = new(StringComparer.Ordinal)
    {
        ["dotnet run --project src/Churn.Pipeline -- venv"] = "dotnet run --project src/Churn.Pipeline -- venv --python /usr/bin/python3 --system-site-packages --no-install",
    };

    [Fact]
    public void Every_command_the_generated_readme_shows_runs_in_order_except_the_listed_cloud_ones()
    {
        using var temp = new TempDirectory();
        var project = temp.Combine("Churn");
        var (code, _, error) = Mlpipeline.Run("new", project, "--no-git", "--package-source", packages.Folder);
        Assert.True(code == 0, error);
        var commands = ShellCommands(File.ReadAllLines(Path.Combine(project, "README.md")));

        Assert.All(NeedTheCloud, c => Assert.Contains(c, commands));
        Assert.All(OnThisMachine.Keys, c => Assert.Contains(c, commands));
        var environment = new Dictionary<string, string>
        {
            ["GIT_AUTHOR_NAME"] = "Test",
            ["GIT_AUTHOR_EMAIL"] = "test@example.com",
            ["GIT_COMMITTER_NAME"] = "Test",
            ["GIT_COMMITTER_EMAIL"] = "test@example.com",
        };
        foreach (var (key, value) in Terraform.EnvironmentWith())
        {
            environment[key] = value;
        }

        var total = Stopwatch.StartNew();
        var ran = 0;
        foreach (var command in commands.Where(c => !NeedTheCloud.Contains(c)))
        {
            if (command.StartsWith("terraform ", StringComparison.Ordinal) && Terraform.MissingReason is { } missing)
            {
                log.WriteLine($"not run, no Terraform here ({missing}): {command}");
                continue;
            }

            var watch = Stopwatch.StartNew();
            var result = ProcessRunner.Run("bash", ["-euo", "pipefail", "-c", OnThisMachine.GetValueOrDefault(command, command)], project, environment: environment, timeout: TimeSpan.FromMinutes(5));
            Assert.True(result.ExitCode == 0, $"The README's command `{command}` failed (exit {result.ExitCode}) in {project}:\n{result.All}");
            log.WriteLine($"ok ({watch.Elapsed.TotalSeconds:0.0} s): {command}");
            ran++;
        }

        log.WriteLine($"{ran} of {commands.Count} README commands ran in {total.Elapsed.TotalSeconds:0} s; {NeedTheCloud.Length} need AWS");
        // What the commands left: the run registered a model that the README's approve command approved, and the
        // venv command made the interpreter every other command used.
        Assert.True(File.Exists(Path.Combine(project, ".venv", "bin", "python")));
        Assert.Contains("\"ModelApprovalStatus\": \"Approved\"", File.ReadAllText(Path.Combine(project, ".mlpipeline", "registry", "churn-models", "0001.json")), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(project, "pipeline.json")), "the README's `definition --out pipeline.json` wrote nothing");
    }

    [Fact]
    public void The_readme_commands_are_read_from_every_shell_block_one_line_each()
    {
        string[] readme = ["# T", "```sh", "a   # note", "", "b", "```", "text `c`", "```", "not shell", "```", "```sh", "d", "```"];

        Assert.Equal(["a   # note", "b", "d"], ShellCommands(readme));
        Assert.Throws<Xunit.Sdk.TrueException>(() => ShellCommands(["```sh", "a \\", "b", "```"]));
    }

    /// <summary>Each line of the README's ```sh blocks, in order: one command a line (no continuation lines).</summary>
    internal static List<string> ShellCommands(IEnumerable<string> readme)
    {
        var commands = new List<string>();
        var inShell = false;
        foreach (var line in readme)
        {
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                inShell = !inShell && line.Trim() == "```sh";
                continue;
            }

            if (inShell && line.Trim().Length > 0)
            {
                Assert.True(!line.TrimEnd().EndsWith('\\'), $"a README command goes on over lines; keep one command a line: {line}");
                commands.Add(line.Trim());
            }
        }

        return commands;
    }
}
