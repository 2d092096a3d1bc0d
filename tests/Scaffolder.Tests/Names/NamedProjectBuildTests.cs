using MlPipeline.Scaffolder.Tests.EndToEnd;
using MlPipeline.Scaffolder.Tests.Infrastructure;
using MlPipeline.Tests.Shared;

namespace MlPipeline.Scaffolder.Tests.Names;

/// <summary>
/// Projects named like the types their code uses, built for real: with warnings as errors, its tests compiled, and its
/// pipeline validated through its own command line. These names did not build before the generated C# took its
/// names from global:: (<see cref="ProjectNameTests"/> checks every name with Roslyn).
/// </summary>
[Trait("Category", "Slow")]
[Collection(GeneratedProjects.Name)]
public sealed class NamedProjectBuildTests(PackagesFixture packages)
{
    public static TheoryData<string> Names() => ["Environment", "Acme.Path", "Task"];

    [Theory]
    [MemberData(nameof(Names))]
    public void A_project_named_like_a_type_it_uses_builds_and_validates(string name)
    {
        using var temp = new TempDirectory();
        var project = temp.Combine(name);

        var created = Mlpipeline.Run("new", project, "--no-git", "--package-source", packages.Folder);
        Assert.True(created.Code == 0, created.Error);

        var build = ProcessRunner.Run("dotnet", ["build", "--configuration", "Release", "-warnaserror", "--nologo"], project, timeout: TimeSpan.FromMinutes(5));
        Assert.True(build.ExitCode == 0, $"{name}:\n{build.All}");
        var validate = ProcessRunner.Run("dotnet", ["run", "--no-build", "--configuration", "Release", "--project", $"src/{name}.Pipeline", "--", "validate"], project, timeout: TimeSpan.FromMinutes(2));
        Assert.True(validate.ExitCode == 0, validate.All);
    }
}
