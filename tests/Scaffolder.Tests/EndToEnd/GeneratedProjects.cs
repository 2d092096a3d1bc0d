using MlPipeline.Scaffolder.Tests.TemplatePack;

namespace MlPipeline.Scaffolder.Tests.EndToEnd;

/// <summary>
/// The tests that build and run generated projects from this repository's packages. They share one packing
/// (<see cref="PackagesFixture"/>) and run one after another within their collection; this collection and
/// <see cref="Deployments"/> run beside each other, which halves the wall time of the slow tests on two cores.
/// </summary>
[CollectionDefinition(Name)]
public sealed class GeneratedProjects : ICollectionFixture<PackagesFixture>, ICollectionFixture<TemplatePackFixture>
{
    public const string Name = "Generated projects";
}

/// <summary>
/// The deploy rehearsals and the CDK app checks, from the same packing as <see cref="GeneratedProjects"/>: one after
/// another (the CDK's command line comes from one npx cache), beside that collection.
/// </summary>
[CollectionDefinition(Name)]
public sealed class Deployments : ICollectionFixture<PackagesFixture>
{
    public const string Name = "Deployments";
}
