using System.Globalization;
using System.Text;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace MlPipeline.Tests.Shared;

/// <summary>A readable line diff for failure messages: changed lines with two lines of context.</summary>
internal static class TextDiff
{
    public static string Unified(string before, string after)
    {
        var diff = InlineDiffBuilder.Diff(before, after, ignoreWhiteSpace: false);
        var lines = new StringBuilder();
        for (var i = 0; i < diff.Lines.Count; i++)
        {
            var from = Math.Max(0, i - 2);
            var to = Math.Min(diff.Lines.Count - 1, i + 2);
            if (!Enumerable.Range(from, to - from + 1).Any(j => diff.Lines[j].Type != ChangeType.Unchanged))
            {
                continue;
            }

            var line = diff.Lines[i];
            lines.Append(line.Type switch { ChangeType.Inserted => "+ ", ChangeType.Deleted => "- ", _ => "  " })
                .Append(line.Position?.ToString(CultureInfo.InvariantCulture) ?? "")
                .Append('\t').AppendLine(line.Text);
        }

        return lines.ToString();
    }
}
