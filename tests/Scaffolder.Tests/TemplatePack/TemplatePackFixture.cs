using MlPipeline.Tests.Shared;

namespace MlPipeline.Scaffolder.Tests.TemplatePack;

/// <summary>
/// The template package as a user gets it: `dotnet pack TemplatePack.csproj`, then `dotnet new install` of the
/// .nupkg into an isolated hive (--debug:custom-hive), so the machine's own templates are never touched.
/// </summary>
public sealed class TemplatePackFixture : IDisposable
{
    private readonly TempDirectory _temp = new();

    public TemplatePackFixture()
    {
        var pack = ProcessRunner.Run("dotnet", ["pack", Path.Combine(TestPaths.RepoRoot, "TemplatePack.csproj"), "--configuration", "Release", "--output", _temp.Combine("package"), "--nologo"],
            timeout: TimeSpan.FromMinutes(5));
        if (pack.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet pack TemplatePack.csproj failed:\n{pack.All}");
        }

        Package = Directory.GetFiles(_temp.Combine("package"), "MlPipeline.Templates.*.nupkg").Single();
        var install = DotnetNew(["install", Package], _temp.Path);
        if (install.ExitCode != 0)
        {
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

    public void Dispose() => _temp.Dispose();
}
