using System.IO.Compression;
using MlPipeline.Scaffolder.Diagnostics;
using MlPipeline.Scaffolder.Manifest;

namespace MlPipeline.Scaffolder.Templates;

/// <summary>
/// Every template release the tool can render offline, so <c>mlpipeline update</c> can rebuild the tree a project was
/// generated from. The current release is the tool's own templates; each earlier one travels inside the tool as a zip
/// of the repository's <c>templates/</c> folder at that release (<c>releases/templates/X.Y.Z.zip</c>, made by
/// <c>eng/archive-templates.sh X.Y.Z</c> from the tag, embedded as <c>template-history/X.Y.Z.zip</c>). An archive is
/// read only when a project of its version is updated.
/// </summary>
internal sealed class TemplateHistory
{
    private const string ResourcePrefix = "template-history/";
    private const string ArchivePrefix = "templates/";

    private readonly TemplateCatalog _current;
    private readonly Dictionary<TemplateVersion, Lazy<TemplateCatalog>> _earlier;

    public TemplateHistory(TemplateCatalog current, IEnumerable<KeyValuePair<TemplateVersion, Func<byte[]>>> archives)
    {
        _current = current;
        Current = current[TemplateCatalog.ProjectTemplateId].Manifest.Version;
        _earlier = archives
            .Where(a => a.Key < Current)
            .ToDictionary(a => a.Key, a => new Lazy<TemplateCatalog>(() => FromArchive(a.Value(), a.Key)));
    }

    /// <summary>The templates built into the tool and the earlier releases it carries.</summary>
    public static TemplateHistory Embedded(TemplateCatalog current)
    {
        var assembly = typeof(TemplateHistory).Assembly;
        var archives = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal) && name.EndsWith(".zip", StringComparison.Ordinal))
            .Select(name => (Name: name, Ok: TemplateVersion.TryParse(name[ResourcePrefix.Length..^4], out var version), Version: version))
            .Where(a => a.Ok)
            .Select(a => new KeyValuePair<TemplateVersion, Func<byte[]>>(a.Version!.Value, () => TemplateCatalog.ReadResource(assembly, a.Name)));
        return new TemplateHistory(current, archives);
    }

    /// <summary>The tool's own release.</summary>
    public TemplateVersion Current { get; }

    /// <summary>Every version this tool renders, oldest first.</summary>
    public IReadOnlyList<TemplateVersion> Versions => [.. _earlier.Keys.Order(), Current];

    /// <summary>The templates of <paramref name="version"/>, or null when the tool does not carry that release.</summary>
    public TemplateCatalog? Find(TemplateVersion version) =>
        version == Current ? _current : _earlier.TryGetValue(version, out var catalog) ? catalog.Value : null;

    /// <summary>Loads a release from a zip of its <c>templates/</c> folder (entries <c>templates/ml-project/…</c>).</summary>
    public static TemplateCatalog FromArchive(byte[] zip, TemplateVersion version)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        var files = new List<KeyValuePair<string, byte[]>>();
        foreach (var entry in archive.Entries.Where(e => e.FullName.StartsWith(ArchivePrefix, StringComparison.Ordinal) && !e.FullName.EndsWith('/')))
        {
            using var stream = entry.Open();
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            files.Add(new(entry.FullName[ArchivePrefix.Length..], memory.ToArray()));
        }

        var diagnostics = new List<Diagnostic>();
        var catalog = TemplateCatalog.Load(files, diagnostics, version);
        return diagnostics.Count == 0 && catalog.TryGet(TemplateCatalog.ProjectTemplateId, out _)
            ? catalog
            : throw new InvalidOperationException($"The carried templates of release {version} do not load:\n" + string.Join('\n', diagnostics));
    }
}
