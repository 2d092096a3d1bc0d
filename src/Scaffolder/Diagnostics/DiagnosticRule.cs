namespace MlPipeline.Scaffolder.Diagnostics;

/// <summary>A rule with a stable code. The table of all rules is <see cref="Rules"/>.</summary>
internal sealed record DiagnosticRule(string Code, string Title);
