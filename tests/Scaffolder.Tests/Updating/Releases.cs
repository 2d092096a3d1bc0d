using System.IO.Compression;
using System.Text;
using MlPipeline.Scaffolder.Commands;
using MlPipeline.Scaffolder.Diagnostics;
using MlPipeline.Scaffolder.Manifest;
using MlPipeline.Scaffolder.Templates;
using MlPipeline.Tests.Shared;

namespace MlPipeline.Scaffolder.Tests.Updating;

/// <summary>
/// Two template releases for update tests: this repository's templates as "the previous release" (carried as a zip
/// of <c>templates/</c>, as the tool carries earlier releases) and a changed copy of them as "the next release".
/// The changes are the ones a release makes: a changed line, a removed file, an added file.
/// </summary>
internal static class Releases
{
    public static readonly TemplateVersion Previous = ReleaseVersion.Current;

    public static readonly TemplateVersion Next = new(Previous.Major, Previous.Minor + 1, 0);

    /// <summary>The line of steps/clean.py the next release changes, before and after.</summary>
    public const string ChangedLine = "STRAY_VALUES = 0.5";
    public const string NextLine = "STRAY_VALUES = 0.25";

    /// <summary>A file the next release no longer makes.</summary>
    public const string RemovedFile = "steps/inference.py";

    /// <summary>A file only the next release makes, and its text for a project named Churn.</summary>
    public const string AddedFile = "docs/RUNBOOK.md";
    public const string AddedText = "# Runbook of Churn\n\nWhat to do when the pipeline fails at night.\n";

    /// <summary>The previous release as the tool carries it: a zip of the repository's templates/ folder.</summary>
    public static byte[] PreviousArchive { get; } = Archive();

    public static TemplateCatalog PreviousCatalog { get; } = TemplateHistory.FromArchive(PreviousArchive, Previous);

    public static TemplateCatalog NextCatalog { get; } = LoadNext();

    /// <summary>What a tool of the next release renders: its own templates and the previous release from the archive.</summary>
    public static TemplateHistory NextHistory { get; } =
        new(NextCatalog, [new KeyValuePair<TemplateVersion, Func<byte[]>>(Previous, () => PreviousArchive)]);

    /// <summary>`mlpipeline ARGS` as the previous release's tool.</summary>
    public static (int Code, string Output, string Error) RunPrevious(params string[] args) => Run(PreviousCatalog, null, args);

    /// <summary>`mlpipeline ARGS` as the next release's tool.</summary>
    public static (int Code, string Output, string Error) RunNext(params string[] args) => Run(NextCatalog, NextHistory, args);

    /// <summary>`mlpipeline ARGS` with the given templates (and history, else the catalog's own release only).</summary>
    public static (int Code, string Output, string Error) Run(TemplateCatalog catalog, TemplateHistory? history, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var context = new CliContext(output, error, catalog) { History = history ?? new TemplateHistory(catalog, []) };
        var code = Cli.Run(args, context);
        return (code, output.ToString(), error.ToString());
    }

    private static byte[] Archive()
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var path in Directory.EnumerateFiles(TestPaths.Templates, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var entry = zip.CreateEntry("templates/" + Path.GetRelativePath(TestPaths.Templates, path).Replace('\\', '/'));
                using var stream = entry.Open();
                stream.Write(File.ReadAllBytes(path));
            }
        }

        return memory.ToArray();
    }

    private static TemplateCatalog LoadNext()
    {
        var files = new List<KeyValuePair<string, byte[]>>();
        foreach (var path in Directory.EnumerateFiles(TestPaths.Templates, "*", SearchOption.AllDirectories))
        {
            var key = Path.GetRelativePath(TestPaths.Templates, path).Replace('\\', '/');
            var bytes = File.ReadAllBytes(path);
            if (key == "ml-project/content/" + RemovedFile)
            {
                continue;
            }

            if (key == "ml-project/content/steps/clean.py")
            {
                var text = Encoding.UTF8.GetString(bytes);
                Assert.Contains(ChangedLine + "\n", text, StringComparison.Ordinal);
                bytes = Encoding.UTF8.GetBytes(text.Replace(ChangedLine + "\n", NextLine + "\n", StringComparison.Ordinal));
            }

            files.Add(new(key, bytes));
        }

        files.Add(new("ml-project/content/" + AddedFile, Encoding.UTF8.GetBytes("# Runbook of {{ project.name }}\n\nWhat to do when the pipeline fails at night.\n")));
        var diagnostics = new List<Diagnostic>();
        var catalog = TemplateCatalog.Load(files, diagnostics, Next);
        Assert.Empty(diagnostics);
        return catalog;
    }
}
