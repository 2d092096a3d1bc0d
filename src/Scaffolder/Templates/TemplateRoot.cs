using System.Collections.Concurrent;
using MlPipeline.Scaffolder.Manifest;
using Scriban;

namespace MlPipeline.Scaffolder.Templates;

/// <summary>One template: its manifest and its content files (paths relative to <c>content/</c>, <c>/</c>-separated).</summary>
internal sealed class TemplateRoot(string folder, TemplateManifest manifest, IReadOnlyDictionary<string, byte[]> content)
{
    private readonly ConcurrentDictionary<string, Template> _parsed = new(StringComparer.Ordinal);

    /// <summary>The folder under <c>templates/</c>, for messages: <c>ml-project</c>.</summary>
    public string Folder { get; } = folder;

    public TemplateManifest Manifest { get; } = manifest;

    public IReadOnlyDictionary<string, byte[]> Content { get; } = content;

    /// <summary>Parses a template once and keeps it: rendering many projects reuses the parse.</summary>
    public Template Parse(string key, Func<Template> parse) => _parsed.GetOrAdd(key, _ => parse());
}
