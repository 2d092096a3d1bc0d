using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace MlPipeline.Scaffolder.Writing;

/// <summary>
/// The hidden sibling folder a project is written to before it is moved into place:
/// <c>.NAME.mlpipeline-HOST-PID-START-ID</c>. Its name says which process owns it (host, process id and start time),
/// so a later <c>new</c> can tell a folder left by a killed run (its owner is gone) from one being written right now,
/// and remove only the former.
/// </summary>
internal static partial class StagingFolder
{
    /// <summary>A new staging folder name for a target folder named <paramref name="target"/>, owned by this process.</summary>
    public static string NameFor(string target) =>
        string.Create(CultureInfo.InvariantCulture, $".{target[..Math.Min(target.Length, 120)]}.mlpipeline-{Host}-{Environment.ProcessId}-{StartTime(Environment.ProcessId)}-{Guid.NewGuid():N}");

    /// <summary>Removes the staging folders in <paramref name="parent"/> whose owner is gone; returns their names.</summary>
    public static IReadOnlyList<string> RemoveStale(string parent)
    {
        var removed = new List<string>();
        // Stryker disable once Block : both callers make or have the parent before they ask
        if (!Directory.Exists(parent))
        {
            return removed;
        }

        // Stryker disable once String : the owner pattern below decides; the glob only narrows the listing
        foreach (var folder in Directory.EnumerateDirectories(parent, ".*.mlpipeline-*"))
        {
            var name = Path.GetFileName(folder);
            var match = Owner().Match(name);
            if (!match.Success || match.Groups["host"].Value != Host || new FileInfo(folder).LinkTarget is not null)
            {
                continue;
            }

            var pid = int.Parse(match.Groups["pid"].Value, CultureInfo.InvariantCulture);
            var started = StartTime(pid);
            // Stryker disable once Equality : no process starts at second 0, and the 2 seconds are a margin for two reads of one start time, not an edge a process can be put on
            if (started >= 0 && Math.Abs(started - long.Parse(match.Groups["start"].Value, CultureInfo.InvariantCulture)) <= 2)
            {
                continue; // its owner still runs
            }

            try
            {
                Directory.Delete(folder, recursive: true);
                removed.Add(name);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Left for the next time; it is hidden and harmless.
            }
        }

        return removed;
    }

    /// <summary>This machine, as 8 hex digits (staging folders of another machine sharing the folder are never judged).</summary>
    private static string Host { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Environment.MachineName)))[..8];

    /// <summary>When a process started (seconds since the epoch), or -1 if there is no such process; two reads may differ by a second.</summary>
    private static long StartTime(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return new DateTimeOffset(process.StartTime.ToUniversalTime()).ToUnixTimeSeconds();
        }
        // Stryker disable once Unary,Block : a start time of +1 or 0 (1970) matches no folder's owner either, so the folder is removed all the same
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return -1;
        }
    }

    [GeneratedRegex(@"\.mlpipeline-(?<host>[0-9a-f]{8})-(?<pid>[0-9]{1,10})-(?<start>-?[0-9]{1,20})-[0-9a-f]{32}(\.backup)?$")]
    private static partial Regex Owner();
}
