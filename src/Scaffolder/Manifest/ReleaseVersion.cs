using System.Reflection;

namespace MlPipeline.Scaffolder.Manifest;

/// <summary>
/// The version of this release of MlPipeline: of the tool, of the templates it carries and of the library packages
/// generated projects reference. It is set in one place, <c>Directory.Build.props</c>, and reaches the tool as its
/// informational version; a template's <c>template.yaml</c> has none of its own.
/// </summary>
internal static class ReleaseVersion
{
    public static TemplateVersion Current { get; } = Read();

    private static TemplateVersion Read()
    {
        var text = typeof(ReleaseVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        // Stryker disable once String : Directory.Build.props sets a major.minor.patch version; no build of the tool has another
        return TemplateVersion.TryParse(text?.Split('+')[0], out var version)
            ? version.Value
            : throw new InvalidOperationException($"The tool's version '{text}' is not major.minor.patch: Directory.Build.props sets it.");
    }
}
