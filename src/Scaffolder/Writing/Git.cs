using System.ComponentModel;
using System.Diagnostics;
using MlPipeline.Scaffolder.Diagnostics;

namespace MlPipeline.Scaffolder.Writing;

/// <summary>The few git commands the writer needs, run as processes.</summary>
internal static class Git
{
    /// <summary>Whether <paramref name="directory"/> is inside a git work tree (false when git is missing).</summary>
    public static bool IsInsideWorkTree(string directory)
    {
        try
        {
            var (code, output) = Run(directory, "rev-parse", "--is-inside-work-tree");
            return code == 0 && output.Trim() == "true";
        }
        catch (Win32Exception)
        {
            return false;
        }
    }

    /// <summary><c>git init</c>, add everything, one commit. Falls back to a neutral identity when none is configured.</summary>
    public static void InitAndCommit(string directory, string message)
    {
        // Whether the user has an identity is asked while the repository is made: one process less to wait for.
        var email = Task.Run(() => Run(directory, "config", "--get", "user.email"));
        Check(directory, "init", "--quiet");
        Check(directory, "add", "--all");
        var (code, _) = email.GetAwaiter().GetResult();
        string[] identity = code == 0 ? [] : ["-c", "user.name=mlpipeline", "-c", "user.email=mlpipeline@localhost"];
        Check(directory, [.. identity, "-c", "commit.gpgsign=false", "commit", "--quiet", "--message", message]);
    }

    private static void Check(string directory, params string[] arguments)
    {
        (int Code, string Output) result;
        try
        {
            result = Run(directory, arguments);
        }
        catch (Win32Exception e)
        {
            throw new ScaffoldException(ExitCodes.CannotCreate,
                $"git could not be started ({e.Message}); install git or pass --no-git.",
                [Diagnostic.Error(Rules.GitFailed, directory, "git is not on PATH.")]);
        }

        if (result.Code != 0)
        {
            var command = string.Join(' ', arguments.Where(a => !a.StartsWith("user.", StringComparison.Ordinal)));
            throw new ScaffoldException(ExitCodes.CannotCreate,
                $"`git {command}` failed: {result.Output.Trim()}; pass --no-git to skip the repository.",
                [Diagnostic.Error(Rules.GitFailed, directory, result.Output.Trim())]);
        }
    }

    private static (int Code, string Output) Run(string directory, params string[] arguments)
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

        using var process = Process.Start(start) ?? throw new Win32Exception("git did not start");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + error.Result);
    }
}
