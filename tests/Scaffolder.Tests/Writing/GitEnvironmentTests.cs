using System.Text;
using MlPipeline.Scaffolder.Diagnostics;
using MlPipeline.Scaffolder.Rendering;
using MlPipeline.Scaffolder.Tests.Infrastructure;
using MlPipeline.Scaffolder.Writing;
using MlPipeline.Tests.Shared;
using static MlPipeline.Scaffolder.Tests.Updating.ProjectFolder;

namespace MlPipeline.Scaffolder.Tests.Writing;

/// <summary>
/// The tests that change this process's environment (git's variables, HOME's git configuration, PATH): they run alone,
/// after every other test, since each git another test starts meanwhile would see the same environment.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironment
{
    public const string Name = "Process environment";
}

/// <summary>How the generator's git behaves in the environment a user's shell, hook or CI job gives it.</summary>
[Collection(ProcessEnvironment.Name)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class GitEnvironmentTests
{
    private static readonly GeneratedTree Tree = new(
    [
        new GeneratedFile("README.md", Encoding.UTF8.GetBytes("# new\n"), false),
        new GeneratedFile("steps/clean.py", Encoding.UTF8.GetBytes("print('clean')\n"), false),
    ]);

    /// <summary>Variables a git hook or a script sets that point git at their repository, its index or its objects.</summary>
    public static TheoryData<string> RepositoryPointers => new() { "GIT_DIR", "GIT_DIR and GIT_WORK_TREE", "GIT_DIR of a repository that does not exist", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY" };

    [Theory]
    [MemberData(nameof(RepositoryPointers))]
    public void Run_from_a_git_hook_or_script_the_project_gets_its_own_repository_and_theirs_is_left_alone(string setting)
    {
        using var temp = new TempDirectory();
        var theirs = temp.Combine("theirs");
        Directory.CreateDirectory(theirs);
        File.WriteAllText(Path.Combine(theirs, "mine.txt"), "their work\n");
        Git(theirs, "init", "--quiet");
        Git(theirs, "add", "mine.txt");
        Git(theirs, "commit", "--quiet", "--message", "their commit");
        var theirsBefore = Files(theirs);
        var target = temp.Combine("work", "Churn");
        Directory.CreateDirectory(temp.Combine("work"));
        var missing = temp.Combine("missing");
        var variables = setting switch
        {
            "GIT_DIR" => new Dictionary<string, string?> { ["GIT_DIR"] = Path.Combine(theirs, ".git") },
            "GIT_DIR and GIT_WORK_TREE" => new() { ["GIT_DIR"] = Path.Combine(theirs, ".git"), ["GIT_WORK_TREE"] = theirs },
            "GIT_DIR of a repository that does not exist" => new() { ["GIT_DIR"] = missing },
            "GIT_INDEX_FILE" => new() { ["GIT_INDEX_FILE"] = Path.Combine(missing, "index") },
            _ => new() { ["GIT_OBJECT_DIRECTORY"] = Path.Combine(theirs, ".git", "objects") },
        };

        WriteResult result;
        using (new EnvironmentScope(variables))
        {
            result = ProjectWriter.Write(Tree, target, new WriteOptions { CommitMessage = "Initial commit" });
        }

        Assert.True(result.GitInitialized);
        Assert.Empty(result.Notes);
        Assert.True(Directory.Exists(Path.Combine(target, ".git")));
        Assert.Equal("Initial commit", Git(target, "log", "--format=%s").Trim());
        Assert.Equal(["README.md", "steps/clean.py"], Git(target, "ls-files").Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("", Git(target, "status", "--porcelain"));
        Assert.Equal("their commit", Git(theirs, "log", "--format=%s").Trim());
        Assert.Equal("", Git(theirs, "status", "--porcelain"));
        AssertSame(theirsBefore, Files(theirs));
        Assert.False(Path.Exists(missing));
    }

    /// <summary>git's own list of such variables, as the installed git gives it: each is cleared for the writer's git.</summary>
    [Fact]
    public void Every_variable_git_names_as_pointing_at_another_repository_is_cleared()
    {
        var listed = Git(Path.GetTempPath(), "rev-parse", "--local-env-vars").Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Contains("GIT_DIR", listed);
        Assert.Empty(listed.Except(Scaffolder.Writing.Git.RepositoryVariables));
    }

    /// <summary>With no identity configured the commit gets a neutral one; the part that is configured stays the user's.</summary>
    [Theory]
    [InlineData("", "mlpipeline <mlpipeline@localhost>")]
    [InlineData("\temail = dana@example.com\n", "mlpipeline <dana@example.com>")]
    [InlineData("\tname = Dana Roe\n", "Dana Roe <mlpipeline@localhost>")]
    [InlineData("\tname = Dana Roe\n\temail = dana@example.com\n", "Dana Roe <dana@example.com>")]
    public void A_commit_without_a_configured_identity_gets_a_neutral_one_and_keeps_what_is_configured(string configured, string author)
    {
        using var temp = new TempDirectory();
        var config = temp.Combine("gitconfig");
        // useConfigOnly: git guesses no identity from the host name, as on a machine whose name has no domain.
        File.WriteAllText(config, "[user]\n\tuseConfigOnly = true\n" + configured);
        var target = temp.Combine("Churn");

        var environment = new Dictionary<string, string?> { ["GIT_CONFIG_GLOBAL"] = config, ["GIT_CONFIG_NOSYSTEM"] = "1", ["EMAIL"] = null };
        foreach (var name in new[] { "GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL" })
        {
            environment[name] = null;
        }

        using (new EnvironmentScope(environment))
        {
            Assert.True(ProjectWriter.Write(Tree, target, new WriteOptions { CommitMessage = "Initial commit" }).GitInitialized);
        }

        Assert.Equal(author, Git(target, "log", "--format=%an <%ae>").Trim());
        Assert.Equal(author, Git(target, "log", "--format=%cn <%ce>").Trim());
        Assert.Equal("", Git(target, ["config", "--local", "--get-regexp", "^user\\."], allowFailure: true));
    }

    /// <summary>
    /// Without git on PATH, a new project with git on (the default) is refused, saying to install git or pass --no-git,
    /// and nothing is left; inside what looks like a repository too (git could not be asked whether it is one).
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Without_git_a_new_project_asks_for_git_or_no_git_and_leaves_nothing(bool dotGitAbove)
    {
        using var temp = new TempDirectory();
        if (dotGitAbove)
        {
            Directory.CreateDirectory(temp.Combine(".git"));
        }

        ScaffoldException error;
        using (new EnvironmentScope(new Dictionary<string, string?> { ["PATH"] = temp.Combine("no-programs-here") }))
        {
            error = Assert.Throws<ScaffoldException>(() => ProjectWriter.Write(Tree, temp.Combine("Churn"), new WriteOptions()));
        }

        Assert.Equal(ExitCodes.CannotCreate, error.ExitCode);
        Assert.StartsWith("git could not be started (", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("); install git or pass --no-git.", error.Message, StringComparison.Ordinal);
        var diagnostic = Assert.Single(error.Diagnostics);
        Assert.Equal("SCAF304", diagnostic.Code);
        Assert.Equal("git is not on PATH.", diagnostic.Message);
        Assert.Equal(dotGitAbove ? [".git"] : [], Directory.EnumerateFileSystemEntries(temp.Path).Select(Path.GetFileName));
    }

    /// <summary>Without git on PATH, update cannot see whether the project has uncommitted changes: it says so and changes nothing.</summary>
    [Fact]
    public void Without_git_an_update_asks_for_git_or_allow_dirty_and_changes_nothing()
    {
        using var temp = new TempDirectory();
        var project = temp.Combine("Churn");
        Assert.Equal(0, Mlpipeline.Run("new", project).Code);
        var before = Files(project);

        (int Code, string Output, string Error) run;
        using (new EnvironmentScope(new Dictionary<string, string?> { ["PATH"] = temp.Combine("no-programs-here") }))
        {
            run = Mlpipeline.Run("update", project, "--framework", "xgboost");
        }

        Assert.True(run.Code == ExitCodes.CannotCreate, run.Output + run.Error);
        Assert.Contains("SCAF307", run.Error, StringComparison.Ordinal);
        Assert.Contains("git could not be started (", run.Error, StringComparison.Ordinal);
        Assert.Contains("); install git or pass --allow-dirty to update without checking for uncommitted changes.", run.Error, StringComparison.Ordinal);
        AssertSame(before, Files(project));
    }

    private static string Git(string directory, params string[] arguments) => Git(directory, arguments, allowFailure: false);

    private static string Git(string directory, string[] arguments, bool allowFailure)
    {
        var identity = new[] { "-c", "user.name=T", "-c", "user.email=t@localhost", "-c", "commit.gpgsign=false" };
        var result = ProcessRunner.Run("git", [.. identity, .. arguments], directory);
        Assert.True(allowFailure || result.ExitCode == 0, result.All);
        return result.Output;
    }

    /// <summary>Sets (or, with null, removes) environment variables of this process until disposed, then puts them back.</summary>
    private sealed class EnvironmentScope : IDisposable
    {
        private readonly Dictionary<string, string?> saved = [];

        public EnvironmentScope(IReadOnlyDictionary<string, string?> variables)
        {
            foreach (var (name, value) in variables)
            {
                saved[name] = Environment.GetEnvironmentVariable(name);
                Environment.SetEnvironmentVariable(name, value);
            }
        }

        public void Dispose()
        {
            foreach (var (name, value) in saved)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }
    }
}
