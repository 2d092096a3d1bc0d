using System.Text;
using MlPipeline.Scaffolder.Diagnostics;
using MlPipeline.Scaffolder.Tests.Infrastructure;
using MlPipeline.Tests.Shared;
using static MlPipeline.Scaffolder.Tests.Updating.ProjectFolder;

namespace MlPipeline.Scaffolder.Tests.Updating;

/// <summary>
/// `mlpipeline update` scenario by scenario: a project made by the previous release (or with other answers), changed
/// as a user changes it and committed, then updated. Each asserts the exact tree afterwards and the exit code.
/// </summary>
public class UpdateScenarioTests
{
    private const string Clean = "steps/clean.py";

    [Fact]
    public void An_untouched_project_becomes_exactly_what_the_next_release_generates()
    {
        using var temp = new TempDirectory();
        var project = NewPrevious(temp);

        var (code, output, error) = Releases.RunNext("update", project);

        Assert.True(code == ExitCodes.Success, output + error);
        AssertSame(Fresh(temp), Files(project));
        Assert.Contains($"Template {Releases.Previous} -> {Releases.Next}", output, StringComparison.Ordinal);
        Assert.Matches($@"updated +{Clean}\n", output);
        Assert.Matches($@"added +{Releases.AddedFile}\n", output);
        Assert.Matches($@"deleted +{Releases.RemovedFile}\n", output);
        Assert.Contains($"template_version: {Releases.Next}\n", Read(project, "mlpipeline.yaml"), StringComparison.Ordinal);
    }

