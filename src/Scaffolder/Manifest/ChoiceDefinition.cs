namespace MlPipeline.Scaffolder.Manifest;

/// <summary>One allowed value of a choice option and what it means.</summary>
/// <param name="Value">The value as given on a command line or in a spec.</param>
/// <param name="Description">What the value means, shown in --help and by <c>mlpipeline options</c>.</param>
internal sealed record ChoiceDefinition(string Value, string Description)
{
    /// <summary>
    /// The values other options must have for this one to be chosen (option name → the values it may have, any one of
    /// them), such as a layout some infrastructure tools have so far; empty when it goes with anything.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Requires { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Why <see cref="Requires"/> holds, told to a user whose answers break it.</summary>
    public string? RequiresReason { get; init; }

    /// <summary>The requirements as a person reads them: <c>iac terraform or cloudformation</c>.</summary>
    public string RequiresText => string.Join(", ", Requires.Select(r => $"{r.Key} {string.Join(" or ", r.Value)}"));

    /// <summary>The requirements that the known values break, each with the value it has; an option with no value yet breaks none.</summary>
    /// <param name="valueOf">An option's value by name, or null while it is not known.</param>
    public IEnumerable<(string Option, IReadOnlyList<string> Required, string Actual)> Unmet(Func<string, string?> valueOf) =>
        Requires.Select(r => (Option: r.Key, Required: r.Value, Actual: valueOf(r.Key)))
            .Where(r => r.Actual is not null && !r.Required.Contains(r.Actual))
            .Select(r => (r.Option, r.Required, r.Actual!));
}
