using System.Text;
using System.Xml.Linq;
using MlPipeline.Scaffolder.Rendering;
using MlPipeline.Scaffolder.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MlPipeline.Scaffolder.Tests.Names;

/// <summary>
/// Every name the rule accepts gives a project whose C# compiles: the project's namespace must not hide a type the
/// generated code uses (a project named Path made <c>Path.Combine</c> mean the namespace Path). The generated C# of
/// both projects (the pipeline and its tests) is compiled with Roslyn against the same assemblies the real build
/// uses, with the SDK's implicit usings and the csproj's Using items, for every type and namespace name the generated
/// code refers to (read from the code itself) and common ones, each as the whole name and as the last part of a
/// dotted name. The slow Fuzz/FuzzedProjectBuildTests builds four such projects for real.
/// </summary>
public class ProjectNameTests
{
    /// <summary>Names any project might pick, besides those the generated code uses.</summary>
    public static readonly string[] Common =
    [
        "Environment", "Path", "File", "Task", "Parameter", "Pipeline", "Console", "System", "Xunit", "Amazon", "MlPipeline",
        "Directory", "Tests", "Program", "App", "Linq", "Json", "Text", "IO", "Collections", "Threading", "Assert", "Fact",
    ];

    // What Microsoft.NET.Sdk adds with ImplicitUsings=enable (Directory.Build.props of the generated project).
    private static readonly string[] ImplicitUsings =
        ["System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks"];

    private static readonly Lazy<IReadOnlyList<MetadataReference>> References = new(() =>
    {
        // The framework, the MlPipeline packages and xunit, as this test process loaded them.
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var framework = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        string[] packages = ["MlPipeline.SageMakerPipelines", "MlPipeline.SageMakerPipelines.Cli", "System.CommandLine", "Spectre.Console", "AWSSDK.Core", "AWSSDK.S3",
            "xunit.core", "xunit.assert", "xunit.abstractions"];
        return trusted.Where(p => p.StartsWith(framework, StringComparison.Ordinal) || packages.Contains(Path.GetFileNameWithoutExtension(p)))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToList();
    });

    [Fact]
    public void The_names_tested_include_every_type_and_namespace_the_generated_code_uses()
    {
        var used = UsedNames();

        Assert.Contains("Path", used);
        Assert.Contains("Parameter", used);
        Assert.Contains("Task", used);
        Assert.Contains("PipelineSettings", used);
        Assert.True(used.Count > 40, string.Join(", ", used));
    }

    [Fact]
    public void Every_accepted_name_gives_a_project_whose_csharp_compiles()
    {
        var names = UsedNames().Concat(Common).Distinct(StringComparer.Ordinal)
            .SelectMany(name => new[] { name, $"Acme.{name}" })
            .Where(name => Accepted(name))
            .ToList();
        var failures = new List<string>();

        // One after another: the suite runs other tests beside this one, on few cores.
        foreach (var name in names)
        {
            var errors = Compile(name);
            if (errors.Count > 0)
            {
                failures.Add($"{name}:\n  {string.Join("\n  ", errors.Take(5))}");
            }
        }

        Assert.True(names.Count > 80, $"only {names.Count} names");
        Assert.True(failures.Count == 0, $"{failures.Count} of {names.Count} names give C# that does not compile:\n{string.Join('\n', failures)}");
    }

    [Fact]
    public void The_check_finds_a_name_that_hides_a_type()
    {
        // The same compilation with the generated code's usings moved back outside the namespace, as they were when
        // a project named Path did not build: the check must see the error, or it checks nothing.
        var errors = Compile("Path", UsingsOutside);

        Assert.Contains(errors, e => e.Contains("CS0234", StringComparison.Ordinal) || e.Contains("CS0118", StringComparison.Ordinal));
    }

