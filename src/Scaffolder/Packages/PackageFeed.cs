using System.IO.Compression;
using System.Xml.Linq;
using MlPipeline.Scaffolder.Diagnostics;
using MlPipeline.Scaffolder.Rendering;
using MlPipeline.Scaffolder.Text;

namespace MlPipeline.Scaffolder.Packages;

/// <summary>
/// Where a generated project restores the MlPipeline packages from, the <c>package_source</c> answer:
/// <list type="bullet">
/// <item>empty: the public NuGet gallery, as for any published package (no <c>nuget.config</c>);</item>
/// <item>an http(s) URL: that feed, used as it is;</item>
/// <item>a folder: the packages the project needs are copied from it into the project's own <c>packages/</c>
/// folder, committed with the project, and the answer becomes <c>packages</c>, so the project restores wherever
/// it is cloned, with an empty NuGet cache, long after the folder is gone.</item>
/// </list>
/// </summary>
internal static class PackageFeed
{
    /// <summary>The option that holds the package source.</summary>
    public const string Option = "package_source";

    /// <summary>The project's own feed folder, relative to the project root (and to its nuget.config).</summary>
    public const string ProjectFolder = "packages";

    /// <summary>Packages with this id prefix are ours: they come from the package source, everything else from NuGet.</summary>
    public const string IdPrefix = "MlPipeline.";

    private const string PackagesProps = "Directory.Packages.props";

    public static bool IsUrl(string source) =>
        Uri.TryCreate(source, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    /// <summary>True when <paramref name="source"/> names a folder (not empty, not a URL).</summary>
    public static bool IsFolder(string source) => source.Length > 0 && !IsUrl(source);

    /// <summary>
    /// A folder source from a spec file is relative to the spec file's folder, as paths in configuration files are
    /// (a project's <c>mlpipeline.yaml</c> says <c>packages</c>: its own feed beside it); URLs and absolute paths stay.
    /// </summary>
    public static string RelativeTo(string source, string folder) =>
        IsFolder(source) && !Path.IsPathRooted(source) ? Path.GetFullPath(Path.Combine(folder, source)) : source;

    /// <summary>
    /// The package files the rendered project needs from <paramref name="folder"/>, as files under
    /// <see cref="ProjectFolder"/>: every MlPipeline package that the project's Directory.Packages.props pins, and the
    /// MlPipeline packages those depend on (read from each package's nuspec). Throws (exit 66) naming each one missing.
    /// </summary>
    public static IReadOnlyList<GeneratedFile> Collect(GeneratedTree tree, string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw Unreadable(folder, $"The package source folder {Display.Quote(folder)} does not exist. Give the folder that holds the MlPipeline packages (eng/pack.sh FOLDER makes one), or a feed URL.");
        }

        var available = Directory.EnumerateFiles(folder, "*.nupkg")
            .GroupBy(path => Path.GetFileName(path), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        var wanted = new Queue<(string Id, string Version)>(Pinned(tree));
        var files = new SortedDictionary<string, GeneratedFile>(StringComparer.Ordinal);
        var missing = new List<string>();
        while (wanted.TryDequeue(out var package))
        {
            var name = $"{package.Id}.{package.Version}.nupkg";
            if (files.ContainsKey(name) || missing.Contains(name))
            {
                continue;
            }

            if (!available.TryGetValue(name, out var path))
            {
                missing.Add(name);
                continue;
            }

            var bytes = File.ReadAllBytes(path);
            files[name] = new GeneratedFile($"{ProjectFolder}/{name}", bytes, Executable: false);
            foreach (var dependency in Dependencies(bytes, path))
            {
                wanted.Enqueue(dependency);
            }
        }

        if (missing.Count > 0)
        {
            throw Unreadable(folder, $"The package source folder {Display.Quote(folder)} lacks {string.Join(", ", missing)}, which the project needs "
                + "(the version must be this tool's). Pack them into it with eng/pack.sh FOLDER, or give the folder or feed URL that has them.");
        }

        return [.. files.Values];
    }

    /// <summary>The MlPipeline packages (id, version) that the project's central package versions pin.</summary>
    private static IEnumerable<(string Id, string Version)> Pinned(GeneratedTree tree)
    {
        var props = tree.Find(PackagesProps) ?? throw new InvalidOperationException($"The template renders no {PackagesProps}.");
        return XDocument.Parse(System.Text.Encoding.UTF8.GetString(props.Content))
            .Descendants("PackageVersion")
            .Select(item => ((string?)item.Attribute("Include") ?? "", (string?)item.Attribute("Version") ?? ""))
            .Where(p => p.Item1.StartsWith(IdPrefix, StringComparison.Ordinal));
    }

    /// <summary>The MlPipeline dependencies a package declares, at the lowest version its range allows.</summary>
    private static List<(string Id, string Version)> Dependencies(byte[] package, string path)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(package), ZipArchiveMode.Read);
            var entry = zip.Entries.FirstOrDefault(e => !e.FullName.Contains('/', StringComparison.Ordinal) && e.Name.EndsWith(".nuspec", StringComparison.OrdinalIgnoreCase))
                ?? throw new InvalidDataException("it has no .nuspec");
            using var stream = entry.Open();
            return XDocument.Load(stream).Descendants()
                .Where(e => e.Name.LocalName == "dependency")
                .Select(e => ((string?)e.Attribute("id") ?? "", LowestVersion((string?)e.Attribute("version") ?? "")))
                .Where(d => d.Item1.StartsWith(IdPrefix, StringComparison.Ordinal))
                .ToList();
        }
        catch (Exception e) when (e is InvalidDataException or System.Xml.XmlException)
        {
            throw Unreadable(path, $"{Display.Quote(path)} is not a NuGet package ({e.Message}).");
        }
    }

    /// <summary>"0.1.0", "[0.1.0, )" and "[0.1.0]" all give "0.1.0".</summary>
    private static string LowestVersion(string range) =>
        range.Trim('[', '(', ' ').Split(',')[0].Trim(' ', ']', ')');

    private static ScaffoldException Unreadable(string location, string message) =>
        new(ExitCodes.CannotReadInput, "Nothing was written.", [Diagnostic.Error(Rules.PackageSource, location, message)]);
}
