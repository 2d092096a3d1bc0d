using System.Text;
using MlPipeline.Scaffolder.Diagnostics;
using MlPipeline.Scaffolder.Rendering;
using MlPipeline.Tests.Shared;
using MlPipeline.Scaffolder.Writing;

namespace MlPipeline.Scaffolder.Tests.Writing;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class ProjectWriterTests
{
    private static readonly GeneratedTree Tree = new(
    [
        new GeneratedFile("README.md", Encoding.UTF8.GetBytes("# new\n"), false),
        new GeneratedFile("scripts/run.sh", Encoding.UTF8.GetBytes("#!/bin/sh\necho run\n"), true),
        new GeneratedFile("deep/er/file.txt", Encoding.UTF8.GetBytes("x"), false),
    ]);

    [Fact]
    public void A_failure_mid_write_leaves_no_folder_behind()
    {
        using var temp = new TempDirectory();
        var target = temp.Combine("new", "Churn");

        var error = Assert.Throws<ScaffoldException>(() => ProjectWriter.Write(Tree, target, new WriteOptions
        {
            Git = false,
            BeforeWrite = path => { if (path == "scripts/run.sh") { throw new IOException("disk full (simulated)"); } },
        }));

        Assert.Equal(ExitCodes.CannotCreate, error.ExitCode);
        Assert.Contains("disk full", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp.Path));
    }

    [Fact]
    public void Refuses_a_folder_that_has_files_without_force_and_touches_nothing()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.Combine("README.md"), "mine");

        var error = Assert.Throws<ScaffoldException>(() => ProjectWriter.Write(Tree, temp.Path, new WriteOptions { Git = false }));

        Assert.Equal("SCAF302", Assert.Single(error.Diagnostics).Code);
        Assert.Equal("mine", File.ReadAllText(temp.Combine("README.md")));
        Assert.Single(Directory.EnumerateFileSystemEntries(temp.Path));
    }

    [Fact]
    public void Refuses_a_target_that_is_a_file()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.Combine("Churn"), "a file");

        var error = Assert.Throws<ScaffoldException>(() => ProjectWriter.Write(Tree, temp.Combine("Churn"), new WriteOptions { Git = false }));

        Assert.Equal("SCAF301", Assert.Single(error.Diagnostics).Code);
        Assert.Equal("a file", File.ReadAllText(temp.Combine("Churn")));
    }

    [Fact]
    public void Force_overwrites_only_generated_files_and_deletes_nothing()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.Combine("README.md"), "old readme");
        File.WriteAllText(temp.Combine("notes.txt"), "the user's own file");

        var result = ProjectWriter.Write(Tree, temp.Path, new WriteOptions { Force = true, Git = false });

        Assert.Equal((2, 1), (result.Created, result.Overwritten));
        Assert.Equal("# new\n", File.ReadAllText(temp.Combine("README.md")));
        Assert.Equal("the user's own file", File.ReadAllText(temp.Combine("notes.txt")));
        Assert.Equal(["README.md", "deep", "notes.txt", "scripts"], Directory.EnumerateFileSystemEntries(temp.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Force_puts_every_replaced_file_back_when_the_write_fails()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.Combine("README.md"), "old readme");
        File.WriteAllText(temp.Combine("notes.txt"), "the user's own file");
        Directory.CreateDirectory(temp.Combine("scripts"));
        File.WriteAllText(temp.Combine("scripts", "run.sh"), "old script");

        // Files move in path order: README.md is replaced and deep/er/file.txt created before scripts/run.sh fails.
        var error = Assert.Throws<ScaffoldException>(() => ProjectWriter.Write(Tree, temp.Path, new WriteOptions
        {
            Force = true,
            Git = false,
            BeforeMove = path => { if (path == "scripts/run.sh") { throw new IOException("simulated failure"); } },
        }));

        Assert.Equal(ExitCodes.CannotCreate, error.ExitCode);
        Assert.Equal("old readme", File.ReadAllText(temp.Combine("README.md")));
        Assert.Equal("old script", File.ReadAllText(temp.Combine("scripts", "run.sh")));
        Assert.Equal("the user's own file", File.ReadAllText(temp.Combine("notes.txt")));
        Assert.False(Directory.Exists(temp.Combine("deep")));
        Assert.DoesNotContain(Directory.EnumerateDirectories(Path.GetDirectoryName(temp.Path)!), d => Path.GetFileName(d).StartsWith("." + Path.GetFileName(temp.Path), StringComparison.Ordinal));
    }

    [Fact]
    public void Scripts_get_their_run_bit()
    {
        using var temp = new TempDirectory();
        var target = temp.Combine("Churn");

        ProjectWriter.Write(Tree, target, new WriteOptions { Git = false });

        Assert.True(File.GetUnixFileMode(Path.Combine(target, "scripts", "run.sh")).HasFlag(UnixFileMode.UserExecute));
        Assert.False(File.GetUnixFileMode(Path.Combine(target, "README.md")).HasFlag(UnixFileMode.UserExecute));
    }

    [Fact]
    public void Makes_a_repository_with_one_commit_and_a_clean_working_tree()
    {
        using var temp = new TempDirectory();
        var target = temp.Combine("Churn");

        var result = ProjectWriter.Write(Tree, target, new WriteOptions { CommitMessage = "Initial commit" });

        Assert.True(result.GitInitialized);
        Assert.Equal("Initial commit", ProcessRunner.Run("git", ["log", "--format=%s"], target).Output.Trim());
        Assert.Equal("", ProcessRunner.Run("git", ["status", "--porcelain"], target).Output);
        Assert.Equal("100755", ProcessRunner.Run("git", ["ls-files", "-s", "scripts/run.sh"], target).Output[..6]);
    }

    [Fact]
    public void Does_not_nest_a_repository_inside_another()
    {
        using var temp = new TempDirectory();
        ProcessRunner.Run("git", ["init", "--quiet"], temp.Path);

        var result = ProjectWriter.Write(Tree, temp.Combine("Churn"), new WriteOptions());

        Assert.False(result.GitInitialized);
        Assert.False(Directory.Exists(temp.Combine("Churn", ".git")));
        Assert.Contains("inside a git repository", Assert.Single(result.Notes), StringComparison.Ordinal);
    }

    [Fact]
    public void Does_not_nest_a_repository_inside_a_linked_worktree_whose_git_is_a_file()
    {
        using var temp = new TempDirectory();
        var main = temp.Combine("main");
        Directory.CreateDirectory(main);
        ProcessRunner.Run("git", ["init", "--quiet"], main);
        ProcessRunner.Run("git", ["-c", "user.name=T", "-c", "user.email=t@localhost", "-c", "commit.gpgsign=false", "commit", "--quiet", "--allow-empty", "-m", "x"], main);
        Assert.Equal(0, ProcessRunner.Run("git", ["worktree", "add", "--quiet", temp.Combine("linked")], main).ExitCode);
        Assert.True(File.Exists(temp.Combine("linked", ".git")));

        var result = ProjectWriter.Write(Tree, temp.Combine("linked", "Churn"), new WriteOptions());

        Assert.False(result.GitInitialized);
        Assert.False(Directory.Exists(temp.Combine("linked", "Churn", ".git")));
    }

    [Fact]
    public void Makes_a_repository_under_a_dot_git_that_git_does_not_take_for_one()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.Combine(".git"));

        var result = ProjectWriter.Write(Tree, temp.Combine("Churn"), new WriteOptions { CommitMessage = "Initial commit" });

        Assert.True(result.GitInitialized);
        Assert.Equal("Initial commit", ProcessRunner.Run("git", ["log", "--format=%s"], temp.Combine("Churn")).Output.Trim());
    }
}