    private static string UsingsOutside(string code)
    {
        var lines = code.Split('\n').ToList();
        var declaration = lines.FindIndex(l => l.StartsWith("namespace ", StringComparison.Ordinal));
        if (declaration < 0)
        {
            return code;
        }

        var line = lines[declaration];
        lines.RemoveAt(declaration);
        lines.Insert(lines.FindLastIndex(l => l.StartsWith("using ", StringComparison.Ordinal)) + 1, line);
        return string.Join('\n', lines).Replace("using global::", "using ", StringComparison.Ordinal);
    }

    /// <summary>Type and namespace names the generated C# refers to by a simple name, as the compiler binds them.</summary>
    private static HashSet<string> UsedNames()
    {
        var (pipeline, tests) = Compilations("Churn", code => code);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var compilation in new[] { pipeline, tests })
        {
            foreach (var tree in compilation.SyntaxTrees)
            {
                var model = compilation.GetSemanticModel(tree);
                foreach (var name in tree.GetRoot().DescendantNodes().OfType<SimpleNameSyntax>())
                {
                    var symbol = model.GetSymbolInfo(name).Symbol ?? model.GetSymbolInfo(name).CandidateSymbols.FirstOrDefault();
                    if (symbol is INamespaceOrTypeSymbol or IMethodSymbol { MethodKind: MethodKind.Constructor })
                    {
                        names.Add(name.Identifier.ValueText);
                        if (name.Parent is AttributeSyntax)
                        {
                            names.Add(name.Identifier.ValueText + "Attribute");
                        }
                    }
                }
            }
        }

        return names;
    }

    private static List<string> Compile(string name, Func<string, string>? edit = null)
    {
        var (pipeline, tests) = Compilations(name, edit ?? (code => code));
        return pipeline.GetDiagnostics().Concat(tests.GetDiagnostics())
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d => $"{d.Id} {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)} ({d.Location.GetLineSpan()})")
            .ToList();
    }

    /// <summary>The generated pipeline project and its test project as Roslyn compilations.</summary>
    private static (CSharpCompilation Pipeline, CSharpCompilation Tests) Compilations(string name, Func<string, string> edit)
    {
        var tree = Scaffold.Render($"name={name}");
        var forms = NameForms.Compute(name);
        var options = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest);
        CSharpCompilation Project(string folder, OutputKind kind, IEnumerable<MetadataReference> extra)
        {
            var files = tree.Files.Where(f => f.Path.StartsWith(folder + "/", StringComparison.Ordinal)).ToList();
            var csproj = XDocument.Parse(Encoding.UTF8.GetString(files.Single(f => f.Path.EndsWith(".csproj", StringComparison.Ordinal)).Content));
            var usings = ImplicitUsings.Concat(csproj.Descendants("Using").Select(u => (string)u.Attribute("Include")!));
            var global = CSharpSyntaxTree.ParseText(string.Concat(usings.Select(u => $"global using global::{u};\n")), options, "GlobalUsings.g.cs");
            var sources = files.Where(f => f.Path.EndsWith(".cs", StringComparison.Ordinal))
                .Select(f => CSharpSyntaxTree.ParseText(edit(Encoding.UTF8.GetString(f.Content)), options, f.Path));
            return CSharpCompilation.Create(
                $"{name}.{Path.GetFileName(folder)}",
                [global, .. sources],
                [.. References.Value, .. extra],
                new CSharpCompilationOptions(kind, nullableContextOptions: NullableContextOptions.Enable));
        }

        var pipeline = Project($"src/{name}.Pipeline", OutputKind.ConsoleApplication, []);
        var tests = Project($"tests/{name}.Pipeline.Tests", OutputKind.DynamicallyLinkedLibrary, [pipeline.ToMetadataReference()]);
        Assert.NotEmpty(forms);
        return (pipeline, tests);
    }

    private static bool Accepted(string name) => Mlpipeline.Run("new", "/nonexistent/x", "--dry-run", "--name", name).Code == 0;
}
