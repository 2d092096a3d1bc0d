using MlPipeline.Scaffolder.Diagnostics;
using MlPipeline.Scaffolder.Rendering;
using MlPipeline.Scaffolder.Spec;
using MlPipeline.Scaffolder.Templates;


namespace MlPipeline.Scaffolder.Tests.Infrastructure;

/// <summary>Shortcuts for rendering the real templates in memory.</summary>
internal static class Scaffold
{
    public static TemplateCatalog Catalog => TemplateCatalog.Embedded;

    public static ProjectSpec Spec(params string[] set)
    {
        var diagnostics = new List<Diagnostic>();
        var spec = new SpecRequest { Set = set, DefaultName = "Churn" }
            .Resolve(Catalog[TemplateCatalog.ProjectTemplateId].Manifest, diagnostics);
        Assert.True(spec is not null, string.Join('\n', diagnostics));
        return spec;
    }

    public static GeneratedTree Render(params string[] set)
    {
        var diagnostics = new List<Diagnostic>();
        var tree = new ProjectRenderer(Catalog).Render(Spec(set), diagnostics);
        Assert.True(tree is not null, string.Join('\n', diagnostics));
        return tree;
    }

    public static string Text(this GeneratedTree tree, string path) =>
        System.Text.Encoding.UTF8.GetString((tree.Find(path) ?? throw new Xunit.Sdk.XunitException($"{path} was not generated; files: {string.Join(", ", tree.Files.Select(f => f.Path))}")).Content);
}
