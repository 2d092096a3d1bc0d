using System.Text.RegularExpressions;

namespace MlPipeline.SageMakerPipelines.Local;

/// <summary>
/// Reads a failed step's log for what its script said last about the failure, so the run's summary names the cause and
/// not only the exit code: the exception of the last Python traceback (with the error logged just before it), else the
/// last lines logged at ERROR or CRITICAL level (any logging format that prints the level name), else argparse's
/// <c>prog: error: …</c>, else the last line the script printed (<c>raise SystemExit("message")</c> prints only that).
/// </summary>
internal static partial class StepLog
{
    /// <summary>How many lines at the end of a log are read; a script's last words are in them.</summary>
    public const int ReadLines = 400;

    /// <summary>The longest line kept; a longer one is cut with an ellipsis.</summary>
    public const int MaxLineLength = 400;

    /// <summary>The script's last error line(s) in a log file, at most <paramref name="max"/>; empty when it said nothing.</summary>
    public static IReadOnlyList<string> ErrorLines(string logPath, int max = 3) =>
        File.Exists(logPath) ? ErrorLines(File.ReadLines(logPath).TakeLast(ReadLines).ToList(), max) : [];

    /// <summary>The script's last error line(s) among <paramref name="lines"/> (a log's end), oldest first.</summary>
    public static IReadOnlyList<string> ErrorLines(IReadOnlyList<string> lines, int max = 3)
    {
        // The runner's own notes ([mlpipeline] …) and blank lines are not the script's words.
        var said = lines.Select(l => l.TrimEnd()).Where(l => l.Length > 0 && !l.StartsWith("[mlpipeline]", StringComparison.Ordinal)).ToList();
        var traceback = said.FindLastIndex(l => l.StartsWith("Traceback (most recent call last):", StringComparison.Ordinal));
        if (traceback >= 0)
        {
            // The first unindented line after the frames is the exception; "During handling…" chains start a new
            // traceback, so the last one holds the exception that ended the script.
            var exception = said.Skip(traceback + 1).FirstOrDefault(l => !char.IsWhiteSpace(l[0]));
            var logged = traceback > 0 && IsErrorLevel(said[traceback - 1]) ? said[traceback - 1] : null;
            return new[] { logged, exception }.OfType<string>().Select(Clean).ToList();
        }

        var errors = said.Where(l => IsErrorLevel(l) || ArgparseError().IsMatch(l)).TakeLast(max).Select(Clean).ToList();
        return errors.Count > 0 ? errors : said.TakeLast(1).Select(Clean).ToList();
    }

    private static bool IsErrorLevel(string line) => ErrorLevel().IsMatch(line);

    /// <summary>Without the timestamp logging puts first, and cut to <see cref="MaxLineLength"/>.</summary>
    private static string Clean(string line)
    {
        var text = Timestamp().Replace(line, "").Trim();
        return text.Length <= MaxLineLength ? text : text[..(MaxLineLength - 1)] + "…";
    }

    [GeneratedRegex(@"(^|[\s\[|:])(ERROR|CRITICAL|FATAL)([\s\]|:]|$)")]
    private static partial Regex ErrorLevel();

    [GeneratedRegex(@"^\S+: error: ")]
    private static partial Regex ArgparseError();

    [GeneratedRegex(@"^\[?\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(?:[,.]\d+)?(?:Z|[+-]\d\d:?\d\d)?\]?\s+")]
    private static partial Regex Timestamp();
}
