using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text;
using MlPipeline.Scaffolder.Diagnostics;
using MlPipeline.Scaffolder.Manifest;

namespace MlPipeline.Scaffolder.Templates;

/// <summary>
/// The templates the generator knows, by id. A template is a folder with a <c>template.yaml</c> manifest and a
/// <c>content/</c> folder. The tool carries its templates as embedded resources; tests can load a folder.
/// </summary>
internal sealed class TemplateCatalog
{
    public const string ManifestFileName = "template.yaml";
    public const string ContentFolder = "content/";

    /// <summary>The id of the template <c>mlpipeline new</c> renders.</summary>
    public const string ProjectTemplateId = "mlpipeline";

    private static readonly Lazy<TemplateCatalog> EmbeddedCatalog = new(LoadEmbedded);

    private readonly Dictionary<string, TemplateRoot> _byId;

    private TemplateCatalog(Dictionary<string, TemplateRoot> byId) => _byId = byId;

    /// <summary>The templates built into the tool.</summary>
    public static TemplateCatalog Embedded => EmbeddedCatalog.Value;

    public IEnumerable<TemplateRoot> Templates => _byId.Values;

    public TemplateRoot this[string id] => _byId[id];

    public bool TryGet(string id, [MaybeNullWhen(false)] out TemplateRoot root) => _byId.TryGetValue(id, out root);

    /// <summary>Loads templates from files given as (path under the templates folder, bytes).</summary>
    /// <param name="files">The files.</param>
    /// <param name="diagnostics">Receives every problem.</param>
    /// <param name="version">The release the templates belong to; by default this tool's.</param>
    public static TemplateCatalog Load(IEnumerable<KeyValuePair<string, byte[]>> files, List<Diagnostic> diagnostics, TemplateVersion? version = null)
    {
        var byFolder = files
            .GroupBy(f => f.Key.Split('/')[0], StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        var roots = new Dictionary<string, TemplateRoot>(StringComparer.Ordinal);
        foreach (var folder in byFolder)
        {
            var manifestPath = $"{folder.Key}/{ManifestFileName}";
            var manifestFile = folder.FirstOrDefault(f => f.Key == manifestPath);
            if (manifestFile.Value is null)
            {
                diagnostics.Add(Diagnostic.Error(Rules.ManifestInvalid, folder.Key, $"Template folder '{folder.Key}' has no {ManifestFileName}."));
                continue;
            }

            var manifest = ManifestLoader.Load(Encoding.UTF8.GetString(manifestFile.Value), manifestPath, version ?? ReleaseVersion.Current, diagnostics);
            if (manifest is null)
            {
                continue;
            }

            var prefix = $"{folder.Key}/{ContentFolder}";
            var content = folder
                .Where(f => f.Key.StartsWith(prefix, StringComparison.Ordinal))
                .ToDictionary(f => f.Key[prefix.Length..], f => f.Value, StringComparer.Ordinal);
            if (!roots.TryAdd(manifest.Id, new TemplateRoot(folder.Key, manifest, content)))
            {
                diagnostics.Add(Diagnostic.Error(Rules.ManifestInvalid, manifestPath, $"Template id '{manifest.Id}' is used twice."));
            }
        }

        foreach (var root in roots.Values)
        {
            foreach (var include in root.Manifest.Includes.Where(i => !roots.ContainsKey(i.Template)))
            {
                diagnostics.Add(Diagnostic.Error(Rules.ManifestInclude, $"{root.Folder}/{ManifestFileName}",
                    $"Includes template '{include.Template}', which does not exist."));
            }
        }

        return new TemplateCatalog(roots);
    }

    /// <summary>Loads the templates under a folder on disk (the repository's <c>templates/</c>).</summary>
    public static TemplateCatalog FromDirectory(string directory, List<Diagnostic> diagnostics) =>
        Load(
            Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
                .Select(path => new KeyValuePair<string, byte[]>(
                    Path.GetRelativePath(directory, path).Replace(Path.DirectorySeparatorChar, '/'),
                    File.ReadAllBytes(path))),
            diagnostics);

    private static TemplateCatalog LoadEmbedded()
    {
        var assembly = typeof(TemplateCatalog).Assembly;
        const string prefix = "templates/";
        var files = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal))
            .Select(name => new KeyValuePair<string, byte[]>(name[prefix.Length..], ReadResource(assembly, name)));
        var diagnostics = new List<Diagnostic>();
        var catalog = Load(files, diagnostics);
        if (diagnostics.Count > 0)
        {
            throw new InvalidOperationException("The built-in templates are invalid:\n" + string.Join('\n', diagnostics));
        }

        return catalog;
    }

    internal static byte[] ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Resource '{name}' is listed but cannot be opened.");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }
}
