using MlPipeline.Scaffolder.Tests.TemplatePack;

namespace MlPipeline.Scaffolder.Tests.EndToEnd;

/// <summary>
/// The tests that pack this repository and build generated projects share one packing and run one after another:
/// eng/pack.sh drops cached copies of the packages from the NuGet cache, which must not happen while another
/// test restores or builds from it.
/// </summary>
[CollectionDefinition(Name)]
public sealed class GeneratedProjects : ICollectionFixture<PackagesFixture>, ICollectionFixture<TemplatePackFixture>
{
    public const string Name = "Generated projects";
}
