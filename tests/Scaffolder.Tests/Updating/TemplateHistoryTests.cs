using MlPipeline.Scaffolder.Diagnostics;
using MlPipeline.Scaffolder.Manifest;
using MlPipeline.Scaffolder.Rendering;
using MlPipeline.Scaffolder.Spec;
using MlPipeline.Scaffolder.Templates;
using MlPipeline.Tests.Shared;

namespace MlPipeline.Scaffolder.Tests.Updating;

/// <summary>The releases the tool carries for update: each renders offline, and each archive in releases/ is one.</summary>
public class TemplateHistoryTests
{
    [Fact]
    public void The_tool_carries_every_archived_release_and_each_renders_a_project()
    {
        var history = TemplateHistory.Embedded(TemplateCatalog.Embedded);
        var folder = Path.Combine(TestPaths.RepoRoot, "releases", "templates");
        var archived = Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.zip").Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal).ToList()
            : [];

        Assert.Equal([.. archived.Select(v => TemplateVersion.TryParse(v, out var parsed) ? parsed.Value : throw new Xunit.Sdk.XunitException($"releases/templates/{v}.zip is not named X.Y.Z.zip")).Order(), ReleaseVersion.Current], history.Versions);
        foreach (var version in history.Versions)
        {
            var catalog = history.Find(version)!;
            var diagnostics = new List<Diagnostic>();
            var spec = new SpecRequest { DefaultName = "Churn" }.Resolve(catalog[TemplateCatalog.ProjectTemplateId].Manifest, diagnostics);
            Assert.True(spec is not null, string.Join('\n', diagnostics));
            Assert.Equal(version, spec.TemplateVersion);
            var tree = new ProjectRenderer(catalog).Render(spec, diagnostics);
            Assert.True(tree is not null, $"template {version} no longer renders with this tool:\n" + string.Join('\n', diagnostics));
            Assert.Contains($"template_version: {version}\n", System.Text.Encoding.UTF8.GetString(tree.Find("mlpipeline.yaml")!.Content), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_carried_release_renders_what_that_release_rendered()
    {
        // The zip of this repository's templates/, read as the tool reads a carried release, renders byte for byte what
        // the tool's own templates render: nothing is lost or changed on the way through the archive.
        var diagnostics = new List<Diagnostic>();
        var spec = Infrastructure.Scaffold.Spec("iac=cloudformation", "ci=gitlab");
        var fromArchive = new ProjectRenderer(Releases.PreviousCatalog).Render(spec, diagnostics);
        var fromTool = new ProjectRenderer(TemplateCatalog.Embedded).Render(spec, diagnostics);

        Assert.Empty(diagnostics);
        Assert.Equal(fromTool!.Files.Select(f => (f.Path, f.Executable, Convert.ToHexString(f.Content))), fromArchive!.Files.Select(f => (f.Path, f.Executable, Convert.ToHexString(f.Content))));
    }
}
