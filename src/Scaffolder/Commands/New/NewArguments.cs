namespace MlPipeline.Scaffolder.Commands.New;

/// <summary>The parsed arguments of <c>mlpipeline new</c>.</summary>
internal sealed record NewArguments
{
    public required string Target { get; init; }

    public string? SpecFile { get; init; }

    public IReadOnlyList<string> Set { get; init; } = [];

    public IReadOnlyDictionary<string, string> Named { get; init; } = new Dictionary<string, string>();

    public bool DryRun { get; init; }

    public bool Force { get; init; }

    public bool NoGit { get; init; }

    /// <summary>Never ask for missing answers, even in a terminal.</summary>
    public bool NoInteractive { get; init; }
}
