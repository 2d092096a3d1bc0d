using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace MlPipeline.Scaffolder.Rendering;

/// <summary>
/// One escaping function per file format. Each returns a complete literal (quotes included where the
/// format has them) that reads back as exactly the input in that format's own parser.
/// </summary>
internal static class Escaping
{
    private static readonly JsonWriterOptions JsonWriter = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A YAML double-quoted scalar.</summary>
    public static string Yaml(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            _ = c switch
            {
                '\\' => builder.Append("\\\\"),
                '"' => builder.Append("\\\""),
                '\t' => builder.Append("\\t"),
                '\n' => builder.Append("\\n"),
                '\r' => builder.Append("\\r"),
                '\u0085' => builder.Append("\\N"),
                '\u2028' => builder.Append("\\L"),
                '\u2029' => builder.Append("\\P"),
                _ when char.IsSurrogatePair(value, i) => builder.Append(c).Append(value[++i]),
                // Outside YAML's printable set, or a byte-order mark: escape.
                _ when c < ' ' || c is >= '\u007F' and <= '\u009F' || c is '\uFEFF' or '\uFFFE' or '\uFFFF' || char.IsSurrogate(c)
                    => builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}"),
                _ => builder.Append(c),
            };
        }

        return builder.Append('"').ToString();
    }

    /// <summary>A JSON string.</summary>
    public static string JsonString(string value)
    {
        var buffer = new ArrayBufferWriter<byte>(value.Length + 2);
        using (var writer = new Utf8JsonWriter(buffer, JsonWriter))
        {
            writer.WriteStringValue(value);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>An HCL quoted template string; <c>${</c> and <c>%{</c> are escaped so nothing is interpolated.</summary>
    public static string Hcl(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var next = i + 1 < value.Length ? value[i + 1] : '\0';
            _ = c switch
            {
                '\\' => builder.Append("\\\\"),
                '"' => builder.Append("\\\""),
                '\n' => builder.Append("\\n"),
                '\r' => builder.Append("\\r"),
                '\t' => builder.Append("\\t"),
                '$' when next == '{' => builder.Append("$$"),
                '%' when next == '{' => builder.Append("%%"),
                _ when char.IsControl(c) || c is '\u2028' or '\u2029' or '\uFEFF' => builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}"),
                _ => builder.Append(c),
            };
        }

        return builder.Append('"').ToString();
    }

    /// <summary>A Python string literal.</summary>
    public static string Python(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            _ = c switch
            {
                '\\' => builder.Append("\\\\"),
                '"' => builder.Append("\\\""),
                '\n' => builder.Append("\\n"),
                '\r' => builder.Append("\\r"),
                '\t' => builder.Append("\\t"),
                // Every control character is below U+0100, so two hex digits hold it.
                _ when char.IsControl(c) => builder.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}"),
                _ when c is '\u2028' or '\u2029' or '\uFEFF' => builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => builder.Append(c),
            };
        }

        return builder.Append('"').ToString();
    }

    /// <summary>A C# regular string literal.</summary>
    public static string CSharp(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            _ = c switch
            {
                '\\' => builder.Append("\\\\"),
                '"' => builder.Append("\\\""),
                '\n' => builder.Append("\\n"),
                '\r' => builder.Append("\\r"),
                '\t' => builder.Append("\\t"),
                _ when char.IsControl(c) || c is '\u2028' or '\u2029' or '\uFEFF' => builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}"),
                _ => builder.Append(c),
            };
        }

        return builder.Append('"').ToString();
    }

    /// <summary>Text for XML content or a double- or single-quoted attribute value.</summary>
    public static string Xml(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            _ = c switch
            {
                '&' => builder.Append("&amp;"),
                '<' => builder.Append("&lt;"),
                '>' => builder.Append("&gt;"),
                '"' => builder.Append("&quot;"),
                '\'' => builder.Append("&apos;"),
                '\n' or '\r' or '\t' => builder.Append(CultureInfo.InvariantCulture, $"&#{(int)c};"),
                _ => builder.Append(c),
            };
        }

        return builder.ToString();
    }

    /// <summary>
    /// Markdown inline text: characters that are markup anywhere (<c>\ ` * _ [ ] &lt; &gt; &amp; | ~ $</c>, the
    /// last for GitHub's math) are backslash-escaped, and so is a first character that would start a heading,
    /// list, quote or rule; spaces and tabs at either end become character references, which Markdown would
    /// otherwise trim or read as an indented code block. So the text reads back as itself and never as markup.
    /// </summary>
    public static string Markdown(string value)
    {
        var builder = new StringBuilder(value.Length);
        var leading = value.Length - value.TrimStart(' ', '\t').Length;
        var trailing = value.Length - value.TrimEnd(' ', '\t').Length;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (i < leading || i >= value.Length - trailing)
            {
                builder.Append(c == ' ' ? "&#32;" : "&#9;");
                continue;
            }

            // Stryker disable once Linq,Equality : escaping a '.' or ')' that starts no list is harmless, a backslash before ASCII punctuation reads as the punctuation
            var startsBlock = i == 0 && c is '#' or '-' or '+' or '=' or '>' or '.' or ')'
                || c is '.' or ')' && value[..i].All(char.IsAsciiDigit) && i > 0;
            if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '&' or '|' or '~' or '$' || startsBlock)
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
