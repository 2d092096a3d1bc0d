using System.Text.RegularExpressions;
using MlPipeline.Tests.Shared;

namespace MlPipeline.Scaffolder.Tests.Repository;

/// <summary>A clone holds everything its build and tests read: nothing points at a folder beside the repository.</summary>
public sealed partial class SelfContainedTests
{
    // The team's reading material sits beside the repository in a folder named "shared"; a user's clone has none.
    // Matches that path written out with either separator, and built from parts as in Path.Combine(root, PARENT, NAME).
    [GeneratedRegex("""\.\.(["']\s*,\s*["']|[/\\])shared\b""")]
    private static partial Regex OutsidePath();

    [Fact]
    public void No_file_of_the_repository_names_a_folder_beside_it()
    {
        var files = ProcessRunner.Run("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], TestPaths.RepoRoot);
        Assert.Equal(0, files.ExitCode);
        var offenders = files.Output.Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Select(path => Path.Combine(TestPaths.RepoRoot, path))
            .Where(File.Exists)
            .Where(path => new FileInfo(path).Length < 8 * 1024 * 1024 && OutsidePath().IsMatch(File.ReadAllText(path)))
            .Select(path => Path.GetRelativePath(TestPaths.RepoRoot, path))
            .ToList();
        Assert.True(offenders.Count == 0, "These files read a folder outside the repository (keep reference data in reference/):\n" + string.Join('\n', offenders));
    }

    [Fact]
    public void Every_reference_file_is_described_with_its_source_and_licence()
    {
        var readme = File.ReadAllText(Path.Combine(TestPaths.Reference, "README.md"));
        var data = Directory.GetFiles(TestPaths.Reference).Select(Path.GetFileName).Where(name => name != "README.md").ToList();
        Assert.NotEmpty(data);
        foreach (var name in data)
        {
            var row = readme.Split('\n').SingleOrDefault(line => line.StartsWith($"| `{name}`", StringComparison.Ordinal));
            Assert.True(row is not null, $"reference/README.md has no row for {name}");
            var cells = row.Split('|', StringSplitOptions.TrimEntries);
            Assert.True(cells.Length >= 7 && cells[4].Length > 0 && cells[5].Length > 0, $"the row of {name} needs its source and licence: {row}");
        }
    }

    [Fact]
    public void One_version_set_in_Directory_Build_props_is_the_tools_the_templates_and_the_packages()
    {
        var props = System.Xml.Linq.XDocument.Load(Path.Combine(TestPaths.RepoRoot, "Directory.Build.props"));
        var version = props.Descendants("Version").Single().Value;

        // The built tool, not in process: the version option reports the program's own assembly.
        var tool = ProcessRunner.Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "mlpipeline.dll"), "--version"], TestPaths.RepoRoot);

        Assert.Equal(0, tool.ExitCode);
        Assert.Equal(version, tool.Output.Trim());
        Assert.Equal(version, Manifest.ReleaseVersion.Current.ToString());
        Assert.Contains($"template_version: {version}\n", System.Text.Encoding.UTF8.GetString(Infrastructure.Scaffold.Render().Find("mlpipeline.yaml")!.Content), StringComparison.Ordinal);
        Assert.DoesNotContain(Directory.GetFiles(TestPaths.RepoRoot, "*.csproj", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}Snapshots{Path.DirectorySeparatorChar}", StringComparison.Ordinal)),
            f => System.Xml.Linq.XDocument.Load(f).Descendants("Version").Any());
    }
}
