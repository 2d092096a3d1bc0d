using System.Text;
using MlPipeline.Scaffolder.Diagnostics;
using MlPipeline.Scaffolder.Rendering;
using MlPipeline.Scaffolder.Tests.Infrastructure;
using MlPipeline.Scaffolder.Writing;
using MlPipeline.Tests.Shared;
using static MlPipeline.Scaffolder.Tests.Updating.ProjectFolder;

namespace MlPipeline.Scaffolder.Tests.Updating;

/// <summary>What update refuses (exit 73, saying why, nothing written) and how it fails (all files or none).</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class UpdateRefusalTests
{
    public static TheoryData<string> Links => new() { "steps/clean.py", "steps", "infra" };

    /// <summary>A file, a folder of files, or a folder the update deletes from, replaced by a link to the outside.</summary>
    [Theory]
    [MemberData(nameof(Links))]
    public void A_symbolic_link_where_the_update_reads_or_writes_is_refused_and_nothing_changes(string linked)
    {
        using var temp = new TempDirectory();
        var project = temp.Combine("Churn");
        Assert.Equal(0, Mlpipeline.Run("new", project).Code);
        var outside = temp.Combine("outside");
        var path = Path.Combine(project, linked);
        if (Directory.Exists(path))
        {
            Directory.Move(path, outside);
            Directory.CreateSymbolicLink(path, outside);
        }
        else
        {
            File.Move(path, outside);
            File.CreateSymbolicLink(path, outside);
        }

        Commit(project);
        var before = Files(project);
        var outsideBefore = Directory.Exists(outside) ? Files(outside) : new() { [""] = File.ReadAllBytes(outside) };

        var (code, output, error) = Mlpipeline.Run("update", project, "--iac", "cloudformation", "--framework", "xgboost");

        Assert.True(code == ExitCodes.CannotCreate, output + error);
        Assert.Contains("SCAF305", error, StringComparison.Ordinal);
        Assert.Contains($"'{linked}' in the target is a symbolic link", error, StringComparison.Ordinal);
        AssertSame(before, Files(project));
        AssertSame(outsideBefore, Directory.Exists(outside) ? Files(outside) : new() { [""] = File.ReadAllBytes(outside) });
    }

    [Fact]
    public void Uncommitted_changes_are_refused_unless_allow_dirty()
    {
        using var temp = new TempDirectory();
        var project = temp.Combine("Churn");
        Assert.Equal(0, Mlpipeline.Run("new", project).Code);
        Write(project, "README.md", Read(project, "README.md") + "\nwork in progress\n");
        Write(project, "notes.txt", "untracked\n");
        var before = Files(project);

        var (code, output, error) = Mlpipeline.Run("update", project, "--ci", "gitlab");

        Assert.True(code == ExitCodes.CannotCreate, output + error);
        Assert.Contains("SCAF307", error, StringComparison.Ordinal);
        Assert.Contains("uncommitted changes (M README.md, ?? notes.txt)", error, StringComparison.Ordinal);
        Assert.Contains("--allow-dirty", error, StringComparison.Ordinal);
        AssertSame(before, Files(project));

        (code, output, error) = Mlpipeline.Run("update", project, "--ci", "gitlab", "--allow-dirty");

        Assert.True(code == ExitCodes.Success, output + error);
        Assert.EndsWith("\nwork in progress\n", Read(project, "README.md"), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(project, ".gitlab-ci.yml")));
        Assert.False(Directory.Exists(Path.Combine(project, ".github")));
    }

    [Fact]
    public void A_project_outside_git_is_refused_unless_allow_dirty()
    {
        using var temp = new TempDirectory();
        var project = temp.Combine("Churn");
        Assert.Equal(0, Mlpipeline.Run("new", project, "--no-git").Code);

        var (code, _, error) = Mlpipeline.Run("update", project);

        Assert.Equal(ExitCodes.CannotCreate, code);
        Assert.Contains("SCAF307", error, StringComparison.Ordinal);
        Assert.Contains("is not in a git repository", error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, Mlpipeline.Run("update", project, "--allow-dirty").Code);
    }

    public static TheoryData<string, string?, string> NotProjects => new()
    {
        { "an empty folder", null, "has no mlpipeline.yaml, so it is not a generated project" },
        { "a spec of another template", "template: webapp\ntemplate_version: 0.1.0\noptions:\n  name: Churn\n", "records template 'webapp', not 'mlpipeline'" },
        { "a broken record", "template: [mlpipeline\n", "cannot be read as a project record" },
        { "a record without a version", "template: mlpipeline\noptions:\n  name: Churn\n", "which is not major.minor.patch" },
    };

    [Theory]
    [MemberData(nameof(NotProjects))]
    public void A_folder_that_is_not_a_generated_project_is_refused(string _, string? record, string message)
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.Combine("keep.txt"), "mine");
        if (record is not null)
        {
            File.WriteAllText(temp.Combine("mlpipeline.yaml"), record);
        }

        var before = Files(temp.Path);

        var (code, output, error) = Mlpipeline.Run("update", temp.Path, "--allow-dirty");

        Assert.True(code == ExitCodes.CannotCreate, output + error);
        Assert.Contains("SCAF306", error, StringComparison.Ordinal);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        AssertSame(before, Files(temp.Path));
    }

    [Fact]
    public void A_project_from_a_newer_template_is_refused()
    {
        using var temp = new TempDirectory();
        var project = temp.Combine("Churn");
        Assert.Equal(0, Mlpipeline.Run("new", project).Code);
        Write(project, "mlpipeline.yaml", Read(project, "mlpipeline.yaml").Replace($"template_version: {Releases.Previous}", "template_version: 99.0.0", StringComparison.Ordinal));
        Commit(project);
        var before = Files(project);

        var (code, output, error) = Mlpipeline.Run("update", project);

        Assert.True(code == ExitCodes.CannotCreate, output + error);
        Assert.Contains($"SCAF308: The project was made with template 99.0.0, newer than this tool's {Releases.Previous}; update the tool first", error, StringComparison.Ordinal);
        AssertSame(before, Files(project));
    }

    [Theory]
    [InlineData("0.0.1", ExitCodes.CannotCreate, "is older than the project's template")]
    [InlineData("99.0.0", ExitCodes.CannotCreate, "is newer than this tool's template")]
    [InlineData("latest", ExitCodes.Usage, "is not a version; give major.minor.patch")]
    public void A_target_version_the_tool_cannot_reach_is_refused(string to, int exitCode, string message)
    {
        using var temp = new TempDirectory();
        var project = temp.Combine("Churn");
        Assert.Equal(0, Mlpipeline.Run("new", project).Code);

        var (code, output, error) = Mlpipeline.Run("update", project, "--to", to);

        Assert.True(code == exitCode, output + error);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_release_the_tool_does_not_carry_is_refused_naming_the_ones_it_does()
    {
        using var temp = new TempDirectory();
        var project = temp.Combine("Churn");
        Assert.Equal(0, Mlpipeline.Run("new", project).Code);

        // A tool of the next release that carries no earlier release cannot rebuild the project's base.
        var (code, _, error) = Releases.Run(Releases.NextCatalog, null, "update", project);

        Assert.Equal(ExitCodes.CannotCreate, code);
        Assert.Contains($"does not carry template {Releases.Previous}, which made the project", error, StringComparison.Ordinal);
        Assert.Contains($"it carries {Releases.Next}", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_new_answers_exit_65_and_write_nothing()
    {
        using var temp = new TempDirectory();
        var project = temp.Combine("Churn");
        Assert.Equal(0, Mlpipeline.Run("new", project).Code);
        var before = Files(project);

        var (code, _, error) = Mlpipeline.Run("update", project, "--iac", "pulumi");

        Assert.Equal(ExitCodes.InvalidData, code);
        Assert.Contains("SCAF007", error, StringComparison.Ordinal);
        AssertSame(before, Files(project));
    }

    /// <summary>A failure while the files are moved in puts back every replaced and deleted file.</summary>
    [Fact]
    public void A_failure_mid_apply_leaves_the_project_as_it_was()
    {
        using var temp = new TempDirectory();
        Write(temp.Path, "a.txt", "old a\n");
        Write(temp.Path, "gone/b.txt", "old b\n");
        Write(temp.Path, "c.txt", "old c\n");
        var before = Files(temp.Path);
        GeneratedFile[] writes =
        [
            new("a.txt", Encoding.UTF8.GetBytes("new a\n"), false),
            new("new/d.txt", Encoding.UTF8.GetBytes("d\n"), false),
            new("c.txt", Encoding.UTF8.GetBytes("new c\n"), false),
        ];

        var failure = Assert.Throws<ScaffoldException>(() => ProjectWriter.Apply(writes, ["gone/b.txt"], temp.Path, new WriteOptions
        {
            BeforeMove = path => { if (path == "c.txt") { throw new IOException("disk full (simulated)"); } },
        }));

        Assert.Equal(ExitCodes.CannotCreate, failure.ExitCode);
        AssertSame(before, Files(temp.Path));
        Assert.False(Directory.Exists(temp.Combine("new")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.GetDirectoryName(temp.Path)!, $".{Path.GetFileName(temp.Path)}.mlpipeline-*"));

        ProjectWriter.Apply(writes, ["gone/b.txt"], temp.Path, new WriteOptions());

        Assert.Equal(["a.txt", "c.txt", "new/d.txt"], Files(temp.Path).Keys);
        Assert.False(Directory.Exists(temp.Combine("gone")));
    }
}