    [Fact]
    public void An_edit_where_the_template_does_not_change_is_merged_with_the_template_change()
    {
        using var temp = new TempDirectory();
        var project = NewPrevious(temp);
        Write(project, Clean, Read(project, Clean) + "\n# Our team's note: the data comes from the CRM export.\n");
        Commit(project);

        var (code, output, error) = Releases.RunNext("update", project);

        Assert.True(code == ExitCodes.Success, output + error);
        var expected = Fresh(temp);
        expected[Clean] = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(expected[Clean]) + "\n# Our team's note: the data comes from the CRM export.\n");
        AssertSame(expected, Files(project));
        Assert.Matches($@"merged +{Clean}\n", output);
    }

    [Fact]
    public void An_edit_of_the_lines_the_template_changes_is_a_conflict_with_git_markers_and_exit_1()
    {
        using var temp = new TempDirectory();
        var project = NewPrevious(temp);
        var previous = Read(project, Clean);
        Write(project, Clean, previous.Replace(Releases.ChangedLine, "STRAY_VALUES = 0.4", StringComparison.Ordinal));
        Commit(project);

        var (code, output, error) = Releases.RunNext("update", project);

        Assert.True(code == ExitCodes.Conflicts, output + error);
        var expected = Fresh(temp);
        expected[Clean] = Encoding.UTF8.GetBytes(previous.Replace(Releases.ChangedLine + "\n",
            $"<<<<<<< ours\nSTRAY_VALUES = 0.4\n=======\n{Releases.NextLine}\n>>>>>>> template {Releases.Next}\n", StringComparison.Ordinal));
        AssertSame(expected, Files(project));
        Assert.Matches($@"CONFLICT \(both changed\) +{Clean}\n", output);
        Assert.Contains($"Resolve the conflicts in: {Clean}.", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Files_the_user_deleted_stay_deleted_whether_the_template_changed_them_or_not()
    {
        using var temp = new TempDirectory();
        var project = NewPrevious(temp);
        File.Delete(Path.Combine(project, Clean));
        File.Delete(Path.Combine(project, ".editorconfig"));
        Commit(project);

        var (code, output, error) = Releases.RunNext("update", project);

        Assert.True(code == ExitCodes.Success, output + error);
        var expected = Fresh(temp);
        expected.Remove(Clean);
        expected.Remove(".editorconfig");
        AssertSame(expected, Files(project));
        Assert.Matches($@"stays deleted \(you deleted it\) +{Clean}\n", output);
    }

    [Fact]
    public void A_file_the_template_no_longer_makes_is_kept_when_the_user_changed_it()
    {
        using var temp = new TempDirectory();
        var project = NewPrevious(temp);
        var mine = Read(project, Releases.RemovedFile) + "# we call this from our batch job\n";
        Write(project, Releases.RemovedFile, mine);
        Commit(project);

        var (code, output, error) = Releases.RunNext("update", project);

        Assert.True(code == ExitCodes.Success, output + error);
        var expected = Fresh(temp);
        expected[Releases.RemovedFile] = Encoding.UTF8.GetBytes(mine);
        AssertSame(expected, Files(project));
        Assert.Matches($@"kept \(template dropped it\) +{Releases.RemovedFile}\n", output);
    }

    [Fact]
    public void A_file_the_template_adds_where_the_user_has_one_is_a_conflict()
    {
        using var temp = new TempDirectory();
        var project = NewPrevious(temp);
        Write(project, Releases.AddedFile, "# Our runbook\n");
        Commit(project);

        var (code, output, error) = Releases.RunNext("update", project);

        Assert.True(code == ExitCodes.Conflicts, output + error);
        var expected = Fresh(temp);
        expected[Releases.AddedFile] = Encoding.UTF8.GetBytes($"<<<<<<< ours\n# Our runbook\n=======\n{Releases.AddedText}>>>>>>> template {Releases.Next}\n");
        AssertSame(expected, Files(project));
        Assert.Matches($@"CONFLICT \(added, you have one\) +{Releases.AddedFile}\n", output);
    }

    [Fact]
    public void The_same_file_added_by_the_user_and_the_template_is_no_conflict()
    {
        using var temp = new TempDirectory();
        var project = NewPrevious(temp);
        Write(project, Releases.AddedFile, Releases.AddedText);
        Commit(project);

        var (code, output, error) = Releases.RunNext("update", project);

        Assert.True(code == ExitCodes.Success, output + error);
        AssertSame(Fresh(temp), Files(project));
    }

    /// <summary>A changed answer is an update too: the project becomes what `new` makes with the new answers, and the
    /// user's own lines stay (an appended README section, a changed .editorconfig).</summary>
    [Theory]
    [InlineData("--iac", "cloudformation")]
    [InlineData("--iac", "cdk")]
    [InlineData("--ci", "gitlab")]
    [InlineData("--ci", "none")]
    [InlineData("--framework", "xgboost")]
    [InlineData("--description", "Predicts which customers leave, from the CRM export.")]
    public void A_changed_answer_changes_the_files_it_decides_and_keeps_the_users_lines(string option, string value)
    {
        using var temp = new TempDirectory();
        var project = temp.Combine("Churn");
        Assert.Equal(0, Mlpipeline.Run("new", project, "--owner", "Risk Team").Code);
        const string section = "\n## Our notes\n\nThe data comes from the CRM export every Monday.\n";
        Write(project, "README.md", Read(project, "README.md") + section);
        Write(project, ".editorconfig", Read(project, ".editorconfig") + "\n[*.md]\nmax_line_length = 120\n");
        Commit(project);

        var (code, output, error) = Mlpipeline.Run("update", project, option, value);

        Assert.True(code == ExitCodes.Success, output + error);
        var fresh = temp.Combine("fresh", "Churn");
        Assert.Equal(0, Mlpipeline.Run("new", fresh, "--owner", "Risk Team", option, value, "--no-git").Code);
        var expected = Files(fresh);
        expected["README.md"] = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(expected["README.md"]) + section);
        expected[".editorconfig"] = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(expected[".editorconfig"]) + "\n[*.md]\nmax_line_length = 120\n");
        AssertSame(expected, Files(project));
        Assert.Matches(@"merged +README\.md\n", output);
    }

    /// <summary>Also when the user names the version the project already has: update goes forward or stays, never refuses that.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void An_unchanged_project_with_unchanged_answers_is_left_alone(bool toItsOwnVersion)
    {
        using var temp = new TempDirectory();
        var project = temp.Combine("Churn");
        Assert.Equal(0, Mlpipeline.Run("new", project).Code);
        var before = Files(project);

        var (code, output, error) = toItsOwnVersion
            ? Mlpipeline.Run("update", project, "--to", Releases.Previous.ToString())
            : Mlpipeline.Run("update", project);

        Assert.True(code == ExitCodes.Success, output + error);
        AssertSame(before, Files(project));
        Assert.Contains("nothing to change", output, StringComparison.Ordinal);
        Assert.Equal("", Git(project, "status", "--porcelain"));
    }

    [Fact]
    public void Dry_run_prints_the_plan_and_a_unified_diff_writes_nothing_and_exits_as_the_update_would()
    {
        using var temp = new TempDirectory();
        var project = NewPrevious(temp);
        Write(project, Clean, Read(project, Clean).Replace(Releases.ChangedLine, "STRAY_VALUES = 0.4", StringComparison.Ordinal));
        Commit(project);
        var before = Files(project);

        var (code, output, error) = Releases.RunNext("update", project, "--dry-run");

        Assert.True(code == ExitCodes.Conflicts, output + error);
        AssertSame(before, Files(project));
        Assert.Contains("(dry run: nothing written)", output, StringComparison.Ordinal);
        Assert.Contains($"--- a/{Clean}\n+++ b/{Clean}\n", output, StringComparison.Ordinal);
        Assert.Contains($"\n+<<<<<<< ours\n STRAY_VALUES = 0.4\n+=======\n+STRAY_VALUES = 0.25\n+>>>>>>> template {Releases.Next}\n", output, StringComparison.Ordinal);
        Assert.Contains($"--- /dev/null\n+++ b/{Releases.AddedFile}\n", output, StringComparison.Ordinal);
        Assert.Contains($"--- a/{Releases.RemovedFile}\n+++ /dev/null\n", output, StringComparison.Ordinal);
        Assert.Contains("Would change", output, StringComparison.Ordinal);
    }

    private static string NewPrevious(TempDirectory temp)
    {
        var project = temp.Combine("Churn");
        var (code, output, error) = Releases.RunPrevious("new", project);
        Assert.True(code == 0, output + error);
        return project;
    }

    /// <summary>What the next release's `new` makes with the same answers.</summary>
    private static SortedDictionary<string, byte[]> Fresh(TempDirectory temp)
    {
        var fresh = temp.Combine("fresh", "Churn");
        var (code, output, error) = Releases.RunNext("new", fresh, "--no-git");
        Assert.True(code == 0, output + error);
        return Files(fresh);
    }
}
