using System.Text;
using System.Text.RegularExpressions;
using MlPipeline.Tests.Shared;
using Xunit.Abstractions;

namespace MlPipeline.Scaffolder.Tests.EndToEnd;

/// <summary>
/// MlPipeline as a user gets it: the tool from its package, and a generated project that builds and tests
/// wherever it is cloned, with nothing from the machine that generated it.
/// </summary>
[Trait("Category", "Slow")]
[Collection(GeneratedProjects.Name)]
public sealed class DistributionTests(PackagesFixture packages, ITestOutputHelper log)
{
    private static readonly Dictionary<string, string> Quiet = new() { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" };

    [Fact]
    public void The_tool_installs_from_its_package_and_its_version_is_the_one_projects_record()
    {
        using var temp = new TempDirectory();
        var install = ProcessRunner.Run("dotnet", ["tool", "install", "MlPipeline", "--tool-path", temp.Combine("tools"), "--add-source", packages.Folder], temp.Path, environment: Quiet);
        Assert.True(install.ExitCode == 0, install.All);
        var tool = temp.Combine("tools", "mlpipeline");

        var version = ProcessRunner.Run(tool, ["--version"], temp.Path);
        var created = ProcessRunner.Run(tool, ["new", "Churn", "--no-git"], temp.Path);

        Assert.True(version.ExitCode == 0, version.All);
        Assert.True(created.ExitCode == 0, created.All);
        var recorded = Regex.Match(File.ReadAllText(temp.Combine("Churn", "mlpipeline.yaml")), @"(?m)^template_version: (\S+)$").Groups[1].Value;
        Assert.Equal(recorded, version.Output.Trim());
        Assert.Contains($"Version=\"{recorded}\"", File.ReadAllText(temp.Combine("Churn", "Directory.Packages.props")), StringComparison.Ordinal);
        foreach (var package in Directory.GetFiles(packages.Folder, "*.nupkg"))
        {
            Assert.EndsWith($".{recorded}.nupkg", package, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// The tool a user installs on this platform is native code (Native AOT, eng/pack.sh), compiled without the
    /// reflection the portable build may use. Every verb, on good and bad answers, must give what the portable build
    /// gives: the same files byte for byte with the same modes, the same messages and exit codes.
    /// </summary>
    [Fact]
    public void The_native_tool_on_this_platform_does_what_the_portable_build_does()
    {
        using var temp = new TempDirectory();
        var install = ProcessRunner.Run("dotnet", ["tool", "install", "MlPipeline", "--tool-path", temp.Combine("tools"), "--add-source", packages.Folder], temp.Path, environment: Quiet);
        Assert.True(install.ExitCode == 0, install.All);
        var native = Path.GetFullPath(new FileInfo(temp.Combine("tools", "mlpipeline")).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? temp.Combine("tools", "mlpipeline"));
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(native)!, "mlpipeline.dll")), $"{native} is the ReadyToRun build, not the native one (was a C toolchain missing when eng/pack.sh ran?)");
        Assert.Equal("\u007fELF"u8.ToArray(), File.ReadAllBytes(native)[..4]);

        var spec = temp.Combine("spec.yaml");
        File.WriteAllText(spec, "name: Spec.Demand\nframework: xgboost\niac: cdk\nci: gitlab\nrandom_seed: 2147483647\nowner: data-science\n");
        string[][] cases =
        [
            ["new", "Churn", "--no-git"],
            ["new", "Orbit7.Demand", "--framework", "xgboost", "--iac", "cloudformation", "--ci", "gitlab", "--region", "eu-west-1", "--no-git"],
            ["new", "Acme.Risk", "--iac", "cdk", "--ci", "none", "--description", "Ünïcödé <b>&amp; \"quotes\" 'single' ${x} %{y} \\ back\u00a0end", "--no-git"],
            ["new", "FromSpec", "--spec", spec, "--no-git"],
            ["new", "Dry", "--dry-run"],
            ["new", "Bad-", "--no-git"],
            ["new", "X", "--region", "mars-1", "--no-git"],
            ["new", "Y", "--spec", temp.Combine("missing.yaml")],
            ["new", "Git"],
            ["update", "Git", "--dry-run", "--framework", "xgboost"],
            ["validate", spec],
            ["validate", spec, "--set", "random_seed=-1"],
            ["options"],
            ["options", "--json"],
            ["pack-template", "pack"],
            ["--help"],
            ["new", "--help"],
            ["--version"],
            ["new"],
            ["frobnicate"],
        ];
        var environment = new Dictionary<string, string>(Quiet) { ["CI"] = "true", ["GIT_AUTHOR_DATE"] = "2026-01-01T00:00:00Z", ["GIT_COMMITTER_DATE"] = "2026-01-01T00:00:00Z" };
        foreach (var (side, tool, prefix) in new[] { ("native", native, Array.Empty<string>()), ("portable", "dotnet", [Infrastructure.Mlpipeline.Built]) })
        {
            Directory.CreateDirectory(temp.Combine(side));
            foreach (var (index, arguments) in cases.Index())
            {
                var result = ProcessRunner.Run(tool, [.. prefix, .. arguments], temp.Combine(side), environment: environment);
                File.WriteAllText(temp.Combine(side, $"{string.Join('_', arguments.Take(2).Select(a => Path.GetFileName(a)))}.{index}.log"),
                    $"exit {result.ExitCode}\n{result.Output}\n--- stderr\n{result.Error}".Replace(temp.Combine(side), "HERE", StringComparison.Ordinal).Replace(temp.Path, "TEMP", StringComparison.Ordinal));
            }
        }

        var nativeFiles = Files(temp.Combine("native"));
        var portableFiles = Files(temp.Combine("portable"));
        Assert.Equal(portableFiles.Keys.Order(StringComparer.Ordinal), nativeFiles.Keys.Order(StringComparer.Ordinal));
        foreach (var (path, (mode, bytes)) in portableFiles)
        {
            var (nativeMode, nativeBytes) = nativeFiles[path];
            Assert.True(mode == nativeMode, $"{path}: mode {nativeMode} from the native tool, {mode} from the portable build");
            if (!bytes.AsSpan().SequenceEqual(nativeBytes))
            {
                Assert.Fail($"{path} differs:\n{TextDiff.Unified(Encoding.UTF8.GetString(bytes), Encoding.UTF8.GetString(nativeBytes))}");
            }
        }

        Assert.Contains("exit 65", File.ReadAllText(temp.Combine("native", "new_Bad-.5.log")), StringComparison.Ordinal);
        Assert.True(nativeFiles.Keys.Count(k => k.StartsWith("Acme.Risk/", StringComparison.Ordinal)) > 40, "the native tool generated the CDK project");
    }

    /// <summary>Every file under a folder but git's own, by relative path: its Unix mode and bytes.</summary>
    private static Dictionary<string, (UnixFileMode Mode, byte[] Bytes)> Files(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}.git{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToDictionary(f => Path.GetRelativePath(folder, f), f => (OperatingSystem.IsWindows() ? default : File.GetUnixFileMode(f), File.ReadAllBytes(f)), StringComparer.Ordinal);

    [Fact]
    public void Every_package_is_ready_for_the_public_gallery()
    {
        var ids = new List<string>();
        foreach (var package in Directory.GetFiles(packages.Folder, "*.nupkg"))
        {
            using var zip = System.IO.Compression.ZipFile.OpenRead(package);
            var nuspec = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
            using var stream = nuspec.Open();
            var metadata = System.Xml.Linq.XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
            string? Get(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;
            var id = Get("id")!;
            ids.Add(id);
            Assert.Equal("MIT", Get("license"));
            Assert.False(string.IsNullOrWhiteSpace(Get("description")), id);
            Assert.False(string.IsNullOrWhiteSpace(Get("tags")), id);
            var repository = metadata.Elements().Single(e => e.Name.LocalName == "repository");
            Assert.StartsWith("https://", repository.Attribute("url")!.Value, StringComparison.Ordinal);
            Assert.Matches("^[0-9a-f]{40}$", repository.Attribute("commit")!.Value);
            var readme = Get("readme");
            Assert.True(readme is not null && zip.GetEntry(readme) is { Length: > 100 }, $"{id} has no readme");
            if (zip.Entries.Any(e => e.FullName.EndsWith(".dll", StringComparison.Ordinal)))
            {
                Assert.True(File.Exists(Path.ChangeExtension(package, ".snupkg")), $"{id} has no symbol package");
            }
        }

        Assert.Contains("MlPipeline", ids);
        Assert.Contains("MlPipeline.Templates", ids);
        Assert.Contains("MlPipeline.SageMakerPipelines", ids);
        Assert.Contains("MlPipeline.SageMakerPipelines.Cli", ids);
        log.WriteLine(string.Join(", ", ids.Order(StringComparer.Ordinal)));
    }

    [Fact]
    public void A_project_from_a_package_folder_builds_and_tests_elsewhere_with_an_empty_nuget_cache_after_the_folder_is_gone()
    {
        using var temp = new TempDirectory();
        var feed = temp.Combine("feed");
        Directory.CreateDirectory(feed);
        foreach (var file in Directory.GetFiles(packages.Folder))
        {
            File.Copy(file, Path.Combine(feed, Path.GetFileName(file)));
        }

        var (code, _, error) = Infrastructure.Mlpipeline.Run("new", temp.Combine("made-here", "Churn"), "--package-source", feed);
        Assert.True(code == 0, error);
        Directory.CreateDirectory(temp.Combine("clone"));
        // What a teammate or CI gets: a clone of the repository somewhere else; the generating machine's folder is gone.
        var clone = ProcessRunner.Run("git", ["clone", "-q", temp.Combine("made-here", "Churn"), temp.Combine("clone", "Churn")], temp.Path);
        Assert.True(clone.ExitCode == 0, clone.All);
        Directory.Delete(feed, recursive: true);
        Directory.Delete(temp.Combine("made-here"), recursive: true);

        var environment = new Dictionary<string, string>(Quiet) { ["NUGET_PACKAGES"] = temp.Combine("empty-nuget-cache"), ["MLPIPELINE_PYTHON"] = "/usr/bin/python3" };
        var build = ProcessRunner.Run("dotnet", ["build", "--configuration", "Release", "-warnaserror"], temp.Combine("clone", "Churn"), environment: environment, timeout: TimeSpan.FromMinutes(10));
        Assert.True(build.ExitCode == 0, build.All);
        var test = ProcessRunner.Run("dotnet", ["test", "--configuration", "Release", "--no-build"], temp.Combine("clone", "Churn"), environment: environment, timeout: TimeSpan.FromMinutes(10));
        Assert.True(test.ExitCode == 0, test.All);
        Assert.True(Directory.Exists(temp.Combine("empty-nuget-cache", "mlpipeline.sagemakerpipelines.cli")), "the MlPipeline packages were restored into the new cache from the project's own feed");
        log.WriteLine(test.Output.Split('\n').LastOrDefault(l => l.Contains("Passed!", StringComparison.Ordinal)) ?? test.Output);
    }
}
