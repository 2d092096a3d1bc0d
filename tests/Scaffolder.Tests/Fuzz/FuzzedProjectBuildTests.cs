using MlPipeline.Scaffolder.Tests.EndToEnd;
using MlPipeline.Scaffolder.Tests.Infrastructure;
using MlPipeline.Tests.Shared;

namespace MlPipeline.Scaffolder.Tests.Fuzz;

/// <summary>
/// A sample of the fuzz corpus all the way: the generated C# project builds with warnings as errors and its
/// pipeline validates, with hostile strings (the corpus's seed) as description and owner. Each project is named like
/// a type its own code uses (Environment, Path, Task, Xunit), names that did not build before the generated C# took
/// framework names from global:: (Names/ProjectNameTests checks every such name with Roslyn).
/// </summary>
[Trait("Category", "Slow")]
[Collection(GeneratedProjects.Name)]
public sealed class FuzzedProjectBuildTests(PackagesFixture packages)
{
    public static TheoryData<string, string> Classes() => new()
    {
        { "quotes", "Environment" },
        { "template syntax", "Acme.Path" },
        { "non-ASCII", "Task" },
        { "backslashes", "Xunit" },
    };

    [Theory]
    [MemberData(nameof(Classes))]
    public void A_project_with_hostile_text_and_a_name_like_a_type_builds_and_validates(string kind, string name)
    {
        // The first strings of the class that the generator accepts for each option, from the same seeded corpus.
        var corpus = HostileText.Generate(20261127, perClass: 100).Where(c => c.Class == kind).Select(c => c.Text).ToList();
        var description = corpus.First(text => Generates(["--description", text]));
        var owner = corpus.Concat(["Data Team"]).First(text => Generates(["--owner", text]));
        using var temp = new TempDirectory();
        var project = temp.Combine(name);

        var created = Mlpipeline.Run("new", project, "--no-git", "--package-source", packages.Folder, "--description", description, "--owner", owner);
        Assert.True(created.Code == 0, created.Error);

        var build = ProcessRunner.Run("dotnet", ["build", "--configuration", "Release", "-warnaserror", "--nologo"], project, timeout: TimeSpan.FromMinutes(5));
        Assert.True(build.ExitCode == 0, $"{name}, description {description}, owner {owner}:\n{build.All}");
        var validate = ProcessRunner.Run("dotnet", ["run", "--no-build", "--configuration", "Release", "--project", $"src/{name}.Pipeline", "--", "validate"], project, timeout: TimeSpan.FromMinutes(2));
        Assert.True(validate.ExitCode == 0, validate.All);
    }

    private static bool Generates(string[] options) => Mlpipeline.Run(["new", "/nonexistent/Churn", "--dry-run", .. options]).Code == 0;
}
