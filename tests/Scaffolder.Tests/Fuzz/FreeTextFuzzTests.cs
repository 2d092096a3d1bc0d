using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Markdig;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using MlPipeline.Scaffolder.Diagnostics;
using MlPipeline.Scaffolder.Rendering;
using MlPipeline.Scaffolder.Spec;
using MlPipeline.Scaffolder.Templates;
using MlPipeline.Scaffolder.Tests.Infrastructure;
using MlPipeline.Tests.Shared;
using Xunit.Abstractions;
using YamlDotNet.RepresentationModel;

namespace MlPipeline.Scaffolder.Tests.Fuzz;

/// <summary>
/// 1,200 seeded hostile strings into every free-text option (name, description, owner, package_source): each
/// is refused with a diagnostic that names the option, or every file it changes still parses in its language
/// (YAML, JSON, XML, C# with Roslyn, HCL with HashiCorp's parser, Python with its compiler, Markdown), the
/// value reads back unchanged where the project records it, and no changed file holds a raw invisible character.
/// </summary>
public sealed class FreeTextFuzzTests(ITestOutputHelper log)
{
    private const int Seed = 20261127;
    private static readonly string[] FreeText = ["name", "description", "owner", "package_source"];
    // What GitHub renders: CommonMark with tables, strikethrough, autolinks, task lists and math.
    private static readonly MarkdownPipeline Markdown = new MarkdownPipelineBuilder()
        .UsePipeTables().UseEmphasisExtras().UseAutoLinks().UseTaskLists().UseMathematics().Build();

    private static readonly string[] Iacs = ["terraform", "cloudformation", "cdk"];

    // What a reader or an editor does not show as itself, so it must never land raw in a generated file: C0 controls
    // but tab and line feed, DEL, C1 controls, the Unicode line and paragraph separators and the byte-order mark.
    private static readonly char[] Invisible =
        [.. Enumerable.Range(0, 0x20).Where(c => c is not ('\t' or '\n')).Concat(Enumerable.Range(0x7F, 0x21)).Concat([0x2028, 0x2029, 0xFEFF]).Select(c => (char)c)];

    [Fact]
    public void Every_hostile_string_is_refused_clearly_or_generates_files_that_parse_and_read_back()
    {
        var corpus = HostileText.Generate(Seed, perClass: 100);
        Assert.True(corpus.Count >= 1_000);
        var manifest = Scaffold.Catalog[TemplateCatalog.ProjectTemplateId].Manifest;
        var renderer = new ProjectRenderer(Scaffold.Catalog);
        var baselines = Iacs.ToDictionary(iac => iac, iac => Scaffold.Render($"iac={iac}"), StringComparer.Ordinal);
        var outcomes = new SortedDictionary<(string Class, string Option), (int Refused, int Accepted)>();
        var hcl = new List<(string Name, byte[] Content, string Option, string Value)>();
        var python = new List<(string Name, string Source)>();
        var problems = new List<string>();

        foreach (var ((kind, text), index) in corpus.Select((c, i) => (c, i)))
        {
            foreach (var option in FreeText)
            {
                var iac = Iacs[index % Iacs.Length];
                var diagnostics = new List<Diagnostic>();
                var named = new Dictionary<string, string>(StringComparer.Ordinal) { [option] = text, ["iac"] = iac };
                var spec = new SpecRequest { Named = named, DefaultName = "Churn" }.Resolve(manifest, diagnostics);
                var (refused, accepted) = outcomes.GetValueOrDefault((kind, option));
                if (spec is null)
                {
                    outcomes[(kind, option)] = (refused + 1, accepted);
                    if (diagnostics.Count == 0 || diagnostics.Any(d => !d.Location.Contains(option.Replace('_', '-'), StringComparison.Ordinal) && !d.Location.Contains(option, StringComparison.Ordinal)))
                    {
                        problems.Add($"{option} = {Show(text)}: refused without naming the option: {string.Join(" | ", diagnostics)}");
                    }

                    continue;
                }

                outcomes[(kind, option)] = (refused, accepted + 1);
                var tree = renderer.Render(spec, diagnostics);
                if (tree is null)
                {
                    problems.Add($"{option} = {Show(text)}: accepted but the templates failed: {string.Join(" | ", diagnostics)}");
                    continue;
                }

                var baseline = baselines[iac];
                foreach (var file in tree.Files.Where(f => baseline.Find(f.Path) is not { } b || !b.Content.AsSpan().SequenceEqual(f.Content)))
                {
                    var where = $"{option} = {Show(text)}: {file.Path}";
                    try
                    {
                        var content = Encoding.UTF8.GetString(file.Content);
                        if (content.IndexOfAny(Invisible) is >= 0 and var at)
                        {
                            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{where}: U+{(int)content[at]:X4} lands raw at offset {at}"));
                        }

                        switch (Path.GetExtension(file.Path))
                        {
                            case ".tf":
                                hcl.Add(($"{hcl.Count:D5}-{Path.GetFileName(file.Path)}", file.Content, option, text));
                                break;
                            case ".py":
                                python.Add((where, content));
                                break;
                            default:
                                CheckFile(file.Path, content, option, option == "name" ? spec.Name : text);
                                break;
                        }
                    }
#pragma warning disable CA1031 // every failure is a finding to report, with the input that caused it
                    catch (Exception e)
#pragma warning restore CA1031
                    {
                        problems.Add($"{where}: {e.GetType().Name}: {e.Message}");
                    }
                }
            }
        }

        problems.AddRange(CheckHcl(hcl));
        problems.AddRange(CheckPython(python));
        log.WriteLine("| class | option | tried | refused | accepted, all files parse and read back |");
        log.WriteLine("|---|---|---|---|---|");
        foreach (var ((kind, option), (refused, accepted)) in outcomes)
        {
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {kind} | {option} | {refused + accepted} | {refused} | {accepted} |"));
        }

        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{corpus.Count} strings x {FreeText.Length} options; {hcl.Count} Terraform files through the HCL parser; {problems.Count} problem(s)."));
        Assert.True(problems.Count == 0, string.Join('\n', problems.Take(30)));
    }

