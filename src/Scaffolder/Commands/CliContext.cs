using MlPipeline.Scaffolder.Templates;
using Spectre.Console;

namespace MlPipeline.Scaffolder.Commands;

/// <summary>What commands write to and read from; tests pass string writers and a folder catalog.</summary>
internal sealed class CliContext
{
    private readonly Lazy<TemplateCatalog> _catalog;
    private readonly Lazy<IAnsiConsole> _console;
    private Lazy<TemplateHistory> _history;

    public CliContext(TextWriter output, TextWriter error, TemplateCatalog? catalog = null, CancellationToken cancellation = default)
    {
        Cancellation = cancellation;
        Output = output;
        Error = error;
        _catalog = new Lazy<TemplateCatalog>(() => catalog ?? TemplateCatalog.Embedded);
        _history = new Lazy<TemplateHistory>(() => TemplateHistory.Embedded(Catalog));
        // Made on first use: terminal detection costs startup time that most commands do not need.
        _console = new Lazy<IAnsiConsole>(() => AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = output == System.Console.Out ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = output == System.Console.Out ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        }));
    }

    public TextWriter Output { get; }

    /// <summary>
    /// Whether commands may ask questions: a person at a terminal (standard input and output are a terminal, not
    /// redirected) and not CI (the <c>CI</c> variable unset). Set by Program; tests in process never prompt.
    /// </summary>
    public bool Interactive { get; init; }

    public TextWriter Error { get; }

    /// <summary>Set by Ctrl+C or SIGTERM: the command stops and removes what it had started to write.</summary>
    public CancellationToken Cancellation { get; }

    public TemplateCatalog Catalog => _catalog.Value;

    /// <summary>Every template release the tool renders: <see cref="Catalog"/> and the earlier ones it carries (for <c>update</c>).
    /// Tests give a history of their own.</summary>
    public TemplateHistory History
    {
        get => _history.Value;
        init => _history = new Lazy<TemplateHistory>(value);
    }

    /// <summary>Tables and trees for people, written to <see cref="Output"/>.</summary>
    public IAnsiConsole Console => _console.Value;

    /// <summary>Prints findings to the error writer, one per line, errors first.</summary>
    public void Report(IEnumerable<Diagnostics.Diagnostic> diagnostics)
    {
        foreach (var diagnostic in diagnostics.OrderByDescending(d => d.Severity))
        {
            Error.WriteLine(diagnostic.ToString());
        }
    }
}
