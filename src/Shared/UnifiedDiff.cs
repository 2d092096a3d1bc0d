using System.Globalization;
using System.Text;

namespace MlPipeline.Shared;

/// <summary>
/// A line diff in the unified format that <c>diff -u</c> and <c>git diff</c> print (hunks with three lines of
/// context), for messages people read: a golden file that differs, a plan before it is written.
/// </summary>
internal static class UnifiedDiff
{
    private const int Context = 3;

    /// <summary>The unified diff from <paramref name="before"/> to <paramref name="after"/>; empty when they are equal.</summary>
    /// <param name="before">The old text.</param>
    /// <param name="after">The new text.</param>
    /// <param name="beforeName">The old file's name in the header.</param>
    /// <param name="afterName">The new file's name in the header.</param>
    public static string Of(string before, string after, string beforeName, string afterName)
    {
        if (before == after)
        {
            return "";
        }

        var a = Lines(before);
        var b = Lines(after);
        var edits = Edits(a, b);
        var text = new StringBuilder().Append("--- ").AppendLine(beforeName).Append("+++ ").AppendLine(afterName);
        var i = 0;
        while (i < edits.Count)
        {
            if (edits[i].Kind == ' ')
            {
                i++;
                continue;
            }

            // A hunk: from the first change, through every change closer than twice the context to the previous one.
            var start = Math.Max(0, i - Context);
            var end = i;
            for (var j = i; j < edits.Count && j - end <= 2 * Context; j++)
            {
                if (edits[j].Kind != ' ')
                {
                    end = j;
                }
            }

            end = Math.Min(edits.Count - 1, end + Context);
            var hunk = edits.GetRange(start, end - start + 1);
            var oldCount = hunk.Count(e => e.Kind != '+');
            var newCount = hunk.Count(e => e.Kind != '-');
            text.Append(CultureInfo.InvariantCulture, $"@@ -{Range(hunk[0].OldLine, oldCount)} +{Range(hunk[0].NewLine, newCount)} @@\n");
            foreach (var edit in hunk)
            {
                text.Append(edit.Kind).Append(edit.Text).Append('\n');
                if (edit.MissingNewline)
                {
                    text.Append("\\ No newline at end of file\n");
                }
            }

            i = end + 1;
        }

        return text.ToString();
    }

    private static string Range(int firstLine, int count) =>
        count == 1 ? firstLine.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{(count == 0 ? firstLine - 1 : firstLine)},{count}");

    private static List<(string Text, bool MissingNewline)> Lines(string text)
    {
        var lines = new List<(string, bool)>();
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOf('\n', start);
            lines.Add(end < 0 ? (text[start..], true) : (text[start..end], false));
            start = end < 0 ? text.Length : end + 1;
        }

        return lines;
    }

    private readonly record struct Edit(char Kind, string Text, bool MissingNewline, int OldLine, int NewLine);

    /// <summary>The shortest edit as a list of kept, removed and added lines (longest common subsequence).</summary>
    private static List<Edit> Edits(List<(string Text, bool MissingNewline)> a, List<(string Text, bool MissingNewline)> b)
    {
        // The common head and tail need no table: only the middle is compared line against line.
        var head = 0;
        while (head < a.Count && head < b.Count && a[head] == b[head])
        {
            head++;
        }

        var tail = 0;
        while (tail < a.Count - head && tail < b.Count - head && a[a.Count - 1 - tail] == b[b.Count - 1 - tail])
        {
            tail++;
        }

        int n = a.Count - head - tail, m = b.Count - head - tail;
        var common = new int[n + 1, m + 1];
        for (var x = n - 1; x >= 0; x--)
        {
            for (var y = m - 1; y >= 0; y--)
            {
                common[x, y] = a[head + x] == b[head + y] ? common[x + 1, y + 1] + 1 : Math.Max(common[x + 1, y], common[x, y + 1]);
            }
        }

        var edits = new List<Edit>(a.Count + b.Count);
        int i = 0, k = 0;
        void Add(char kind, (string Text, bool MissingNewline) line) => edits.Add(new(kind, line.Text, line.MissingNewline, i + 1, k + 1));
        for (; i < head; i++, k++)
        {
            Add(' ', a[i]);
        }

        while (i < head + n || k < head + m)
        {
            int x = i - head, y = k - head;
            if (x < n && y < m && a[i] == b[k])
            {
                Add(' ', a[i]);
                i++;
                k++;
            }
            else if (x < n && (y == m || common[x + 1, y] >= common[x, y + 1]))
            {
                Add('-', a[i]);
                i++;
            }
            else
            {
                Add('+', b[k]);
                k++;
            }
        }

        for (; i < a.Count; i++, k++)
        {
            Add(' ', a[i]);
        }

        return edits;
    }
}
