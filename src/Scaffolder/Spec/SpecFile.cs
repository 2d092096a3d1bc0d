using MlPipeline.Scaffolder.Diagnostics;
using System.Globalization;
using System.Text;
using MlPipeline.Shared;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace MlPipeline.Scaffolder.Spec;

/// <summary>
/// A spec file (<c>mlpipeline.yaml</c>) as written: the template it is for, the template version it was made
/// with and the answers. Only its shape is checked here; <see cref="SpecResolver"/> checks the answers.
/// </summary>
internal sealed record SpecFile(string FileName, string? TemplateId, string? TemplateVersion, SpecLayer Answers)
{
    public const string TemplateKey = "template";
    public const string TemplateVersionKey = "template_version";
    public const string OptionsKey = "options";

    private static readonly string[] TopLevelKeys = [TemplateKey, TemplateVersionKey, OptionsKey];

    /// <summary>The largest spec file read: a spec is a few lines of answers.</summary>
    public const int MaxBytes = 1 << 20;

    /// <summary>The deepest nesting of mappings and lists a spec may have (it needs two).</summary>
    public const int MaxDepth = 32;

    /// <summary>
    /// Reads and parses a spec file; a file that cannot be read is a diagnostic, not an exception. Only a regular
    /// file of at most <see cref="MaxBytes"/> of UTF-8 is read: a folder, a FIFO or a device (/dev/zero) is refused
    /// before it is opened.
    /// </summary>
    public static SpecFile? Load(string path, List<Diagnostic> diagnostics)
    {
        var kind = FileKind.Of(path);
        if (kind != FileKind.Kind.RegularFile)
        {
            diagnostics.Add(Diagnostic.Error(Rules.SpecFileUnreadable, path, kind switch
            {
                FileKind.Kind.Missing => "The spec file does not exist.",
                FileKind.Kind.Directory => "The spec file is a folder; give the file itself, such as mlpipeline.yaml.",
                _ => "The spec file is not a regular file (a FIFO, a device or a socket); give a file.",
            }));
            return null;
        }

        byte[] bytes;
        int read;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            // Stryker disable once Linq : only the buffer's size, for a regular file whose length is what it holds: reading stops at its end or one byte past the limit either way
            bytes = new byte[Math.Min(stream.Length, MaxBytes) + 1];
            read = stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
            if (read > MaxBytes)
            {
                diagnostics.Add(Diagnostic.Error(Rules.SpecTooLarge, path, $"The spec file is larger than {MaxBytes / 1024} KB; a spec is a few lines of answers."));
                return null;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(Diagnostic.Error(Rules.SpecFileUnreadable, path, $"Cannot read the spec file: {e.Message}"));
            return null;
        }

        string text;
        try
        {
            // Stryker disable once Boolean : whether an encoder writes a byte order mark; decoding does not look at it
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes, 0, read);
        }
        catch (DecoderFallbackException e)
        {
            diagnostics.Add(Diagnostic.Error(Rules.SpecNotUtf8, path,
                string.Create(CultureInfo.InvariantCulture, $"The spec file is not UTF-8 text: invalid bytes at offset {e.Index}. Save it as UTF-8.")));
            return null;
        }

        return Parse(text.TrimStart('\uFEFF'), Path.GetFileName(path), diagnostics);
    }

    public static SpecFile? Parse(string yaml, string fileName, List<Diagnostic> diagnostics)
    {
        var stream = new YamlStream();
        try
        {
            // The representation model loads recursively: refuse deep nesting first, with the event parser, which does not.
            if (Depth(yaml) is var (depth, line) && depth > MaxDepth)
            {
                diagnostics.Add(Diagnostic.Error(Rules.SpecTooDeep, $"{fileName}:{line}",
                    string.Create(CultureInfo.InvariantCulture, $"The spec is nested more than {MaxDepth} levels deep; a spec is a mapping of options to single values.")));
                return null;
            }

            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            // Stryker disable once NullCoalescing : the parser's exceptions for a spec wrap none ('not YAML' and 'a key twice' in the golden file read the same)
            var reason = e.InnerException?.Message ?? e.Message;
            diagnostics.Add(Diagnostic.Error(Rules.SpecNotYaml, $"{fileName}:{e.Start.Line}", $"Not valid YAML: {reason}"));
            return null;
        }

        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            diagnostics.Add(Diagnostic.Error(Rules.SpecShape, fileName,
                "A spec is one YAML mapping with the keys 'template', 'template_version' and 'options'."));
            return null;
        }

        string? templateId = null;
        string? templateVersion = null;
        var answers = new List<RawAnswer>();
        foreach (var (keyNode, valueNode) in root.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            var where = $"{fileName}:{keyNode.Start.Line}";
            switch (key)
            {
                case TemplateKey:
                    templateId = Scalar(valueNode, key, where, diagnostics);
                    break;
                case TemplateVersionKey:
                    templateVersion = Scalar(valueNode, key, where, diagnostics);
                    break;
                case OptionsKey when valueNode is YamlMappingNode options:
                    foreach (var (optionKey, optionValue) in options.Children)
                    {
                        var scalar = optionValue as YamlScalarNode;
                        var isNull = scalar is { Style: ScalarStyle.Plain, Value: "" or "~" or "null" or "Null" or "NULL" };
                        answers.Add(new RawAnswer(
                            (optionKey as YamlScalarNode)?.Value ?? "",
                            isNull ? null : scalar?.Value,
                            $"{fileName}:{optionKey.Start.Line}",
                            IsScalar: scalar is not null));
                    }

                    break;
                case OptionsKey:
                    diagnostics.Add(Diagnostic.Error(Rules.SpecShape, where, "'options' must be a mapping of option names to values."));
                    break;
                default:
                    var suggestion = Text.Display.Suggest(key, TopLevelKeys);
                    diagnostics.Add(Diagnostic.Error(Rules.UnknownSpecKey, where,
                        $"Unknown key {Text.Display.Quote(key)}; a spec has only {string.Join(", ", TopLevelKeys)}"
                        + (suggestion is null ? "." : $" (did you mean '{suggestion}'?).")));
                    break;
            }
        }

        return new SpecFile(fileName, templateId, templateVersion, new SpecLayer(answers));
    }

    /// <summary>The deepest nesting of mappings and sequences, and the line where it is first reached (stops counting past the limit).</summary>
    private static (int Depth, long Line) Depth(string yaml)
    {
        var parser = new Parser(new StringReader(yaml));
        var (depth, deepest, line) = (0, 0, 0L);
        while (parser.MoveNext() && deepest <= MaxDepth)
        {
            switch (parser.Current)
            {
                case MappingStart or SequenceStart:
                    // Stryker disable once Equality : the loop stops at the first node past the limit, so the line kept is that node's either way
                    if (++depth > deepest)
                    {
                        (deepest, line) = (depth, parser.Current.Start.Line);
                    }

                    break;
                case MappingEnd or SequenceEnd:
                    depth--;
                    break;
            }
        }

        return (deepest, line);
    }

    private static string? Scalar(YamlNode node, string key, string where, List<Diagnostic> diagnostics)
    {
        if (node is YamlScalarNode { Value: { Length: > 0 } value })
        {
            return value;
        }

        diagnostics.Add(Diagnostic.Error(Rules.SpecShape, where, $"'{key}' must be a single text value."));
        return null;
    }
}
