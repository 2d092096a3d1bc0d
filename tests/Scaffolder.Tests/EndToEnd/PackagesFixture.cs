using MlPipeline.Tests.Shared;

namespace MlPipeline.Scaffolder.Tests.EndToEnd;

/// <summary>
/// Every MlPipeline package (the tool, the template package, the libraries), packed from this repository by eng/pack.sh
/// into a folder that generated projects take their packages from (the script also drops cached copies of the same
/// version, so a restore never takes a stale build).
/// </summary>
public sealed class PackagesFixture : IDisposable
{
    private readonly TempDirectory _temp = new();

    public PackagesFixture()
    {
        var result = ProcessRunner.Run("bash", [Path.Combine(TestPaths.RepoRoot, "eng", "pack.sh"), Folder], timeout: TimeSpan.FromMinutes(10));
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"eng/pack.sh failed:\n{result.All}");
        }
    }

    public string Folder => Path.Combine(_temp.Path, "packages");

    public void Dispose() => _temp.Dispose();
}
