namespace MlPipeline.Scaffolder.Rendering;

/// <summary>A generated project in memory, files ordered by path (ordinal), so the same spec gives the same tree.</summary>
internal sealed class GeneratedTree
{
    public GeneratedTree(IEnumerable<GeneratedFile> files) =>
        Files = files.OrderBy(f => f.Path, StringComparer.Ordinal).ToList();

    public IReadOnlyList<GeneratedFile> Files { get; }

    public GeneratedFile? Find(string path) => Files.FirstOrDefault(f => f.Path == path);
}
