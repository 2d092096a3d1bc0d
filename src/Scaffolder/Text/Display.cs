using System.Globalization;
using System.Text;

namespace MlPipeline.Scaffolder.Text;

/// <summary>Shows user input inside messages: quoted, control and invisible formatting characters visible, long values shortened.</summary>
internal static class Display
{
    private const int MaxShown = 60;

    public static string Quote(string value)
    {
        var builder = new StringBuilder("'");
        var shown = value.Length > MaxShown ? value[..MaxShown] : value;
        foreach (var c in shown)
        {
            _ = c switch
            {
                '\n' => builder.Append("\\n"),
                '\r' => builder.Append("\\r"),
                '\t' => builder.Append("\\t"),
                // Shown raw, a bidi control would reorder the message around it and a line separator break it.
                _ when char.IsControl(c) || char.IsSurrogate(c)
                    || char.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                    => builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}"),
                _ => builder.Append(c),
            };
        }

        builder.Append('\'');
        if (value.Length > MaxShown)
        {
            builder.Append(CultureInfo.InvariantCulture, $"… ({value.Length} characters)");
        }

        return builder.ToString();
    }

    /// <summary>The candidate closest to <paramref name="value"/> when it is a likely typo, else null.</summary>
    public static string? Suggest(string value, IEnumerable<string> candidates)
    {
        var best = candidates
            .Select(c => (Candidate: c, Distance: Distance(value.ToLowerInvariant(), c.ToLowerInvariant())))
            .OrderBy(x => x.Distance)
            .ThenBy(x => x.Candidate, StringComparer.Ordinal)
            .FirstOrDefault();
        return best.Candidate is not null && best.Distance <= Math.Max(1, best.Candidate.Length / 3) ? best.Candidate : null;
    }

    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            previous = current;
        }

        return previous[b.Length];
    }

    /// <summary>
    /// Lines of at most <paramref name="width"/> characters, broken at spaces only: a word is never split (one longer
    /// than the width gets a line of its own).
    /// </summary>
    public static IEnumerable<string> Wrap(string text, int width)
    {
        var line = new StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                yield return line.ToString();
                line.Clear();
            }

            line.Append(line.Length > 0 ? " " : "").Append(word);
        }

        if (line.Length > 0)
        {
            yield return line.ToString();
        }
    }
}
