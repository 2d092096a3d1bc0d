using MlPipeline.Tests.Shared;

namespace MlPipeline.Scaffolder.Tests.EndToEnd;

/// <summary>
/// The MlPipeline packages, packed from this repository into a folder the generated projects restore from.
/// The global NuGet cache's copies of these packages are removed first, so a restore never picks up a stale
/// build of the same version.
/// </summary>
public sealed class PackagesFixture : IDisposable
{
    private readonly TempDirectory _temp = new();

    public PackagesFixture()
    {
        foreach (var project in new[] { "src/SageMakerPipelines", "src/SageMakerPipelines.Cli" })
        {
            var result = ProcessRunner.Run("dotnet", ["pack", Path.Combine(TestPaths.RepoRoot, project), "--configuration", "Release", "--output", Folder, "--nologo"], timeout: TimeSpan.FromMinutes(10));
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException($"dotnet pack {project} failed:\n{result.All}");
            }
        }

        var globalPackages = ProcessRunner.Run("dotnet", ["nuget", "locals", "global-packages", "--list"]).Output.Split(':', 2)[1].Trim();
        foreach (var cached in Directory.Exists(globalPackages) ? Directory.EnumerateDirectories(globalPackages, "mlpipeline.sagemakerpipelines*") : [])
        {
            Directory.Delete(cached, recursive: true);
        }
    }

    public string Folder => Path.Combine(_temp.Path, "packages");

    public void Dispose() => _temp.Dispose();
}
