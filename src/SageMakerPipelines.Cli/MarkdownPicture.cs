using MlPipeline.Shared;

namespace MlPipeline.SageMakerPipelines.Cli;

/// <summary>
/// The pipeline's picture inside a Markdown file (the project README): the first <c>```mermaid</c> block. <c>graph
/// --write README.md</c> replaces it with what <c>graph</c> draws, and a project test compares the two so that the
/// README never shows a pipeline other than the one in the code.
/// </summary>
public static class MarkdownPicture
{
    private const string Opening = "```mermaid\n";
    private const string Closing = "```";

    /// <summary>The text of the first mermaid block, or null when the Markdown has none.</summary>
    /// <param name="markdown">The Markdown text.</param>
    public static string? Find(string markdown)
    {
        var text = Normalize(markdown);
        return Locate(text) is (int start, int end) ? text[start..end] : null;
    }

    /// <summary>The Markdown with the first mermaid block's text replaced, or null when it has none.</summary>
    /// <param name="markdown">The Markdown text.</param>
    /// <param name="mermaid">The new picture (a Mermaid flowchart ending in a line break).</param>
    public static string? Replace(string markdown, string mermaid)
    {
        var text = Normalize(markdown);
        return Locate(text) is (int start, int end) ? text[..start] + mermaid + text[end..] : null;
    }

    /// <summary>
    /// Compares the picture in a Markdown file with <paramref name="mermaid"/>. With
    /// <see cref="GoldenFile.AcceptVariable"/>=1 the file's picture is replaced instead.
    /// </summary>
    /// <param name="path">The Markdown file.</param>
    /// <param name="mermaid">What <c>graph</c> draws.</param>
    /// <param name="writeCommand">The command that writes the picture, as the user runs it (named in the message).</param>
    /// <returns>Null when they agree (or the picture was written); otherwise what differs, with a unified diff.</returns>
    public static string? Compare(string path, string mermaid, string writeCommand)
    {
        var markdown = File.ReadAllText(path);
        if (Find(markdown) is not { } current)
        {
            return $"{path} has no ```mermaid block for the pipeline's picture. Add an empty one where the picture goes, then run {writeCommand}.";
        }

        if (current == mermaid)
        {
            return null;
        }

        if (Environment.GetEnvironmentVariable(GoldenFile.AcceptVariable) == "1")
        {
            File.WriteAllText(path, Replace(markdown, mermaid));
            return null;
        }

        var name = Path.GetFileName(path);
        return $"The picture in {path} is not the pipeline's graph:\n"
            + UnifiedDiff.Of(current, mermaid, name, "graph")
            + $"Run {writeCommand} (or the tests with {GoldenFile.AcceptVariable}=1) and commit {name}.";
    }

    private static string Normalize(string markdown) => markdown.Replace("\r\n", "\n", StringComparison.Ordinal);

    /// <summary>Where the first mermaid block's text starts and ends (the closing fence on a line of its own).</summary>
    private static (int Start, int End)? Locate(string markdown)
    {
        var opening = markdown.StartsWith(Opening, StringComparison.Ordinal) ? 0
            : markdown.IndexOf("\n" + Opening, StringComparison.Ordinal) is var after and >= 0 ? after + 1
            : -1;
        if (opening < 0)
        {
            return null;
        }

        var start = opening + Opening.Length;
        for (var line = start; line < markdown.Length;)
        {
            var next = markdown.IndexOf('\n', line);
            var end = next < 0 ? markdown.Length : next;
            if (markdown[line..end].TrimEnd() == Closing)
            {
                return (start, line);
            }

            line = end + 1;
        }

        return null;
    }
}
