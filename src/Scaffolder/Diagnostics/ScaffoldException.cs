namespace MlPipeline.Scaffolder.Diagnostics;

/// <summary>
/// A user error that ends the command: it carries the exit code and the findings to print.
/// The CLI prints only the message and diagnostics, never a stack trace.
/// </summary>
internal sealed class ScaffoldException : Exception
{
    public ScaffoldException(int exitCode, string message, IReadOnlyList<Diagnostic>? diagnostics = null, Exception? inner = null)
        : base(message, inner)
    {
        ExitCode = exitCode;
        Diagnostics = diagnostics ?? [];
    }

    public int ExitCode { get; }

    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>The exception for a step that failed with <paramref name="diagnostics"/>, counting the errors in the message.</summary>
    public static ScaffoldException From(IReadOnlyList<Diagnostic> diagnostics, int exitCode, string message)
    {
        var errors = diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
        return new ScaffoldException(exitCode, $"{errors} error(s). {message}", diagnostics);
    }

    /// <summary>Throws when <paramref name="diagnostics"/> holds an error; warnings pass.</summary>
    public static void ThrowIfErrors(IReadOnlyList<Diagnostic> diagnostics, int exitCode, string message)
    {
        if (diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            throw new ScaffoldException(exitCode, message, diagnostics);
        }
    }
}
