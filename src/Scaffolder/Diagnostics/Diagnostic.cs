namespace MlPipeline.Scaffolder.Diagnostics;

/// <summary>
/// One finding about a spec, a manifest or a template: a stable code, what is wrong and where.
/// </summary>
/// <param name="Code">The rule's stable code, such as <c>SCAF007</c>.</param>
/// <param name="Severity">Whether generation can go on.</param>
/// <param name="Message">What is wrong and how to fix it, in one sentence or two.</param>
/// <param name="Location">Where: an option name (<c>options.name</c>), a file and line (<c>README.md:12</c>), or empty.</param>
internal sealed record Diagnostic(string Code, DiagnosticSeverity Severity, string Message, string Location)
{
    public static Diagnostic Error(DiagnosticRule rule, string location, string message) =>
        new(rule.Code, DiagnosticSeverity.Error, message, location);

    public override string ToString()
    {
        var severity = Severity == DiagnosticSeverity.Error ? "error" : "warning";
        return Location.Length == 0
            ? $"{severity} {Code}: {Message}"
            : $"{Location}: {severity} {Code}: {Message}";
    }
}
