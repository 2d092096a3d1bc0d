namespace MlPipeline.Scaffolder.Diagnostics;

/// <summary>How serious a finding is. Errors stop generation; warnings are reported and generation goes on.</summary>
internal enum DiagnosticSeverity
{
    Warning,
    Error,
}
