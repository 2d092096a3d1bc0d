using MlPipeline.Tests.Shared;

namespace MlPipeline.Scaffolder.Tests.EndToEnd;

/// <summary>
/// Every MlPipeline package (the tool, the template package, the libraries), packed from this repository by eng/pack.sh
/// into a folder that generated projects take their packages from (the script also drops cached copies of the same
/// version, so a restore never takes a stale build).
/// </summary>
/// <remarks>
/// One packing serves every collection of this test run (<see cref="GeneratedProjects"/>): the packing runs once, before
/// the first test that needs it, so its dropping of cached packages never happens while another test restores or builds
/// from the NuGet cache. It is deleted when the last collection that uses it is done.
/// </remarks>
public sealed class PackagesFixture : IDisposable
{
    private static readonly object Gate = new();
    private static Packed? _shared;
    private static int _users;
    private readonly Packed _packed;

    public PackagesFixture()
    {
        lock (Gate)
        {
            _shared ??= new Packed();
            _users++;
            _packed = _shared;
        }
    }

    public string Folder => _packed.Folder;

    /// <summary>The template package (MlPipeline.Templates) of this packing.</summary>
    public string TemplatePackage => Directory.GetFiles(Folder, "MlPipeline.Templates.*.nupkg").Single();

    public void Dispose()
    {
        lock (Gate)
        {
            if (--_users == 0)
            {
                _shared?.Dispose();
                _shared = null;
            }
        }
    }

    private sealed class Packed : IDisposable
    {
        private readonly TempDirectory _temp = new();

        public Packed()
        {
            var result = ProcessRunner.Run("bash", [Path.Combine(TestPaths.RepoRoot, "eng", "pack.sh"), Folder], timeout: TimeSpan.FromMinutes(10));
            if (result.ExitCode != 0)
            {
                _temp.Dispose();
                throw new InvalidOperationException($"eng/pack.sh failed:\n{result.All}");
            }
        }

        public string Folder => Path.Combine(_temp.Path, "packages");

        public void Dispose() => _temp.Dispose();
    }
}
