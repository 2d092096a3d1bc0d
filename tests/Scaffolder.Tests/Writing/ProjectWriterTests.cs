using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
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
        Assert.Contains("is not empty. Choose an empty or new folder, or pass --force", error.Message, StringComparison.Ordinal);
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
        Assert.Contains("is a file, not a folder; choose another target", error.Message, StringComparison.Ordinal);
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
    public void A_git_hook_that_refuses_the_commit_silently_is_named_as_the_likely_reason_and_nothing_is_left()
    {
        using var temp = new TempDirectory();
        // The repository git init makes gets this pre-commit hook, as it would from a git template folder (init.templateDir).
        var tree = new GeneratedTree([.. Tree.Files, new GeneratedFile(".git/hooks/pre-commit", Encoding.UTF8.GetBytes("#!/bin/sh\nexit 1\n"), true)]);

        var error = Assert.Throws<ScaffoldException>(() => ProjectWriter.Write(tree, temp.Combine("Churn"), new WriteOptions { CommitMessage = "Initial commit" }));

        Assert.Equal(ExitCodes.CannotCreate, error.ExitCode);
        Assert.Equal(
            "`git commit --quiet --message Initial commit` failed: it exited with code 1 and printed nothing (a git hook from your git configuration, "
            + "such as core.hooksPath or init.templateDir, may have refused it); pass --no-git to skip the repository.",
            error.Message);
        var diagnostic = Assert.Single(error.Diagnostics);
        Assert.Equal("SCAF304", diagnostic.Code);
        Assert.StartsWith("`git commit --quiet --message Initial commit` failed: it exited with code 1 and printed nothing", diagnostic.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp.Path));
    }

    /// <summary>What a refusing hook prints is the reason the user reads.</summary>
    [Fact]
    public void A_git_hook_that_says_why_it_refuses_the_commit_is_quoted_and_nothing_is_left()
    {
        using var temp = new TempDirectory();
        var hook = "#!/bin/sh\necho 'commit refused: every commit needs a ticket number' >&2\nexit 1\n";
        var tree = new GeneratedTree([.. Tree.Files, new GeneratedFile(".git/hooks/pre-commit", Encoding.UTF8.GetBytes(hook), true)]);

        var error = Assert.Throws<ScaffoldException>(() => ProjectWriter.Write(tree, temp.Combine("Churn"), new WriteOptions { CommitMessage = "Initial commit" }));

        Assert.Equal(ExitCodes.CannotCreate, error.ExitCode);
        Assert.Equal(
            "`git commit --quiet --message Initial commit` failed: commit refused: every commit needs a ticket number; pass --no-git to skip the repository.",
            error.Message);
        Assert.Equal("`git commit --quiet --message Initial commit` failed: commit refused: every commit needs a ticket number", Assert.Single(error.Diagnostics).Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp.Path));
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

    [Fact]
    public void Force_with_git_makes_no_repository_in_a_folder_that_had_files_and_says_so()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.Combine("notes.txt"), "the user's own file");

        var result = ProjectWriter.Write(Tree, temp.Path, new WriteOptions { Force = true });

        Assert.False(result.GitInitialized);
        Assert.False(Directory.Exists(temp.Combine(".git")));
        Assert.Equal(["git: the folder had files already, so no repository was made; commit the changes yourself."], result.Notes);
    }

    [Fact]
    public void A_folder_where_the_template_writes_a_file_is_refused_before_anything_is_written()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.Combine("Churn", "README.md"));
        var project = temp.Combine("Churn");

        var written = Assert.Throws<ScaffoldException>(() => ProjectWriter.Write(Tree, project, new WriteOptions { Force = true, Git = false }));
        var updated = Assert.Throws<ScaffoldException>(() => ProjectWriter.Apply(Tree.Files, [], project, new WriteOptions { Git = false }));

        Assert.Contains("'README.md' is a folder in the target; the template writes a file there. Move it away first.", written.Message, StringComparison.Ordinal);
        Assert.Contains("'README.md' is a folder in the project; the template writes a file there. Move it away first.", updated.Message, StringComparison.Ordinal);
        Assert.Equal(["README.md"], Directory.EnumerateFileSystemEntries(project).Select(Path.GetFileName));
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp.Combine("Churn", "README.md")));
        Assert.Equal(["Churn"], Directory.EnumerateFileSystemEntries(temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void The_root_of_the_file_system_is_refused_as_a_target()
    {
        var written = Assert.Throws<ScaffoldException>(() => ProjectWriter.Write(Tree, "/", new WriteOptions { Force = true, Git = false }));
        var updated = Assert.Throws<ScaffoldException>(() => ProjectWriter.Apply(Tree.Files, [], "/", new WriteOptions { Git = false }));

        Assert.Contains("The target cannot be the root of the file system.", written.Message, StringComparison.Ordinal);
        Assert.Contains("The project cannot be the root of the file system.", updated.Message, StringComparison.Ordinal);
        Assert.False(File.Exists("/README.md"));
    }

    [Fact]
    public void Cancelled_before_the_project_is_in_place_nothing_is_left()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.Combine("README.md"), "old readme");
        using var first = new CancellationTokenSource();
        using var second = new CancellationTokenSource();
        // Cancelled while the last file is written: the files are all staged, and the project is not yet in place.
        static WriteOptions CancelledAtTheEnd(CancellationTokenSource cancel) =>
            new() { Git = false, Cancellation = cancel.Token, BeforeWrite = path => { if (path == "scripts/run.sh") { cancel.Cancel(); } } };

        Assert.ThrowsAny<OperationCanceledException>(() => ProjectWriter.Write(Tree, temp.Combine("new", "Churn"), CancelledAtTheEnd(first)));
        Assert.ThrowsAny<OperationCanceledException>(() => ProjectWriter.Apply(Tree.Files, [], temp.Path, CancelledAtTheEnd(second)));

        Assert.Equal(["README.md"], Directory.EnumerateFileSystemEntries(temp.Path).Select(Path.GetFileName));
        Assert.Equal("old readme", File.ReadAllText(temp.Combine("README.md")));
        Assert.DoesNotContain(Directory.EnumerateDirectories(Path.GetDirectoryName(temp.Path)!), d => Path.GetFileName(d).StartsWith("." + Path.GetFileName(temp.Path), StringComparison.Ordinal));
    }

    /// <summary>
    /// Ctrl+C while a slow git hook runs (a pre-commit hook of ten minutes) stops the hook and its children at once,
    /// reports the interruption rather than a failed commit, and leaves nothing.
    /// </summary>
    [Fact]
    public async Task Cancelled_while_a_git_hook_runs_the_hook_is_stopped_and_nothing_is_left()
    {
        using var temp = new TempDirectory();
        var started = temp.Combine("hook-started");
        var hook = $"#!/bin/sh\necho $$ > '{started}.tmp' && mv '{started}.tmp' '{started}'\nexec sleep 600\n";
        var tree = new GeneratedTree([.. Tree.Files, new GeneratedFile(".git/hooks/pre-commit", Encoding.UTF8.GetBytes(hook), true)]);
        using var cancel = new CancellationTokenSource();
        var watcher = Task.Run(async () =>
        {
            while (!File.Exists(started))
            {
                await Task.Delay(20);
            }

            await cancel.CancelAsync();
        });
        var clock = System.Diagnostics.Stopwatch.StartNew();

        Assert.ThrowsAny<OperationCanceledException>(() => ProjectWriter.Write(tree, temp.Combine("Churn"), new WriteOptions { Cancellation = cancel.Token }));

        Assert.True(clock.Elapsed < TimeSpan.FromMinutes(3), $"the write waited {clock.Elapsed} for the hook instead of stopping it");
        await watcher;
        var sleeper = int.Parse(File.ReadAllText(started), CultureInfo.InvariantCulture);
        Assert.True(!File.Exists($"/proc/{sleeper}/stat") || File.ReadAllText($"/proc/{sleeper}/stat").Split(' ')[2] == "Z", "the hook's process still runs");
        Assert.Equal(["hook-started"], Directory.EnumerateFileSystemEntries(temp.Path).Select(Path.GetFileName));
    }

    /// <summary>A staging folder a killed run left that cannot be removed now stays, hidden, and the project is written all the same.</summary>
    [Fact]
    public void A_staging_folder_a_killed_run_left_that_cannot_be_removed_stays_and_the_project_is_written()
    {
        using var temp = new TempDirectory();
        var (_, left, _) = StagingNames();
        var kept = temp.Combine(left, "src", "file.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(kept)!);
        File.WriteAllText(kept, "staged");
        // Root removes read-only folders, so for root the file is made immutable instead.
        var root = Environment.UserName == "root";
        var locked = root
            ? ProcessRunner.Run("chattr", ["+i", kept])
            : ProcessRunner.Run("chmod", ["a-w", Path.GetDirectoryName(kept)!]);
        Assert.True(locked.ExitCode == 0, locked.All);
        try
        {
            var result = ProjectWriter.Write(Tree, temp.Combine("Churn"), new WriteOptions { Git = false });

            Assert.Empty(result.Notes);
            Assert.True(File.Exists(temp.Combine("Churn", "README.md")));
            Assert.Equal("staged", File.ReadAllText(kept));
        }
        finally
        {
            _ = root ? ProcessRunner.Run("chattr", ["-i", kept]) : ProcessRunner.Run("chmod", ["u+w", Path.GetDirectoryName(kept)!]);
        }
    }

    [Fact]
    public void An_update_never_writes_through_a_link_made_after_it_was_planned()
    {
        using var temp = new TempDirectory();
        var project = temp.Combine("Churn");
        var outside = temp.Combine("outside");
        Directory.CreateDirectory(project);
        Directory.CreateDirectory(outside);
        Directory.CreateSymbolicLink(Path.Combine(project, "scripts"), outside);

        var error = Assert.Throws<ScaffoldException>(() => ProjectWriter.Apply(Tree.Files, [], project, new WriteOptions { Git = false }));

        Assert.Equal("SCAF305", Assert.Single(error.Diagnostics).Code);
        Assert.Contains("'scripts' in the target is a symbolic link", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(outside));
        Assert.Equal(["scripts"], Directory.EnumerateFileSystemEntries(project).Select(Path.GetFileName));
    }

    [Fact]
    public void An_update_that_fails_while_deleting_puts_every_file_back()
    {
        using var temp = new TempDirectory();
        var project = temp.Combine("Churn");
        Directory.CreateDirectory(Path.Combine(project, "old", "deeper"));
        File.WriteAllText(Path.Combine(project, "old", "deeper", "a.txt"), "a");
        File.WriteAllText(Path.Combine(project, "old", "b.txt"), "b");
        File.WriteAllText(Path.Combine(project, "README.md"), "old readme");

        var error = Assert.Throws<ScaffoldException>(() => ProjectWriter.Apply(Tree.Files, ["old/deeper/a.txt", "old/b.txt"], project, new WriteOptions
        {
            BeforeMove = path => { if (path == "old/b.txt") { throw new IOException("simulated failure"); } },
        }));

        Assert.Equal("SCAF303", Assert.Single(error.Diagnostics).Code);
        Assert.Equal("a", File.ReadAllText(Path.Combine(project, "old", "deeper", "a.txt")));
        Assert.Equal("b", File.ReadAllText(Path.Combine(project, "old", "b.txt")));
        Assert.Equal("old readme", File.ReadAllText(Path.Combine(project, "README.md")));
        Assert.Equal(["README.md", "old"], Directory.EnumerateFileSystemEntries(project).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        ProjectWriter.Apply(Tree.Files, ["old/deeper/a.txt", "old/b.txt"], project, new WriteOptions());

        Assert.Equal(["README.md", "deep", "scripts"], Directory.EnumerateFileSystemEntries(project).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_update_never_deletes_through_a_link()
    {
        using var temp = new TempDirectory();
        var project = temp.Combine("Churn");
        var outside = temp.Combine("outside");
        Directory.CreateDirectory(project);
        Directory.CreateDirectory(outside);
        File.WriteAllText(Path.Combine(outside, "run.sh"), "someone else's script");
        Directory.CreateSymbolicLink(Path.Combine(project, "scripts"), outside);

        var error = Assert.Throws<ScaffoldException>(() => ProjectWriter.Apply([], ["scripts/run.sh"], project, new WriteOptions { Git = false }));

        Assert.Equal("SCAF305", Assert.Single(error.Diagnostics).Code);
        Assert.Contains("'scripts' in the target is a symbolic link", error.Message, StringComparison.Ordinal);
        Assert.Equal("someone else's script", File.ReadAllText(Path.Combine(outside, "run.sh")));
    }

    [Fact]
    public void An_update_removes_a_staging_folder_a_killed_run_left_and_one_whose_process_id_another_process_has_now()
    {
        using var temp = new TempDirectory();
        var project = temp.Combine("Churn");
        Directory.CreateDirectory(project);
        File.WriteAllText(Path.Combine(project, "README.md"), "old readme");
        using var ended = System.Diagnostics.Process.Start("true")!;
        ended.WaitForExit();
        var owned = StagingFolder.NameFor("Churn");
        var parts = Regex.Match(owned, @"^(?<before>\.Churn\.mlpipeline-)(?<host>[0-9a-f]{8})-(?<pid>[0-9]+)-(?<start>-?[0-9]+)-(?<id>[0-9a-f]{32})$");
        var left = $"{parts.Groups["before"].Value}{parts.Groups["host"].Value}-{ended.Id.ToString(CultureInfo.InvariantCulture)}-{parts.Groups["start"].Value}-{parts.Groups["id"].Value}";
        // This process's id with a start time long gone: the run that left it had the id before this process did.
        var reused = $"{parts.Groups["before"].Value}{parts.Groups["host"].Value}-{parts.Groups["pid"].Value}-1000000000-{parts.Groups["id"].Value}";
        foreach (var name in new[] { owned, left, reused })
        {
            Directory.CreateDirectory(temp.Combine(name, "src"));
        }

        ProjectWriter.Apply(Tree.Files, [], project, new WriteOptions { Git = false });

        Assert.Equal(new[] { owned, "Churn" }.Order(StringComparer.Ordinal),
            Directory.EnumerateFileSystemEntries(temp.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal("# new\n", File.ReadAllText(Path.Combine(project, "README.md")));
    }

    [Fact]
    public void A_staging_folder_a_killed_run_left_is_removed_and_one_still_owned_or_from_another_machine_is_kept()
    {
        using var temp = new TempDirectory();
        var (owned, left, foreign) = StagingNames();
        foreach (var name in new[] { owned, left, foreign, ".Other.mlpipeline-not-a-staging-folder" })
        {
            Directory.CreateDirectory(temp.Combine(name, "src"));
            File.WriteAllText(temp.Combine(name, "src", "file.txt"), "staged");
        }

        var result = ProjectWriter.Write(Tree, temp.Combine("Churn"), new WriteOptions { Git = false });

        Assert.Equal([$"Removed {left}, a staging folder an interrupted run of mlpipeline left behind."], result.Notes);
        Assert.Equal(new[] { owned, foreign, ".Other.mlpipeline-not-a-staging-folder", "Churn" }.Order(StringComparer.Ordinal),
            Directory.EnumerateFileSystemEntries(temp.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// Staging folder names for Churn: one this process owns, the one a process that has ended would have left, and one
    /// of another machine (same process id, another host).
    /// </summary>
    private static (string Owned, string Left, string Foreign) StagingNames()
    {
        using var ended = System.Diagnostics.Process.Start("true")!;
        ended.WaitForExit();
        var owned = StagingFolder.NameFor("Churn");
        var parts = Regex.Match(owned, @"^(?<before>\.Churn\.mlpipeline-)(?<host>[0-9a-f]{8})-(?<pid>[0-9]+)-(?<rest>.*)$");
        var pid = ended.Id.ToString(CultureInfo.InvariantCulture);
        var other = parts.Groups["host"].Value == "00000000" ? "11111111" : "00000000";
        return (owned,
            $"{parts.Groups["before"].Value}{parts.Groups["host"].Value}-{pid}-{parts.Groups["rest"].Value}",
            $"{parts.Groups["before"].Value}{other}-{pid}-{parts.Groups["rest"].Value}");
    }
}
