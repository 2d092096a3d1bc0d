using System.Text;
using MlPipeline.Scaffolder.Diagnostics;
using MlPipeline.Scaffolder.Packing;
using MlPipeline.Scaffolder.Rendering;
using MlPipeline.Scaffolder.Tests.EndToEnd;
using MlPipeline.Scaffolder.Tests.Infrastructure;
using MlPipeline.Tests.Shared;

namespace MlPipeline.Scaffolder.Tests.TemplatePack;

/// <summary>
/// `dotnet new mlpipeline`, run by the real engine from the packed template package, against `mlpipeline new`:
/// byte-identical trees (run bits included) for every combination of the options dotnet new exposes and three
/// kinds of name; the committed snapshots; names only dotnet new takes; and its help.
/// </summary>
[Trait("Category", "Slow")]
[Collection(GeneratedProjects.Name)]
public sealed class DotnetNewTests(TemplatePackFixture pack)
{
    private static readonly string[] Regions = ["us-east-1", "eu-west-1", "ap-southeast-2", "sa-east-1", "eu-central-2", "us-west-2"];

    public static TheoryData<string, string, string, string, string, string, string, string> Combinations()
    {
        // tuning and batch_transform take every pair of values with each framework across the rows; accounts both
        // values with each infrastructure tool and each CI system.
        var data = new TheoryData<string, string, string, string, string, string, string, string>();
        var row = 0;
        foreach (var name in new[] { "Churn", "Acme.Churn", "Fraud2Detect9" })
        {
            foreach (var iac in new[] { "terraform", "cloudformation", "cdk" })
            {
                foreach (var ci in new[] { "github", "gitlab", "none" })
                {
                    foreach (var framework in new[] { "sklearn", "xgboost" })
                    {
                        var accounts = (row / 3 + row / 18) % 2 == 1 ? "multi" : "single";
                        data.Add(name, iac, ci, framework, Regions[row % Regions.Length], (row / 2 % 2 == 1).ToString().ToLowerInvariant(), (row / 4 % 2 == 1).ToString().ToLowerInvariant(), accounts);
                        row++;
                    }
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Combinations))]
    public void Dotnet_new_makes_the_same_tree_as_the_generator(string name, string iac, string ci, string framework, string region, string tuning, string batchTransform, string accounts)
    {
        using var temp = new TempDirectory();
        var options = new[] { "--iac", iac, "--ci", ci, "--framework", framework, "--region", region, "--tuning", tuning, "--batch-transform", batchTransform, "--accounts", accounts };

        var created = pack.DotnetNew(["mlpipeline", "-n", name, "-o", temp.Combine("dotnet-new"), .. options], temp.Path);
        Assert.True(created.ExitCode == 0, created.All);
        Assert.Equal("The template \"ML pipeline for Amazon SageMaker\" was created successfully.", created.Output.Trim());
        Generate(temp.Combine("generator"), ["--name", name, .. options]);

        AssertSameTree(temp.Combine("generator"), temp.Combine("dotnet-new"));
    }

    [Fact]
    public void The_project_carries_the_library_packages_of_this_version_as_its_own_feed()
    {
        using var temp = new TempDirectory();
        var created = pack.DotnetNew(["mlpipeline", "-n", "Churn", "-o", temp.Combine("Churn")], temp.Path);
        Assert.True(created.ExitCode == 0, created.All);

        var packages = Directory.GetFiles(temp.Combine("Churn", "packages")).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        var version = Manifest.ReleaseVersion.Current;
        Assert.Equal([$"MlPipeline.SageMakerPipelines.{version}.nupkg", $"MlPipeline.SageMakerPipelines.Cli.{version}.nupkg"], packages);
        // The same packages the template package was made with, byte for byte: the engine copied, never rewrote them.
        using var package = System.IO.Compression.ZipFile.OpenRead(pack.Package);
        foreach (var name in packages)
        {
            using var carried = package.GetEntry($"content/mlpipeline/{TemplatePackCompiler.CommonFolder}/packages/{name}")!.Open();
            using var copy = new MemoryStream();
            carried.CopyTo(copy);
            Assert.Equal(copy.ToArray(), File.ReadAllBytes(temp.Combine("Churn", "packages", name!)));
        }
    }

    [Theory]
    [InlineData("terraform-github", new[] { "-n", "Acme.Churn", "--iac", "terraform", "--ci", "github", "--region", "eu-west-2" })]
    [InlineData("cloudformation-gitlab", new[] { "-n", "Acme.Churn-Model", "-I", "cloudformation", "-c", "gitlab", "-r", "eu-west-1" })]
    public void Dotnet_new_matches_the_committed_snapshot(string scenario, string[] arguments)
    {
        using var temp = new TempDirectory();
        var target = temp.Combine("Churn");
        var created = pack.DotnetNew(["mlpipeline", "-o", target, .. arguments], temp.Path);
        Assert.True(created.ExitCode == 0, created.All);

        // The package files are checked byte for byte against the template package above; the snapshot holds the rest.
        Snapshot.Verify(scenario, new GeneratedTree(ReadTree(target).Files.Where(f => !f.Path.StartsWith("packages/", StringComparison.Ordinal))));
    }

    [Theory]
    [InlineData("My Churn", "My-Churn")]
    [InlineData("2fast", "fast")]
    [InlineData("Café", "Caf")]
    [InlineData("Churn-", "Churn")]
    [InlineData("Sthree-Data", "Project-Sthree-Data")]
    [InlineData("class", "Class")]
    [InlineData("Acme.if", "Acme.If")]
    public void A_name_the_generator_refuses_becomes_the_project_of_a_valid_name(string name, string valid)
    {
        using var temp = new TempDirectory();
        var refused = Mlpipeline.Run("new", temp.Combine("refused"), "--name", name, "--no-git");
        Assert.Equal(ExitCodes.InvalidData, refused.Code);
        Assert.Contains("name", refused.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp.Combine("refused")));

        var created = pack.DotnetNew(["mlpipeline", "-n", name, "-o", temp.Combine("dotnet-new")], temp.Path);
        Assert.True(created.ExitCode == 0, created.All);
        Assert.Contains("is not a valid project name", created.Output, StringComparison.Ordinal);
        Generate(temp.Combine("generator"), ["--name", valid]);

        AssertSameTree(temp.Combine("generator"), temp.Combine("dotnet-new"));
    }

