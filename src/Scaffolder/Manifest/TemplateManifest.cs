namespace MlPipeline.Scaffolder.Manifest;

/// <summary>A template's <c>template.yaml</c>: who it is, the options it asks and the rules for its files.</summary>
internal sealed record TemplateManifest
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required TemplateVersion Version { get; init; }

    public required string Description { get; init; }

    public required string Author { get; init; }

    /// <summary>The <c>dotnet new</c> short name, for templates that are packed.</summary>
    public string? ShortName { get; init; }

    /// <summary>The <c>dotnet new</c> identity, for templates that are packed.</summary>
    public string? Identity { get; init; }

    public IReadOnlyList<string> Classifications { get; init; } = [];

    public IReadOnlyList<OptionDefinition> Options { get; init; } = [];

    public IReadOnlyList<FileRule> Files { get; init; } = [];

    public IReadOnlyList<TemplateInclude> Includes { get; init; } = [];

    public OptionDefinition? FindOption(string name) => Options.FirstOrDefault(o => o.Name == name);
}
