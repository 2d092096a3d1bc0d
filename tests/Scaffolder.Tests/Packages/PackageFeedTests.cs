using System.IO.Compression;
using System.Text;
using System.Xml.Linq;
using MlPipeline.Scaffolder.Diagnostics;
using MlPipeline.Scaffolder.Manifest;
using MlPipeline.Scaffolder.Tests.Infrastructure;
using MlPipeline.Tests.Shared;

namespace MlPipeline.Scaffolder.Tests.Packages;

/// <summary>
/// Where a generated project restores the MlPipeline packages from: a folder becomes the project's own feed
/// (packages/, relative), a URL is used as it is, and without one the project restores from nuget.org.
/// </summary>
public sealed class PackageFeedTests
{
    private static readonly string Version = ReleaseVersion.Current.ToString();

    [Fact]
    public void A_folder_source_is_copied_into_the_project_and_nuget_config_names_it_relatively()
    {
        using var temp = new TempDirectory();
        var feed = Feed(temp.Combine("feed"), withLibrary: true);
        File.WriteAllText(Path.Combine(feed, "Unrelated.1.0.0.nupkg"), "not ours");

        var (code, _, error) = Mlpipeline.Run("new", temp.Combine("Churn"), "--package-source", feed, "--no-git");

        Assert.True(code == 0, error);
        var copied = Directory.GetFiles(temp.Combine("Churn", "packages")).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal([$"MlPipeline.SageMakerPipelines.{Version}.nupkg", $"MlPipeline.SageMakerPipelines.Cli.{Version}.nupkg"], copied);
        Assert.Equal(File.ReadAllBytes(Path.Combine(feed, $"MlPipeline.SageMakerPipelines.Cli.{Version}.nupkg")),
            File.ReadAllBytes(temp.Combine("Churn", "packages", $"MlPipeline.SageMakerPipelines.Cli.{Version}.nupkg")));
        var (sources, mapping) = NugetConfig(temp.Combine("Churn"));
        Assert.Equal(["mlpipeline=packages", "nuget.org=https://api.nuget.org/v3/index.json"], sources);
        Assert.Equal(["mlpipeline:MlPipeline.*", "nuget.org:*"], mapping);
        Assert.Contains("  package_source: \"packages\"\n", File.ReadAllText(temp.Combine("Churn", "mlpipeline.yaml")), StringComparison.Ordinal);
        Assert.DoesNotContain(temp.Path, string.Concat(Directory.GetFiles(temp.Combine("Churn"), "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".nupkg", StringComparison.Ordinal)).Select(File.ReadAllText)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_url_source_is_used_as_it_is_and_nothing_is_copied()
    {
        using var temp = new TempDirectory();

        var (code, _, error) = Mlpipeline.Run("new", temp.Combine("Churn"), "--package-source", "https://pkgs.example.com/nuget/v3/index.json", "--no-git");

        Assert.True(code == 0, error);
        Assert.False(Directory.Exists(temp.Combine("Churn", "packages")));
        Assert.Equal(["mlpipeline=https://pkgs.example.com/nuget/v3/index.json", "nuget.org=https://api.nuget.org/v3/index.json"], NugetConfig(temp.Combine("Churn")).Sources);
    }

    [Fact]
    public void Without_a_source_the_project_restores_from_nuget_org_as_a_published_package_would()
    {
        using var temp = new TempDirectory();

        var (code, _, error) = Mlpipeline.Run("new", temp.Combine("Churn"), "--no-git");

        Assert.True(code == 0, error);
        Assert.False(File.Exists(temp.Combine("Churn", "nuget.config")));
        Assert.False(Directory.Exists(temp.Combine("Churn", "packages")));
    }

    [Theory]
    [InlineData("missing folder", "does not exist")]
    [InlineData("no packages", "lacks MlPipeline.SageMakerPipelines.Cli.")]
    [InlineData("a dependency missing", "lacks MlPipeline.SageMakerPipelines.0")]
    [InlineData("not a package", "is not a NuGet package")]
    public void A_folder_without_the_packages_is_refused_with_exit_66_naming_what_is_missing_and_nothing_is_written(string case_, string message)
    {
        using var temp = new TempDirectory();
        var feed = temp.Combine("feed");
        switch (case_)
        {
            case "no packages":
                Directory.CreateDirectory(feed);
                break;
            case "a dependency missing":
                Feed(feed, withLibrary: false);
                break;
            case "not a package":
                Directory.CreateDirectory(feed);
                File.WriteAllText(Path.Combine(feed, $"MlPipeline.SageMakerPipelines.Cli.{Version}.nupkg"), "not a zip");
                break;
        }

        var (code, _, error) = Mlpipeline.Run("new", temp.Combine("Churn"), "--package-source", feed, "--no-git");

        Assert.Equal(ExitCodes.CannotReadInput, code);
        Assert.Contains("SCAF030", error, StringComparison.Ordinal);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp.Combine("Churn")));
    }

    [Fact]
    public void A_project_generated_again_from_its_mlpipeline_yaml_takes_the_packages_from_beside_that_file()
    {
        using var temp = new TempDirectory();
        var feed = Feed(temp.Combine("feed"), withLibrary: true);
        Assert.Equal(0, Mlpipeline.Run("new", temp.Combine("First"), "--package-source", feed, "--no-git").Code);
        Directory.Delete(feed, recursive: true);
        Directory.CreateDirectory(temp.Combine("elsewhere"));

        // Relative to the spec file, not to the working folder: First/packages.
        var (code, _, error) = Mlpipeline.Run("new", temp.Combine("elsewhere", "Second"), "--spec", temp.Combine("First", "mlpipeline.yaml"), "--no-git");

        Assert.True(code == 0, error);
        foreach (var file in Directory.GetFiles(temp.Combine("First", "packages")))
        {
            Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(temp.Combine("elsewhere", "Second", "packages", Path.GetFileName(file))));
        }

        Assert.Equal(File.ReadAllText(temp.Combine("First", "nuget.config")), File.ReadAllText(temp.Combine("elsewhere", "Second", "nuget.config")));
    }

    /// <summary>A folder with the two MlPipeline packages as NuGet writes them (the Cli depends on the library).</summary>
    private static string Feed(string folder, bool withLibrary)
    {
        Directory.CreateDirectory(folder);
        Package(folder, "MlPipeline.SageMakerPipelines.Cli", $"""<dependency id="MlPipeline.SageMakerPipelines" version="{Version}" /><dependency id="Spectre.Console" version="0.57.2" />""");
        if (withLibrary)
        {
            Package(folder, "MlPipeline.SageMakerPipelines", """<dependency id="AWSSDK.S3" version="4.1.0" />""");
        }

        return folder;
    }

    private static void Package(string folder, string id, string dependencies)
    {
        using var zip = ZipFile.Open(Path.Combine(folder, $"{id}.{Version}.nupkg"), ZipArchiveMode.Create);
        using var writer = new StreamWriter(zip.CreateEntry($"{id}.nuspec").Open(), Encoding.UTF8);
        writer.Write($"""
            <?xml version="1.0" encoding="utf-8"?>
            <package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
              <metadata><id>{id}</id><version>{Version}</version>
                <dependencies><group targetFramework="net10.0">{dependencies}</group></dependencies>
              </metadata>
            </package>
            """);
    }

    private static (List<string> Sources, List<string> Mapping) NugetConfig(string project)
    {
        var config = XDocument.Load(Path.Combine(project, "nuget.config"));
        var sources = config.Descendants("packageSources").Elements("add").Select(e => $"{e.Attribute("key")!.Value}={e.Attribute("value")!.Value}").ToList();
        Assert.Single(config.Descendants("packageSources").Elements("clear"));
        var mapping = config.Descendants("packageSourceMapping").Elements("packageSource")
            .SelectMany(s => s.Elements("package").Select(p => $"{s.Attribute("key")!.Value}:{p.Attribute("pattern")!.Value}")).ToList();
        return (sources, mapping);
    }
}
