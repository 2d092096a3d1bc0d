namespace MlPipeline.Scaffolder.Manifest;

/// <summary>
/// What to do with the template files a glob matches. Every rule that matches a file applies:
/// the file is generated only when all their conditions hold.
/// </summary>
internal sealed record FileRule
{
    /// <summary>A glob over content paths: <c>*</c> within a segment, <c>**</c> across segments.</summary>
    public required string Glob { get; init; }

    /// <summary>A Scriban expression; the file is generated only when it is true.</summary>
    public string? When { get; init; }

    /// <summary>Copy the bytes as they are instead of rendering them (binary or static files).</summary>
    public bool Verbatim { get; init; }

    /// <summary>Give the generated file its run bit.</summary>
    public bool Executable { get; init; }
}