    [Fact]
    public void A_path_as_name_is_refused_by_dotnet_new_and_nothing_is_written()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.Combine("work"));

        var created = pack.DotnetNew(["mlpipeline", "-n", "../escape"], temp.Combine("work"));

        Assert.NotEqual(0, created.ExitCode);
        Assert.Contains("Name cannot contain", created.All, StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp.Combine("escape")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp.Combine("work")));
    }

    [Fact]
    public void Help_shows_every_option_with_its_alias_and_description()
    {
        var help = pack.DotnetNew(["mlpipeline", "--help"], TestPaths.RepoRoot);

        Assert.True(help.ExitCode == 0, help.All);
        foreach (var expected in new[] { "-n, --name", "-r, --region", "-I, --iac", "-c, --ci", "-f, --framework", "-t, --tuning", "-b, --batch-transform", "-A, --accounts", "eu-central-2", "Europe (Zurich)", "The infrastructure-as-code tool", "XGBoost 1.7" })
        {
            Assert.Contains(expected, help.Output, StringComparison.Ordinal);
        }
    }

    /// <summary>dotnet new records the same answers and version, so `mlpipeline update` changes an answer of its project as
    /// of any other: the result is what dotnet new makes with the new answers (its own package feed kept), plus the user's lines.</summary>
    [Fact]
    public void Update_changes_the_answers_of_a_project_dotnet_new_made()
    {
        using var temp = new TempDirectory();
        var project = temp.Combine("Churn");
        Assert.Equal(0, pack.DotnetNew(["mlpipeline", "-n", "Churn", "-o", project], temp.Path).ExitCode);
        const string section = "\n## Our notes\n\nRetrain monthly.\n";
        Updating.ProjectFolder.Write(project, "README.md", Updating.ProjectFolder.Read(project, "README.md") + section);
        Updating.ProjectFolder.Git(project, "init", "--quiet");
        Updating.ProjectFolder.Commit(project, "dotnet new mlpipeline -n Churn");

        var (code, output, error) = Mlpipeline.Run("update", project, "--iac", "cloudformation", "--ci", "gitlab", "--framework", "xgboost");

        Assert.True(code == ExitCodes.Success, output + error);
        var fresh = temp.Combine("fresh", "Churn");
        Assert.Equal(0, pack.DotnetNew(["mlpipeline", "-n", "Churn", "-o", fresh, "--iac", "cloudformation", "--ci", "gitlab", "--framework", "xgboost"], temp.Path).ExitCode);
        Updating.ProjectFolder.Write(fresh, "README.md", Updating.ProjectFolder.Read(fresh, "README.md") + section);
        AssertSameTree(fresh, project, exclude: ".git/");
    }

    /// <summary>A project dotnet new made moves to the next release; its carried packages of this release go with the
    /// answer that moves it to nuget.org (the next release's packages are not in its own feed).</summary>
    [Fact]
    public void Update_moves_a_project_dotnet_new_made_to_the_next_release()
    {
        using var temp = new TempDirectory();
        var project = temp.Combine("Churn");
        Assert.Equal(0, pack.DotnetNew(["mlpipeline", "-n", "Churn", "-o", project], temp.Path).ExitCode);
        Updating.ProjectFolder.Git(project, "init", "--quiet");
        Updating.ProjectFolder.Commit(project, "dotnet new mlpipeline -n Churn");

        var (code, output, error) = Updating.Releases.RunNext("update", project);

        Assert.True(code == ExitCodes.CannotReadInput, output + error);
        Assert.Contains($"lacks MlPipeline.SageMakerPipelines.Cli.{Updating.Releases.Next}.nupkg", error, StringComparison.Ordinal);

        (code, output, error) = Updating.Releases.RunNext("update", project, "--package-source", "");

        Assert.True(code == ExitCodes.Success, output + error);
        var (freshCode, _, freshError) = Updating.Releases.RunNext("new", temp.Combine("fresh", "Churn"), "--no-git");
        Assert.True(freshCode == 0, freshError);
        AssertSameTree(temp.Combine("fresh", "Churn"), project, exclude: ".git/");
    }

    /// <summary>`mlpipeline new` as dotnet new is: with a package folder (the one dotnet new wrote beside it).</summary>
    private static void Generate(string target, string[] arguments)
    {
        var packages = Path.Combine(Path.GetDirectoryName(target)!, "dotnet-new", "packages");
        var (code, _, error) = Mlpipeline.Run(["new", target, "--no-git", "--package-source", packages, .. arguments]);
        Assert.True(code == 0, error);
    }

    private static GeneratedTree ReadTree(string folder, string? exclude = null) =>
        new(Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(path => exclude is null || !Path.GetRelativePath(folder, path).Replace('\\', '/').StartsWith(exclude, StringComparison.Ordinal))
            .Select(path => new GeneratedFile(
            Path.GetRelativePath(folder, path).Replace('\\', '/'),
            File.ReadAllBytes(path),
            OperatingSystem.IsWindows() || File.GetUnixFileMode(path).HasFlag(UnixFileMode.UserExecute))));

    private static void AssertSameTree(string expectedFolder, string actualFolder, string? exclude = null)
    {
        var expected = ReadTree(expectedFolder, exclude);
        var actual = ReadTree(actualFolder, exclude);
        Assert.Equal(expected.Files.Select(f => (f.Path, f.Executable)), actual.Files.Select(f => (f.Path, f.Executable)));
        foreach (var (want, got) in expected.Files.Zip(actual.Files))
        {
            Assert.True(want.Content.AsSpan().SequenceEqual(got.Content),
                $"{want.Path} differs:\n{TextDiff.Unified(Encoding.UTF8.GetString(want.Content), Encoding.UTF8.GetString(got.Content))}");
        }
    }
}
