namespace MlPipeline.Scaffolder.Manifest;

/// <summary>One question a template asks, with everything needed to check and explain the answer.</summary>
internal sealed record OptionDefinition
{
    /// <summary>The option's name in specs and templates (<c>snake_case</c>).</summary>
    public required string Name { get; init; }

    public required OptionType Type { get; init; }

    public required string Description { get; init; }

    /// <summary>The value used when nobody gives one: a <see cref="string"/>, <see cref="bool"/> or <see cref="long"/>; null when there is none.</summary>
    public object? Default { get; init; }

    public IReadOnlyList<ChoiceDefinition> Choices { get; init; } = [];

    public StringRule Rule { get; init; } = new();

    public long? Min { get; init; }

    public long? Max { get; init; }

    /// <summary>Whether the <c>mlpipeline new</c> command offers it as <c>--name-of-option</c> (all options work with <c>--set</c>).</summary>
    public bool CommandLine { get; init; }

    /// <summary>Whether the <c>dotnet new</c> template exposes it.</summary>
    public bool DotnetNew { get; init; }

    /// <summary>The option as written on a command line: <c>python_version</c> becomes <c>--python-version</c>.</summary>
    public string CommandLineName => "--" + Name.Replace('_', '-');
}