    /// <summary>Parses one changed file by its type and, where the project records the value, reads it back.</summary>
    private static void CheckFile(string path, string content, string option, string value)
    {
        switch (Path.GetExtension(path))
        {
            case ".yaml" or ".yml":
                var yaml = new YamlStream();
                yaml.Load(new StringReader(content));
                var root = (YamlMappingNode)yaml.Documents.Single().RootNode;
                if (path == "mlpipeline.yaml")
                {
                    Expect(value, ((YamlScalarNode)root["options"][option]).Value, path);
                }
                else if (path.EndsWith("stack.yaml", StringComparison.Ordinal) && option == "owner")
                {
                    Expect(value, ((YamlScalarNode)root["Parameters"]["Owner"]["Default"]).Value, path);
                }

                break;
            case ".json":
                JsonDocument.Parse(content).Dispose();
                break;
            case ".cs":
                var syntax = CSharpSyntaxTree.ParseText(content);
                var errors = syntax.GetDiagnostics().Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).ToList();
                Assert.True(errors.Count == 0, $"{path}: {string.Join("; ", errors)}");
                if (option == "description" && path.EndsWith("Pipeline.cs", StringComparison.Ordinal))
                {
                    var assignment = syntax.GetRoot().DescendantNodes().OfType<AssignmentExpressionSyntax>()
                        .Single(a => a.Left.ToString() == "Description");
                    Expect(value, ((LiteralExpressionSyntax)assignment.Right).Token.ValueText, path);
                }

                if (option == "owner" && path.EndsWith("StackSettings.cs", StringComparison.Ordinal))
                {
                    // The CDK app's default Owner tag.
                    var owner = syntax.GetRoot().DescendantNodes().OfType<PropertyDeclarationSyntax>().Single(p => p.Identifier.Text == "Owner");
                    Expect(value, ((LiteralExpressionSyntax)owner.Initializer!.Value).Token.ValueText, path);
                }

                break;
            case ".props" or ".csproj" or ".config" or ".slnx":
                var xml = XDocument.Parse(content);
                if (path == "nuget.config")
                {
                    Expect(value, xml.Descendants("add").Single(a => (string?)a.Attribute("key") == "mlpipeline").Attribute("value")!.Value, path);
                }

                break;
            case ".md":
                var plain = Markdig.Markdown.ToPlainText(content, Markdown);
                if (option is "description" or "owner")
                {
                    Assert.True(plain.Contains(value, StringComparison.Ordinal), $"{path}: the plain text does not contain {Show(value)}");
                }

                break;
            default:
                // Other files a free-text answer reaches (.gitignore, .editorconfig, ...) have no parser to ask.
                break;
        }
    }

    private static List<string> CheckHcl(List<(string Name, byte[] Content, string Option, string Value)> files)
    {
        var problems = new List<string>();
        foreach (var batch in files.Chunk(400))
        {
            using var parsed = Hcl.Parse(batch.Select(f => (f.Name, f.Content)));
            foreach (var file in batch.Where(f => f.Name.EndsWith("variables.tf", StringComparison.Ordinal) && f.Option == "owner"))
            {
                var actual = parsed.RootElement.GetProperty(file.Name).GetProperty("variable").GetProperty("owner")[0].GetProperty("default").GetString();
                if (actual != file.Value)
                {
                    problems.Add($"owner = {Show(file.Value)}: variables.tf reads back {Show(actual ?? "")}");
                }
            }
        }

        return problems;
    }

    /// <summary>Compiles every changed Python file with the interpreter's own compiler, in one process.</summary>
    private static string[] CheckPython(List<(string Name, string Source)> files)
    {
        if (files.Count == 0)
        {
            return [];
        }

        const string Script = "import json, sys\nfor name, source in json.load(sys.stdin):\n    try:\n        compile(source, name, 'exec')\n    except SyntaxError as e:\n        print(f'{name}: {e}')\n";
        var result = ProcessRunner.Run("python3", ["-c", Script], input: JsonSerializer.Serialize(files.Select(f => new[] { f.Name, f.Source })));
        return result.ExitCode != 0 ? [result.All] : result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private static void Expect(string expected, string? actual, string path) =>
        Assert.True(expected == actual, $"{path} reads back {Show(actual ?? "(nothing)")}");

    private static string Show(string text) =>
        JsonSerializer.Serialize(text.Length > 60 ? text[..60] + $"… ({text.Length} chars)" : text);
}
