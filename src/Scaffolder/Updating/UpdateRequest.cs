using MlPipeline.Scaffolder.Manifest;

namespace MlPipeline.Scaffolder.Updating;

/// <summary>What to update and to what: the project folder, the target version and the new answers.</summary>
internal sealed record UpdateRequest
{
    public required string Project { get; init; }

    /// <summary>The template version to update to; null is the tool's own.</summary>
    public TemplateVersion? To { get; init; }

    /// <summary><c>--set KEY=VALUE</c> arguments: they override the recorded answers.</summary>
    public IReadOnlyList<string> Set { get; init; } = [];

    /// <summary>Named options such as <c>--iac</c>, by option name: they override <see cref="Set"/>.</summary>
    public IReadOnlyDictionary<string, string> Named { get; init; } = new Dictionary<string, string>();

    /// <summary>Update a project that has uncommitted changes (or is not in a git repository).</summary>
    public bool AllowDirty { get; init; }
}
