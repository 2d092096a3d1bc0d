using BenchmarkDotNet.Attributes;
using MlPipeline.Scaffolder.Diagnostics;
using MlPipeline.Scaffolder.Rendering;
using MlPipeline.Scaffolder.Spec;
using MlPipeline.Scaffolder.Templates;

namespace MlPipeline.Scaffolder.Benchmarks;

/// <summary>Rendering a whole project in process: spec resolution plus every template, no disk.</summary>
[MemoryDiagnoser]
[MedianColumn]
#pragma warning disable CA1515, CA1822 // BenchmarkDotNet needs public instance benchmark methods
public class RenderBenchmarks
{
    private readonly TemplateCatalog _catalog = TemplateCatalog.Embedded;

    [Params("terraform", "cloudformation")]
    public string Iac { get; set; } = "terraform";

    [Benchmark]
    public int RenderProject()
    {
        var diagnostics = new List<Diagnostic>();
        var spec = new SpecRequest { DefaultName = "Churn", Set = ["iac=" + Iac] }
            .Resolve(_catalog[TemplateCatalog.ProjectTemplateId].Manifest, diagnostics)
            ?? throw new InvalidOperationException(string.Join('\n', diagnostics));
        var tree = new ProjectRenderer(_catalog).Render(spec, diagnostics)
            ?? throw new InvalidOperationException(string.Join('\n', diagnostics));
        return tree.Files.Count;
    }
}
