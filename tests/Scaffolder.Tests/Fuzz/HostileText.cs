using System.Text;

namespace MlPipeline.Scaffolder.Tests.Fuzz;

/// <summary>
/// A seeded corpus of hostile strings, by class: each string mixes fragments of its class with random plain text,
/// so the same seed gives the same strings on every machine.
/// </summary>
internal static class HostileText
{
    public static readonly IReadOnlyDictionary<string, string[]> Classes = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["quotes"] = ["\"", "'", "`", "\"\"\"", "'''", "\\\"", "''", "“", "”", "‘"],
        ["backslashes"] = ["\\", "\\\\", "\\n", "\\t", "\\u0041", "\\x41", "C:\\temp\\", "\\\\server\\share", "\\$", "\\{"],
        ["newlines and controls"] = ["\n", "\r\n", "\r", "\t", "\0", "\u0085", "\u2028", "\u2029", "\u001b[31m", "\f", "\u007f", "\u009b"],
        ["template syntax"] = ["${x}", "${{ secrets.X }}", "{{ x }}", "{{", "}}", "{% if %}", "%{ for }", "$(MSBuild)", "@(Items)", "{0}"],
        ["preprocessors"] = ["#if DEBUG", "#endif", "//#if (x)", "<!--#if x -->", "Condition=\"false\"", "#region", "//-:cnd:noEmit", "#!/bin/sh", "# -*- coding -*-", "#else"],
        ["markup"] = ["<!--", "-->", "<script>", "&amp;", "]]>", "<![CDATA[", "</add>", "<?xml ?>", "*emphasis*", "[link](x)"],
        ["yaml specials"] = [": ", "- ", "# ", "&anchor", "*alias", "!tag", "|", ">", "%YAML", "yes", "null", "~", "0x1F", "1e3", "---", "? "],
        ["hcl specials"] = ["${", "%{", "<<EOF", "EOF", "$${x}", "%%{", "/*", "*/", "//", "var.x"],
        ["non-ASCII"] = ["é", "ß", "日本語", "🚀", "👩‍💻", "مرحبا", "\u200b", "\u00a0", "e\u0301", "\ufeff", "Ω", "𝔘"],
        ["lone surrogates"] = ["\ud800", "\udfff", "a\ud83d", "\ude80b"],
        ["long"] = [new string('x', 10_240), new string('é', 300), new string('"', 2_000), new string('a', 201), new string('b', 200), new string('c', 499)],
        ["paths"] = ["../", "..\\", "/etc/passwd", "C:\\", "~/x", "./", "a/../../b", "%2e%2e%2f", "file:///", "\\\\?\\"],
    };

    /// <summary><paramref name="perClass"/> strings of every class, deterministic for a seed.</summary>
    public static List<(string Class, string Text)> Generate(int seed, int perClass)
    {
        var random = new Random(seed);
        const string Plain = "abcdefghijklmnopqrstuvwxyzABC0123456789 .-_";
        var result = new List<(string, string)>();
        foreach (var (name, fragments) in Classes)
        {
            for (var i = 0; i < perClass; i++)
            {
                var text = new StringBuilder();
                var parts = random.Next(1, 5);
                for (var p = 0; p < parts; p++)
                {
                    if (random.Next(3) == 0)
                    {
                        text.Append(Plain.AsSpan(random.Next(Plain.Length / 2), random.Next(1, Plain.Length / 2)));
                    }

                    text.Append(fragments[random.Next(fragments.Length)]);
                }

                result.Add((name, text.ToString()));
            }
        }

        return result;
    }
}
