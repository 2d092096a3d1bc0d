namespace MlPipeline.Scaffolder.Spec;

/// <summary>
/// An answer as the user wrote it, before it is checked: the option, the text (null for an explicit YAML null)
/// and where it came from, for messages (<c>spec.yaml:4</c>, <c>--set</c>, <c>--region</c>).
/// </summary>
internal sealed record RawAnswer(string Option, string? Text, string Source, bool IsScalar = true);
