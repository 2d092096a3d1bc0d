using System.ComponentModel;
using System.Diagnostics;
using MlPipeline.Scaffolder.Diagnostics;

namespace MlPipeline.Scaffolder.Writing;

/// <summary>The few git commands the writer needs, run as processes.</summary>
internal static class Git
{
    /// <summary>The environment variables that change how git finds a repository; with any of them set, git itself is asked.</summary>
    private static readonly string[] DiscoverySettings = ["GIT_DIR", "GIT_WORK_TREE", "GIT_CEILING_DIRECTORIES", "GIT_DISCOVERY_ACROSS_FILESYSTEM"];

    /// <summary>
    /// Whether <paramref name="directory"/> is inside a git work tree (false when git is missing). Without a .git
    /// folder or file in it or above it (the common case for a new project) the answer is no, with no process started;
    /// otherwise, or when the environment changes git's discovery, git answers.
    /// </summary>
    public static bool IsInsideWorkTree(string directory)
    {
        // Stryker disable once Unary,Linq,Equality,Boolean : this decides only whether git is asked; git's own answer is the same
        if (!DiscoverySettings.Any(name => Environment.GetEnvironmentVariable(name) is { Length: > 0 }) && !HasGitAbove(directory))
        {
            return false;
        }

        try
        {
            var (code, output) = Run(directory, CancellationToken.None, "rev-parse", "--is-inside-work-tree");
            // Stryker disable once Logical : git exits 0 with "false" only inside a .git folder, where nobody makes a project
            return code == 0 && output.Trim() == "true";
        }
        catch (Win32Exception)
        {
            return false;
        }
    }

    private static bool HasGitAbove(string directory)
    {
        for (var folder = new DirectoryInfo(directory); folder is not null; folder = folder.Parent)
        {
            // Stryker disable once String : a wrong answer here only starts git, whose answer is the same
            var git = Path.Combine(folder.FullName, ".git");
            // Stryker disable once Boolean : a wrong answer here only starts git, whose answer is the same
            if (Directory.Exists(git) || File.Exists(git))
            {
                return true;
            }
        }

        // Stryker disable once Boolean : a wrong answer here only starts git, whose answer is the same
        return false;
    }

    /// <summary>
    /// The uncommitted changes under <paramref name="directory"/> (<c>git status --porcelain</c>, untracked files
    /// included, ignored ones not), or null when it is not inside a git work tree or git is missing.
    /// </summary>
    public static string? UncommittedChanges(string directory)
    {
        try
        {
            var (code, output) = Run(directory, CancellationToken.None, "status", "--porcelain", "--untracked-files=all", "--", ".");
            return code == 0 ? output : null;
        }
        catch (Win32Exception)
        {
            return null;
        }
    }

    /// <summary><c>git init</c>, add everything, one commit. Falls back to a neutral identity when none is configured.</summary>
    public static void InitAndCommit(string directory, string message, CancellationToken cancellation = default)
    {
        Check(directory, cancellation, "init", "--quiet");
        Check(directory, cancellation, "add", "--all");
        // No signing prompt, and no background maintenance process for a repository of one commit.
        string[] commit = ["-c", "commit.gpgsign=false", "-c", "maintenance.auto=false", "commit", "--quiet", "--message", message];
        // Most users have an identity: commit with it, and ask git whether one is configured only when the commit
        // fails (one process less for everyone else); without one, a neutral identity makes the commit. A commit that
        // fails for another reason fails again and is reported with git's reason.
        if (Run(directory, cancellation, commit).Code == 0)
        {
            return;
        }

        if (Run(directory, cancellation, "config", "--get", "user.email").Code != 0)
        {
            commit = ["-c", "user.name=mlpipeline", "-c", "user.email=mlpipeline@localhost", .. commit];
        }

        Check(directory, cancellation, commit);
    }

    private static void Check(string directory, CancellationToken cancellation, params string[] arguments)
    {
        (int Code, string Output) result;
        try
        {
            result = Run(directory, cancellation, arguments);
        }
        catch (Win32Exception e)
        {
            throw new ScaffoldException(ExitCodes.CannotCreate,
                $"git could not be started ({e.Message}); install git or pass --no-git.",
                [Diagnostic.Error(Rules.GitFailed, directory, "git is not on PATH.")]);
        }

        if (result.Code != 0)
        {
            var command = string.Join(' ', arguments.Where(a => !a.StartsWith("user.", StringComparison.Ordinal) && a != "-c" && !a.StartsWith("commit.gpgsign", StringComparison.Ordinal) && !a.StartsWith("maintenance.", StringComparison.Ordinal)));
            var reason = result.Output.Trim().Length > 0
                ? result.Output.Trim()
                : string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"it exited with code {result.Code} and printed nothing (a git hook from your git configuration, such as core.hooksPath or init.templateDir, may have refused it)");
            throw new ScaffoldException(ExitCodes.CannotCreate,
                $"`git {command}` failed: {reason}; pass --no-git to skip the repository.",
                [Diagnostic.Error(Rules.GitFailed, directory, $"`git {command}` failed: {reason}")]);
        }
    }

    private static (int Code, string Output) Run(string directory, CancellationToken cancellation, params string[] arguments)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Stryker disable once String : Process.Start gives null only when it reuses a shell-started process, which UseShellExecute = false never does
        using var process = Process.Start(start) ?? throw new Win32Exception("git did not start");
        using var stop = cancellation.Register(() =>
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It ended meanwhile.
            }
        });
        var error = process.StandardError.ReadToEndAsync(CancellationToken.None);
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        cancellation.ThrowIfCancellationRequested();
        return (process.ExitCode, output + error.Result);
    }
}
