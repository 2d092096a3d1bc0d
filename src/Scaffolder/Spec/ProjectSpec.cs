using MlPipeline.Scaffolder.Manifest;

namespace MlPipeline.Scaffolder.Spec;

/// <summary>
/// A checked set of answers for one template: every option of the manifest has a value of its type
/// (<see cref="string"/>, <see cref="bool"/> or <see cref="long"/>), in the manifest's order.
/// </summary>
internal sealed record ProjectSpec
{
    public required string TemplateId { get; init; }

    public required TemplateVersion TemplateVersion { get; init; }

    public required IReadOnlyList<KeyValuePair<string, object>> Answers { get; init; }

    /// <summary>The project name, the answer of the <c>name</c> option.</summary>
    public string Name => (string)this["name"];

    public object this[string option] =>
        // Stryker disable once Linq : Resolve answers every option of the manifest, and the templates ask only for those
        Answers.First(a => a.Key == option).Value;

    /// <summary>The same spec with one answer replaced.</summary>
    public ProjectSpec With(string option, object value) =>
        this with { Answers = [.. Answers.Select(a => a.Key == option ? new KeyValuePair<string, object>(option, value) : a)] };
}
