using MlPipeline.Scaffolder.Diagnostics;
using MlPipeline.Scaffolder.Tests.Infrastructure;
using MlPipeline.Tests.Shared;

namespace MlPipeline.Scaffolder.Tests.Commands;

/// <summary>
/// `mlpipeline new` in a terminal (tmux): it asks for each answer not given, with its description and default, choices
/// as a selection list and text checked as typed; it never asks when input or output is redirected, in CI or with
/// --no-interactive.
/// </summary>
public class InteractiveNewTests
{
    [Fact]
    public void In_a_terminal_new_asks_for_each_missing_answer_and_checks_it_as_typed()
    {
        using var temp = new TempDirectory();
        using var terminal = new Terminal($"env -u CI dotnet {Terminal.Quote(Mlpipeline.Built)} new Churn --no-git", temp.Path);

        terminal.WaitFor("> (Churn):");
        terminal.Send("bad name", "Enter");
        terminal.WaitFor("SCAF008: 'bad name' is not a valid name");
        terminal.WaitFor("> (Churn):", times: 2);
        terminal.Send("C-u");
        for (var i = 0; i < "bad name".Length; i++)
        {
            terminal.Send("BSpace");
        }

        terminal.Send("Acme.Churn", "Enter");
        terminal.WaitFor("> (A machine-learning pipeline for Amazon SageMaker.):");
        terminal.Send("Enter");
        terminal.WaitFor("> (ml-team):");
        terminal.Send("Risk Team", "Enter");
        var screen = terminal.WaitFor("us-west-2       US West (Oregon)");
        Assert.Contains("region The AWS region the pipeline and its resources live in.", screen, StringComparison.Ordinal);
        terminal.Send("Down", "Down", "Enter");
        terminal.WaitFor("region: us-west-1");
        terminal.WaitFor("cloudformation  One AWS CloudFormation stack (infra/cloudformation)");
        terminal.Send("Down", "Enter");
        terminal.WaitFor("iac: cloudformation");
        terminal.WaitFor("none    No CI files");
        terminal.Send("Down", "Down", "Enter");
        terminal.WaitFor("ci: none");
        // CloudFormation has both accounts layouts: asked, with the default first.
        terminal.WaitFor("single  One account holds the pipeline");
        terminal.Send("Down", "Enter");
        terminal.WaitFor("accounts: multi");
        terminal.WaitFor("xgboost  XGBoost 1.7");
        terminal.Send("Enter");
        terminal.WaitFor("framework: sklearn");
        terminal.WaitFor("empty means nuget.org.");
        terminal.Send("Enter");
        terminal.WaitFor("> (42):");
        terminal.Send("-1", "Enter");
        terminal.WaitFor("SCAF012");
        terminal.WaitFor("> (42):", times: 2);
        terminal.Send("BSpace", "BSpace", "7", "Enter");
        terminal.WaitFor("tuning Train is a hyperparameter tuning job");
        terminal.Send("y", "Enter");
        terminal.WaitFor("batch_transform After registration");
        terminal.Send("Enter");
        var (code, transcript) = terminal.WaitForExit();

        Assert.True(code == 0, transcript);
        Assert.Contains("12 question(s)", transcript, StringComparison.Ordinal);
        Assert.Equal(
            "options:\n  name: \"Acme.Churn\"\n  description: \"A machine-learning pipeline for Amazon SageMaker.\"\n  owner: \"Risk Team\"\n  region: \"us-west-1\"\n"
            + "  iac: \"cloudformation\"\n  ci: \"none\"\n  accounts: \"multi\"\n  framework: \"sklearn\"\n  package_source: \"\"\n  random_seed: 7\n  tuning: true\n  batch_transform: false\n",
            File.ReadAllText(temp.Combine("Churn", "mlpipeline.yaml")).Split("options:\n")[1].Insert(0, "options:\n"));
    }

    [Fact]
    public void Answers_given_on_the_command_line_or_in_a_spec_are_not_asked()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.Combine("spec.yaml"), "options:\n  owner: Risk Team\n  description: Churn model.\n  package_source: \"\"\n");
        using var terminal = new Terminal(
            $"env -u CI dotnet {Terminal.Quote(Mlpipeline.Built)} new Churn --no-git --spec spec.yaml --name Churn --iac cdk --set ci=gitlab --set random_seed=3 --region eu-west-1",
            temp.Path);

        terminal.WaitFor("4 question(s)");
        // The CDK has both accounts layouts too: asked, with the default first.
        terminal.WaitFor("multi   The pipeline, bucket and model registry stay in the build account");
        terminal.Send("Down", "Enter");
        terminal.WaitFor("accounts: multi");
        terminal.WaitFor("xgboost  XGBoost 1.7");
        terminal.Send("Down", "Enter");
        terminal.WaitFor("tuning Train is a hyperparameter tuning job");
        terminal.Send("Enter");
        terminal.WaitFor("batch_transform After registration");
        terminal.Send("Enter");
        var (code, transcript) = terminal.WaitForExit();

        Assert.True(code == 0, transcript);
        Assert.DoesNotContain("> (", transcript, StringComparison.Ordinal);
        var record = File.ReadAllText(temp.Combine("Churn", "mlpipeline.yaml"));
        Assert.Contains("framework: \"xgboost\"", record, StringComparison.Ordinal);
        Assert.Contains("accounts: \"multi\"", record, StringComparison.Ordinal);
        Assert.True(File.Exists(temp.Combine("Churn", "infra", "cdk", "ChurnTargetInfrastructure.cs")));
        Assert.Contains("owner: \"Risk Team\"", record, StringComparison.Ordinal);
        Assert.Contains("random_seed: 3", record, StringComparison.Ordinal);
    }

    /// <summary>Redirected input or output, CI, or --no-interactive: no question, the defaults, as before.</summary>
    [Theory]
    [InlineData("env -u CI dotnet {0} new Churn --no-git < /dev/null")]
    [InlineData("env -u CI dotnet {0} new Churn --no-git | cat")]
    [InlineData("env CI=true dotnet {0} new Churn --no-git")]
    [InlineData("env -u CI dotnet {0} new Churn --no-git --no-interactive")]
    public void New_never_asks_when_input_or_output_is_redirected_in_ci_or_with_no_interactive(string command)
    {
        using var temp = new TempDirectory();
        using var terminal = new Terminal(string.Format(System.Globalization.CultureInfo.InvariantCulture, command, Terminal.Quote(Mlpipeline.Built)), temp.Path);

        var (code, transcript) = terminal.WaitForExit();

        Assert.True(code == 0, transcript);
        Assert.DoesNotContain("question(s)", transcript, StringComparison.Ordinal);
        Assert.Contains("Created project Churn", transcript, StringComparison.Ordinal);
        Assert.Contains("owner: \"ml-team\"", File.ReadAllText(temp.Combine("Churn", "mlpipeline.yaml")), StringComparison.Ordinal);
    }

    [Fact]
    public void Ctrl_c_at_a_question_exits_130_and_writes_nothing()
    {
        using var temp = new TempDirectory();
        using var terminal = new Terminal($"env -u CI dotnet {Terminal.Quote(Mlpipeline.Built)} new Churn", temp.Path);

        terminal.WaitFor("> (Churn):");
        terminal.Send("Enter");
        terminal.WaitFor("> (A machine-learning pipeline for Amazon SageMaker.):");
        terminal.Send("C-c");
        var (code, transcript) = terminal.WaitForExit();

        Assert.True(code == ExitCodes.Interrupted, transcript);
        Assert.Contains("Interrupted; nothing was left behind.", transcript, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp.Path));
    }
}
