using System.Diagnostics;
using System.Globalization;
using MlPipeline.Scaffolder.Diagnostics;
using MlPipeline.Tests.Shared;

namespace MlPipeline.Scaffolder.Tests.Writing;

/// <summary>
/// The real <c>mlpipeline</c> process, stopped while it makes the project's first commit (a git hook from
/// GIT_TEMPLATE_DIR holds it there): Ctrl+C or SIGTERM removes the staging folder and exits 130; SIGKILL leaves at most
/// that hidden folder, which the next <c>new</c> in the same place removes. A hook that fails silently gets a reason.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class InterruptedNewTests
{
    public static TheoryData<string> Signals() => ["INT", "TERM", "KILL"];

    [Theory]
    [MemberData(nameof(Signals))]
    public void An_interrupted_new_leaves_nothing_but_at_most_its_hidden_staging_folder(string signal)
    {
        using var temp = new TempDirectory();
        var work = temp.Combine("work");
        Directory.CreateDirectory(work);
        var marker = temp.Combine("hook.pid");
        var hooks = Hooks(temp, $"#!/bin/sh\necho $$ > {marker}\nexec sleep 60\n");

        using var process = Start(work, hooks, "new", Path.Combine(work, "Churn"));
        var hook = WaitForPid(marker);
        Assert.True(hook > 0, "the git hook did not start");
        var staging = Assert.Single(Directory.EnumerateDirectories(work, ".Churn.mlpipeline-*"));

        Assert.Equal(0, ProcessRunner.Run("kill", [$"-{signal}", process.Id.ToString(CultureInfo.InvariantCulture)]).ExitCode);
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(20)), $"mlpipeline did not stop after SIG{signal}");
        var error = process.StandardError.ReadToEnd();
        if (signal == "KILL")
        {
            // Nothing runs after SIGKILL: the hidden staging folder may stay, and nothing else.
            KillQuietly(hook);
            WaitUntilNothingRunsIn(staging);
            Assert.Equal([Path.GetFileName(staging)], Directory.EnumerateFileSystemEntries(work).Select(Path.GetFileName));

            var (code, output, next) = Mlpipeline(work, null, "new", Path.Combine(work, "Other"), "--no-git");

            Assert.True(code == 0, next);
            Assert.Contains($"Removed {Path.GetFileName(staging)}", output, StringComparison.Ordinal);
            Assert.Equal(["Other"], Directory.EnumerateFileSystemEntries(work).Select(Path.GetFileName));
        }
        else
        {
            Assert.True(process.ExitCode == ExitCodes.Interrupted, $"exit {process.ExitCode}: {error}");
            Assert.Contains("Interrupted; nothing was left behind.", error, StringComparison.Ordinal);
            Assert.Empty(Directory.EnumerateFileSystemEntries(work));
            KillQuietly(hook);
        }
    }

    [Fact]
    public void A_staging_folder_whose_owner_still_runs_is_left_alone()
    {
        using var temp = new TempDirectory();
        var work = temp.Combine("work");
        Directory.CreateDirectory(work);
        var marker = temp.Combine("hook.pid");
        using var process = Start(work, Hooks(temp, $"#!/bin/sh\necho $$ > {marker}\nexec sleep 60\n"), "new", Path.Combine(work, "Churn"));
        var hook = WaitForPid(marker);
        Assert.True(hook > 0, "the git hook did not start");

        var (code, _, error) = Mlpipeline(work, null, "new", Path.Combine(work, "Other"), "--no-git");
        var staging = Directory.EnumerateDirectories(work, ".Churn.mlpipeline-*").ToList();
        KillQuietly(hook);
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(30)));

        Assert.True(code == 0, error);
        Assert.Single(staging);
        // The killed hook failed the first commit: that run removed its own staging folder, as any failure does.
        Assert.Equal(ExitCodes.CannotCreate, process.ExitCode);
        Assert.Equal(["Other"], Directory.EnumerateFileSystemEntries(work).Select(Path.GetFileName));
    }

    [Fact]
    public void A_git_hook_that_fails_silently_gets_a_reason_and_nothing_is_left()
    {
        using var temp = new TempDirectory();
        var work = temp.Combine("work");
        Directory.CreateDirectory(work);

        var (code, _, error) = Mlpipeline(work, Hooks(temp, "#!/bin/sh\nexit 1\n"), "new", Path.Combine(work, "Churn"));

        Assert.Equal(ExitCodes.CannotCreate, code);
        Assert.Contains("SCAF304", error, StringComparison.Ordinal);
        Assert.Contains("exited with code 1 and printed nothing", error, StringComparison.Ordinal);
        Assert.DoesNotContain("failed: ;", error, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(work));
    }

    /// <summary>A git template folder whose pre-commit hook is <paramref name="hook"/>.</summary>
    private static string Hooks(TempDirectory temp, string hook)
    {
        var folder = temp.Combine("git-template");
        Directory.CreateDirectory(Path.Combine(folder, "hooks"));
        var path = Path.Combine(folder, "hooks", "pre-commit");
        File.WriteAllText(path, hook);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return folder;
    }

    private static Process Start(string folder, string? gitTemplate, params string[] args)
    {
        // Through env --default-signal=INT: a test run started in the background (./test.sh &) ignores SIGINT, and its
        // children would inherit that; a command at a terminal, which is what Ctrl+C reaches, does not ignore it.
        var start = new ProcessStartInfo("env") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["--default-signal=INT", "dotnet", Tool, .. args])
        {
            start.ArgumentList.Add(argument);
        }

        if (gitTemplate is not null)
        {
            start.Environment["GIT_TEMPLATE_DIR"] = gitTemplate;
        }

        start.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        return Process.Start(start)!;
    }

    private static (int Code, string Output, string Error) Mlpipeline(string folder, string? gitTemplate, params string[] args)
    {
        using var process = Start(folder, gitTemplate, args);
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "mlpipeline did not finish");
        return (process.ExitCode, output, error.Result);
    }

    private static string Tool => Infrastructure.Mlpipeline.Built;

    private static int WaitForPid(string marker)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (File.Exists(marker) && int.TryParse(File.ReadAllText(marker).Trim(), CultureInfo.InvariantCulture, out var pid))
            {
                return pid;
            }

            Thread.Sleep(50);
        }

        return 0;
    }

    /// <summary>Waits until no process (git, orphaned with its killed parent) works in <paramref name="folder"/>.</summary>
    private static void WaitUntilNothingRunsIn(string folder)
    {
        bool Busy() => Directory.EnumerateDirectories("/proc").Any(p =>
        {
            try
            {
                return new DirectoryInfo(Path.Combine(p, "cwd")).LinkTarget?.StartsWith(folder, StringComparison.Ordinal) == true;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return false;
            }
        });
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (Busy() && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(100);
        }
    }

    private static void KillQuietly(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill();
            process.WaitForExit(TimeSpan.FromSeconds(10));
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            // Gone already.
        }
    }
}
