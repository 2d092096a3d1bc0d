namespace MlPipeline.Scaffolder.Spec;

/// <summary>
/// An answer as the user wrote it, before it is checked: the option, the text (null for an explicit YAML null)
/// and where it came from, for messages (<c>spec.yaml:4</c>, <c>--set region</c>, <c>--region</c>).
/// </summary>
/// <param name="Option">The option answered.</param>
/// <param name="Text">The value as written.</param>
/// <param name="Source">Where it came from.</param>
/// <param name="IsScalar">False for a YAML list or mapping.</param>
/// <param name="NamesOption">Whether <paramref name="Source"/> already says which option it is (<c>--region</c> does, <c>spec.yaml:4</c> does not).</param>
internal sealed record RawAnswer(string Option, string? Text, string Source, bool IsScalar = true, bool NamesOption = false)
{
    /// <summary>Where a finding about this answer is, as a user reads it.</summary>
    public string Where => NamesOption ? Source : $"{Source}: {Option}";
}
