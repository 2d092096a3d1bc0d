using MlPipeline.Scaffolder.Diagnostics;
using MlPipeline.Scaffolder.Manifest;
using MlPipeline.Scaffolder.Packages;

namespace MlPipeline.Scaffolder.Spec;

/// <summary>
/// Where the answers for a new project come from, as the command line gives them. Precedence, lowest first:
/// manifest defaults, the name implied by the target folder, the spec file, <c>--set</c>, named options.
/// </summary>
internal sealed record SpecRequest
{
    public string? SpecFile { get; init; }

    public IReadOnlyList<string> Set { get; init; } = [];

    /// <summary>Values of named options such as <c>--region</c>, by option name.</summary>
    public IReadOnlyDictionary<string, string> Named { get; init; } = new Dictionary<string, string>();

    /// <summary>The name to use when no other source gives one: the target folder's name.</summary>
    public string? DefaultName { get; init; }

    /// <summary>The exit code for answers that failed: 66 when the spec file cannot be read, else 65.</summary>
    public static int ExitCodeOf(IEnumerable<Diagnostic> diagnostics) =>
        // Stryker disable once Linq : called after a failed Resolve, which stops at an unreadable file before any other finding
        diagnostics.Any(d => d.Code == Rules.SpecFileUnreadable.Code) ? ExitCodes.CannotReadInput : ExitCodes.InvalidData;

    /// <summary>The checked spec, or null when any layer (the file, <c>--set</c>, the answers) has an error.</summary>
    public ProjectSpec? Resolve(TemplateManifest manifest, List<Diagnostic> diagnostics)
    {
        var before = diagnostics.Count;
        var file = SpecFile is null ? null : Spec.SpecFile.Load(SpecFile, diagnostics);
        if (SpecFile is not null && file is null)
        {
            return null;
        }

        var layers = new List<SpecLayer>();
        if (DefaultName is not null)
        {
            layers.Add(new SpecLayer([new RawAnswer("name", DefaultName, "the target folder's name (--name gives another)", NamesOption: true)]));
        }

        if (file is not null)
        {
            // A spec file is a regular file (Load has checked), so its full path has a folder.
            var folder = Path.GetDirectoryName(Path.GetFullPath(SpecFile!))!;
            layers.Add(file.Answers with
            {
                Answers = [.. file.Answers.Answers.Select(a => a.Option == PackageFeed.Option && a.Text is not null ? a with { Text = PackageFeed.RelativeTo(a.Text, folder) } : a)],
            });
        }

        layers.Add(SpecLayer.FromSetArguments(Set, diagnostics));
        layers.Add(new SpecLayer(Named.Select(n => new RawAnswer(n.Key, n.Value, "--" + n.Key.Replace('_', '-'), NamesOption: true)).ToList()));
        var spec = SpecResolver.Resolve(manifest, file, layers, diagnostics);
        return diagnostics.Skip(before).Any(d => d.Severity == DiagnosticSeverity.Error) ? null : spec;
    }
}
