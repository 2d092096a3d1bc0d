using System.ComponentModel;
using System.Diagnostics;
using MlPipeline.Scaffolder.Diagnostics;

namespace MlPipeline.Scaffolder.Updating;

/// <summary>
/// The three-way line merge of <c>git merge-file</c>, run as git itself, so a merge gives exactly what git would give
/// (its diff, its zealous conflict narrowing). Conflicts are marked <c>&lt;&lt;&lt;&lt;&lt;&lt;&lt; ours</c>,
/// <c>=======</c>, <c>&gt;&gt;&gt;&gt;&gt;&gt;&gt; template VERSION</c> in git's default style, whatever the user's
/// <c>merge.conflictStyle</c> says, so the same update gives the same bytes on every machine.
/// </summary>
internal sealed class GitMergeFile(string theirsLabel) : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mlpipeline-merge-" + Guid.NewGuid().ToString("N"));

    /// <summary>Merges; returns the merged bytes and the number of conflicts (0 for a clean merge).</summary>
    public (byte[] Merged, int Conflicts) Merge(byte[] @base, byte[] ours, byte[] theirs)
    {
        Directory.CreateDirectory(_folder);
        var (basePath, oursPath, theirsPath) = (Path.Combine(_folder, "base"), Path.Combine(_folder, "ours"), Path.Combine(_folder, "theirs"));
        File.WriteAllBytes(basePath, @base);
        File.WriteAllBytes(oursPath, ours);
        File.WriteAllBytes(theirsPath, theirs);
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = _folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["-c", "merge.conflictStyle=merge", "merge-file", "--stdout", "-L", "ours", "-L", "base", "-L", theirsLabel, oursPath, basePath, theirsPath])
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new Win32Exception("git did not start");
        }
        catch (Win32Exception e)
        {
            throw new ScaffoldException(ExitCodes.CannotCreate, $"git could not be started ({e.Message}); update merges files with `git merge-file`: install git.",
                [Diagnostic.Error(Rules.GitFailed, "git", "git is not on PATH.")]);
        }

        using (process)
        {
            var error = process.StandardError.ReadToEndAsync();
            using var output = new MemoryStream();
            process.StandardOutput.BaseStream.CopyTo(output);
            process.WaitForExit();
            // git merge-file exits with the number of conflicts (at most 127), or a negative number (255) on an error.
            if (process.ExitCode is < 0 or > 127)
            {
                throw new InvalidOperationException($"git merge-file failed (exit {process.ExitCode}): {error.Result.Trim()}");
            }

            return (output.ToArray(), process.ExitCode);
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
