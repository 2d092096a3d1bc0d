using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using MlPipeline.SageMakerPipelines.Code;
using MlPipeline.SageMakerPipelines.Validation;
using MlPipeline.Tests.Shared;

namespace MlPipeline.SageMakerPipelines.Tests.Builders;

/// <summary>The library README's tour of the builders is code that compiles, runs and gives a definition the validator accepts.</summary>
public partial class ReadmeTourTests
{
    [Fact]
    public void The_readmes_builder_example_compiles_and_gives_a_valid_definition()
    {
        var readme = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "src", "SageMakerPipelines", "README.md"));
        var tour = readme[readme.IndexOf("## A tour", StringComparison.Ordinal)..];
        tour = tour[..tour.IndexOf("\n## ", 1, StringComparison.Ordinal)];
        // Every C# block of the tour, in order: the builders, then the tuner, model and transformer added to the same pipeline.
        var snippet = string.Join("\n", CSharpBlock().Matches(tour).Select(m => m.Groups[1].Value));
        var source = "using System.Collections.Generic;\nusing MlPipeline.SageMakerPipelines;\nusing MlPipeline.SageMakerPipelines.Code;\n"
            + "public static class Tour { public static Pipeline Make(IReadOnlyDictionary<string, CodeBundle> code, string role) {\n"
            + snippet + "\nreturn pipeline; } }\n";
        var framework = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => p.StartsWith(framework, StringComparison.Ordinal)).Append(typeof(Pipeline).Assembly.Location)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create("Tour", [CSharpSyntaxTree.ParseText(source)], references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var assembly = new MemoryStream();
        var emitted = compilation.Emit(assembly);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));

        var code = new[] { ("prepare", "prepare.py"), ("train", "train.py"), ("inference", "inference.py") }
            .ToDictionary(c => c.Item1, c => CodeBundle.Create(c.Item1, [(c.Item2, Encoding.UTF8.GetBytes("print()\n"))]));
        var make = Assembly.Load(assembly.ToArray()).GetType("Tour")!.GetMethod("Make")!;
        var pipeline = (Pipeline)make.Invoke(null, [code, "arn:aws:iam::123456789012:role/Pipeline"])!;

        Assert.Empty(PipelineValidator.Validate(pipeline));
        Assert.Contains("\"LocalPath\": \"/opt/ml/processing/raw\"", pipeline.ToJson(), StringComparison.Ordinal);
        Assert.Equal(["Prepare", "Check", "Tune", "ServingModel", "Score"], pipeline.Steps.Select(st => st.Name));
    }

    [GeneratedRegex("```csharp\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();
}
