using System.Text;
using System.Text.Json;
using Markdig;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using MlPipeline.Scaffolder.Rendering;
using MlPipeline.Scaffolder.Tests.Infrastructure;
using MlPipeline.Tests.Shared;
using YamlDotNet.RepresentationModel;

namespace MlPipeline.Scaffolder.Tests.Rendering;

/// <summary>Every escaping function reads back as its input in that format's real parser.</summary>
public class EscapingTests
{
    public static readonly string[] Hostile =
    [
        "plain", "", " leading and trailing ", "it's \"quoted\"", "back\\slash\\", "C:\\path\\n", "two\nlines", "cr\r\nlf", "tab\there",
        "${var.secret}", "$${already}", "%{ if true }x%{ endif }", "{{ project.name }}", "{% raw %}", "#if DEBUG", "//#if X", "<!-- comment -->",
        "key: value", "- item", "# comment", "&anchor", "*alias", "!tag", "| block", "> folded", "'single'", "%YAML", "@at", "`tick`",
        "null", "true", "~", "0x1F", "1e3", "no", "é è ü ß", "日本語", "emoji 😀 and 👩‍💻", "\u2028line\u2029para", "nel\u0085", "\uFEFFbom",
        "del\u007F", "bell\a", "nul\0", "esc\u001B[31m", "\"\"\"triple\"\"\"", "'''", "\\u0041", "\\x41", "end\\",
        "<script>alert(1)</script>", "a & b < c > d", "trailing\\", new string('x', 10_000),
        "\tindented", "    four spaces", "\t", "$x$ math $y$", "cost $5 or $$10",
    ];

    public static TheoryData<string> Values() => [.. Hostile];

    [Theory]
    [MemberData(nameof(Values))]
    public void Yaml_reads_back_equal_with_YamlDotNet(string value)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader("key: " + Escaping.Yaml(value) + "\n"));

        var mapping = (YamlMappingNode)stream.Documents[0].RootNode;
        Assert.Equal(value, ((YamlScalarNode)mapping.Children[new YamlScalarNode("key")]).Value);
    }

    [Theory]
    [MemberData(nameof(Values))]
    public void Json_reads_back_equal_with_System_Text_Json(string value)
    {
        Assert.Equal(value, JsonSerializer.Deserialize<string>(Escaping.JsonString(value)));
    }

    [Theory]
    [MemberData(nameof(Values))]
    public void CSharp_reads_back_equal_with_Roslyn(string value)
    {
        var literal = Escaping.CSharp(value);
        var expression = SyntaxFactory.ParseExpression(literal);

        Assert.Empty(expression.GetDiagnostics());
        Assert.Equal(value, ((LiteralExpressionSyntax)expression).Token.ValueText);
    }

    [Theory]
    [MemberData(nameof(Values))]
    public void Xml_reads_back_equal_as_attribute_and_text(string value)
    {
        if (value.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r')))
        {
            return; // XML 1.0 cannot carry these at all; the spec validator refuses them (SCAF018).
        }

        var document = System.Xml.Linq.XDocument.Parse($"<a b=\"{Escaping.Xml(value)}\">{Escaping.Xml(value)}</a>", System.Xml.Linq.LoadOptions.PreserveWhitespace);

        Assert.Equal(value, document.Root!.Attribute("b")!.Value);
        Assert.Equal(value, document.Root.Value);
    }

    [Theory]
    [InlineData("A machine-learning pipeline.")]
    [InlineData("# not a heading")]
    [InlineData("- not a list")]
    [InlineData("1. not a list")]
    [InlineData("> not a quote")]
    [InlineData("*not emphasis* and _not_ either")]
    [InlineData("[not](a link) ![nor](an image)")]
    [InlineData("<b>not html</b> &amp; not an entity")]
    [InlineData("`not code` | not | a table | ~~no strike~~")]
    [InlineData("back\\slash")]
    [InlineData("2024. not a list either")]
    [InlineData("  two spaces ahead and a tab behind\t")]
    [InlineData("\tnot code")]
    public void Markdown_reads_back_as_plain_text_with_Markdig(string value)
    {
        var pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();
        var text = Markdown.ToPlainText(Escaping.Markdown(value), pipeline).TrimEnd('\n');

        Assert.Equal(value, text);
    }

    [Fact]
    public void Python_reads_back_equal_with_the_real_interpreter()
    {
        using var temp = new TempDirectory();
        var values = Hostile.Where(v => !v.Contains('\0', StringComparison.Ordinal)).ToList();
        var script = new StringBuilder("import json, sys\nvalues = [\n");
        foreach (var value in values)
        {
            script.Append("    ").Append(Escaping.Python(value)).Append(",\n");
        }

        script.Append("]\nsys.stdout.write(json.dumps(values, ensure_ascii=True))\n");
        var path = temp.Combine("values.py");
        File.WriteAllText(path, script.ToString(), new UTF8Encoding(false));

        var result = ProcessRunner.Run("python3", [path]);

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Equal(values, JsonSerializer.Deserialize<List<string>>(result.Output));
    }

    [Fact]
    public void Hcl_reads_back_equal_with_HashiCorps_parser()
    {
        var hcl = new StringBuilder("locals {\n");
        for (var i = 0; i < Hostile.Length; i++)
        {
            hcl.Append("  v").Append(i).Append(" = ").Append(Escaping.Hcl(Hostile[i])).Append('\n');
        }

        using var parsed = Hcl.Parse([("values.tf", new UTF8Encoding(false).GetBytes(hcl.Append("}\n").ToString()))]);

        var locals = parsed.RootElement.GetProperty("values.tf").GetProperty("locals")[0];
        for (var i = 0; i < Hostile.Length; i++)
        {
            // hcl2json prints strings in HCL's JSON syntax, where "${" and "%{" are written "$${" and "%%{" too.
            var read = locals.GetProperty($"v{i}").GetString()!.Replace("$${", "${", StringComparison.Ordinal).Replace("%%{", "%{", StringComparison.Ordinal);
            Assert.True(Hostile[i] == read, $"value {i}: expected {JsonSerializer.Serialize(Hostile[i])}, read {JsonSerializer.Serialize(read)}");
        }
    }

    /// <summary>
    /// Every character a reader or an editor does not show as itself: C0 controls, DEL, C1 controls, the Unicode line
    /// and paragraph separators and the byte-order mark.
    /// </summary>
    private static readonly string NonPrintable = string.Concat(
        Enumerable.Range(0, 0x20).Concat(Enumerable.Range(0x7F, 0x21)).Concat([0x2028, 0x2029, 0xFEFF]).Select(c => (char)c));

    public static TheoryData<string> Formats() => ["yaml", "json", "python", "csharp", "hcl"];

    [Theory]
    [MemberData(nameof(Formats))]
    public void No_non_printable_character_lands_raw_in_a_generated_literal(string format)
    {
        Func<string, string> escape = format switch
        {
            "yaml" => Escaping.Yaml,
            "json" => Escaping.JsonString,
            "python" => Escaping.Python,
            "csharp" => Escaping.CSharp,
            _ => Escaping.Hcl,
        };

        foreach (var c in NonPrintable)
        {
            var literal = escape($"a{c}b");

            Assert.True(literal.IndexOfAny(NonPrintable.ToCharArray()) < 0, $"{format} leaves U+{(int)c:X4} raw: {JsonSerializer.Serialize(literal)}");
        }
    }
}
