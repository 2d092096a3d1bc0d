using MlPipeline.Scaffolder.Tests.EndToEnd;
using MlPipeline.Tests.Shared;

namespace MlPipeline.Scaffolder.Tests.TemplatePack;

/// <summary>
/// The template package as a user gets it: the .nupkg eng/pack.sh made (`dotnet pack TemplatePack.csproj`), then
/// `dotnet new install` of it into an isolated hive (--debug:custom-hive), so the machine's own templates are never touched.
/// </summary>
public sealed class TemplatePackFixture : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly PackagesFixture _packages = new();

    public TemplatePackFixture()
    {
        Package = _packages.TemplatePackage;
        var install = DotnetNew(["install", Package], _temp.Path);
        if (install.ExitCode != 0)
        {
            Dispose();
            throw new InvalidOperationException($"dotnet new install failed:\n{install.All}");
        }
    }

    public string Package { get; }

    public string Hive => _temp.Combine("hive");

    /// <summary>Runs `dotnet new ARGS` against the isolated hive.</summary>
    internal ProcessRunner.Result DotnetNew(IEnumerable<string> arguments, string workingDirectory) =>
        ProcessRunner.Run("dotnet", ["new", .. arguments, "--debug:custom-hive", Hive], workingDirectory,
            environment: new Dictionary<string, string> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" },
            timeout: TimeSpan.FromMinutes(2));

    public void Dispose()
    {
        _packages.Dispose();
        _temp.Dispose();
    }
}
