using System.ComponentModel;
using System.Diagnostics;
using MlPipeline.Scaffolder.Diagnostics;

namespace MlPipeline.Scaffolder.Writing;

/// <summary>The few git commands the writer needs, run as processes.</summary>
internal static class Git
{
    /// <summary>
    /// The variables that point git at another repository than the one its working folder is in: git's own list of
    /// them (<c>git rev-parse --local-env-vars</c>), which git clears itself when it works in another repository. A git
    /// hook or script that runs mlpipeline may have them set (<c>GIT_DIR</c>, <c>GIT_INDEX_FILE</c>, ...); every git
    /// the writer starts runs without them, so it asks about, makes and commits to the project's own repository and
    /// never writes to theirs.
    /// </summary>
    internal static readonly string[] RepositoryVariables =
    [
        "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_CONFIG", "GIT_CONFIG_PARAMETERS", "GIT_CONFIG_COUNT", "GIT_OBJECT_DIRECTORY",
        "GIT_DIR", "GIT_WORK_TREE", "GIT_IMPLICIT_WORK_TREE", "GIT_GRAFT_FILE", "GIT_INDEX_FILE", "GIT_NO_REPLACE_OBJECTS",
        "GIT_REPLACE_REF_BASE", "GIT_PREFIX", "GIT_INTERNAL_SUPER_PREFIX", "GIT_SHALLOW_FILE", "GIT_COMMON_DIR",
    ];

    /// <summary>
    /// Whether <paramref name="directory"/> is inside a git work tree (false when git is missing). Without a .git
    /// folder or file in it or above it (the common case for a new project) the answer is no, with no process started;
    /// otherwise git answers, which also honours <c>GIT_CEILING_DIRECTORIES</c>.
    /// </summary>
    public static bool IsInsideWorkTree(string directory)
    {
        // Stryker disable once Block : without a .git above, git's own answer is also no; this only saves starting it
        if (!HasGitAbove(directory))
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
    /// included, ignored ones not), or null when it is not inside a git work tree. Without git the
    /// <see cref="ScaffoldException"/> names <paramref name="skip"/>, the option that goes without the check.
    /// </summary>
    public static string? UncommittedChanges(string directory, DiagnosticRule rule, string skip)
    {
        var (code, output) = Start(directory, rule, skip, CancellationToken.None, "status", "--porcelain", "--untracked-files=all", "--", ".");
        return code == 0 ? output : null;
    }

    /// <summary><c>git init</c>, add everything, one commit. Falls back to a neutral identity when none is configured.</summary>
    public static void InitAndCommit(string directory, string message, CancellationToken cancellation = default)
    {
        Check(directory, cancellation, "init", "--quiet");
        Check(directory, cancellation, "add", "--all");
        // No signing prompt, and no background maintenance process for a repository of one commit.
        string[] commit = ["-c", "commit.gpgsign=false", "-c", "maintenance.auto=false", "commit", "--quiet", "--message", message];
        // Most users have an identity: commit with it, and ask git what is configured only when the commit fails (one
        // process less for everyone else); what is not configured gets a neutral value, what is stays the user's. A
        // commit that fails for another reason fails again and is reported with git's reason.
        if (Run(directory, cancellation, commit).Code == 0)
        {
            return;
        }

        Check(directory, cancellation, [.. Fallback("user.name", "mlpipeline"), .. Fallback("user.email", "mlpipeline@localhost"), .. commit]);

        string[] Fallback(string key, string value) =>
            Run(directory, cancellation, "config", "--get", key).Code == 0 ? [] : ["-c", $"{key}={value}"];
    }

    private static void Check(string directory, CancellationToken cancellation, params string[] arguments)
    {
        var result = Start(directory, Rules.GitFailed, "pass --no-git", cancellation, arguments);
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

    /// <summary><see cref="Run"/>, with git missing reported as what the user can do about it.</summary>
    private static (int Code, string Output) Start(string directory, DiagnosticRule rule, string skip, CancellationToken cancellation, params string[] arguments)
    {
        try
        {
            return Run(directory, cancellation, arguments);
        }
        catch (Win32Exception e)
        {
            throw new ScaffoldException(ExitCodes.CannotCreate,
                $"git could not be started ({e.Message}); install git or {skip}.",
                [Diagnostic.Error(rule, directory, "git is not on PATH.")]);
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

        foreach (var name in RepositoryVariables)
        {
            start.Environment.Remove(name);
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
