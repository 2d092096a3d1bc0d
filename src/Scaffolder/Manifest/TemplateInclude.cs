namespace MlPipeline.Scaffolder.Manifest;

/// <summary>Another template rendered into a folder of this one when a condition holds.</summary>
internal sealed record TemplateInclude
{
    /// <summary>The id of the included template.</summary>
    public required string Template { get; init; }

    /// <summary>The folder of the generated project that receives its files.</summary>
    public required string Target { get; init; }

    public string? When { get; init; }
}
