using MlPipeline.Scaffolder.Diagnostics;
using MlPipeline.Scaffolder.Manifest;
using MlPipeline.Scaffolder.Packages;
using MlPipeline.Scaffolder.Rendering;
using MlPipeline.Scaffolder.Spec;
using MlPipeline.Scaffolder.Templates;
using MlPipeline.Scaffolder.Writing;
using MlPipeline.Shared;

namespace MlPipeline.Scaffolder.Updating;

/// <summary>
/// Works out <c>mlpipeline update</c>: checks that the folder is a generated project that may be updated, renders
/// <em>base</em> (the recorded version and answers) and <em>theirs</em> (the target version and the new answers), reads
/// <em>ours</em> and plans every file. Writes nothing; <see cref="Apply"/> does, all or nothing.
/// </summary>
internal static class ProjectUpdater
{
    public static PreparedUpdate Prepare(UpdateRequest request, TemplateHistory history)
    {
        var project = Path.TrimEndingDirectorySeparator(Path.GetFullPath(request.Project));
        var record = Path.Combine(project, UpdatePlanner.RecordPath);
        var from = ReadRecord(project, record);
        var to = request.To ?? history.Current;
        CheckVersions(from, to, history);
        var baseCatalog = history.Find(from)!;
        var targetCatalog = history.Find(to)!;
        if (!request.AllowDirty)
        {
            CheckCommitted(project);
        }

        var diagnostics = new List<Diagnostic>();
        var baseSpec = new SpecRequest { SpecFile = record }.Resolve(baseCatalog[TemplateCatalog.ProjectTemplateId].Manifest, diagnostics)
            ?? throw ScaffoldException.From(diagnostics, ExitCodes.InvalidData,
                $"The answers recorded in {UpdatePlanner.RecordPath} are not valid for template {from}, the version that recorded them; fix them there (as they were when the project was generated) and update again.");
        var theirsSpec = new SpecRequest { SpecFile = record, Set = request.Set, Named = request.Named }
            .Resolve(targetCatalog[TemplateCatalog.ProjectTemplateId].Manifest, diagnostics)
            ?? throw ScaffoldException.From(diagnostics, SpecRequest.ExitCodeOf(diagnostics), "The answers have problems; nothing was written.");

        var baseTree = Render(baseCatalog, baseSpec, project, required: false);
        var theirs = Render(targetCatalog, theirsSpec, project, required: true);
        var ours = ProjectSnapshot.Read(project, baseTree.Tree.Files.Select(f => f.Path).Union(theirs.Tree.Files.Select(f => f.Path), StringComparer.Ordinal));
        using var merger = new GitMergeFile($"template {to}");
        var plan = UpdatePlanner.Plan(baseTree.Tree, theirs.Tree, ours, merger.Merge);
        return new PreparedUpdate(project, from, to, theirs.Spec, plan);
    }

    /// <summary>Writes the plan's changes, all or nothing.</summary>
    public static void Apply(PreparedUpdate update, CancellationToken cancellation)
    {
        var changes = update.Plan.Changes.ToList();
        ProjectWriter.Apply(
            [.. changes.Where(c => c.After is not null).Select(c => new GeneratedFile(c.Path, c.After!.Content, c.After.Executable))],
            [.. changes.Where(c => c.After is null).Select(c => c.Path)],
            update.Project,
            new WriteOptions { Cancellation = cancellation });
    }

    /// <summary>The recorded template version; refuses (73) a folder that is not a generated project.</summary>
    private static TemplateVersion ReadRecord(string project, string record)
    {
        if (!Directory.Exists(project))
        {
            throw NotAProject(project, $"'{project}' is not a folder; give the folder of a project that `mlpipeline new` or `dotnet new mlpipeline` made.");
        }

        var kind = FileKind.Of(record, followLinks: false);
        if (kind != FileKind.Kind.RegularFile)
        {
            throw NotAProject(record, kind == FileKind.Kind.Missing
                ? $"'{project}' has no {UpdatePlanner.RecordPath}, so it is not a generated project (or not its root folder); update runs in the folder that `mlpipeline new` or `dotnet new mlpipeline` made."
                : $"{UpdatePlanner.RecordPath} in '{project}' is not a regular file (a symbolic link, a folder or a device); update reads and rewrites it, so it must be the project's own file.");
        }

        var diagnostics = new List<Diagnostic>();
        var file = SpecFile.Load(record, diagnostics);
        if (file is null || diagnostics.Count > 0)
        {
            throw new ScaffoldException(ExitCodes.CannotCreate,
                $"{UpdatePlanner.RecordPath} in '{project}' cannot be read as a project record; restore it from git (git checkout -- {UpdatePlanner.RecordPath}).",
                [.. diagnostics, Diagnostic.Error(Rules.NotAProject, record, "The project record cannot be read.")]);
        }

        if (file.TemplateId != TemplateCatalog.ProjectTemplateId)
        {
            throw NotAProject(record, $"{UpdatePlanner.RecordPath} records template {Text.Display.Quote(file.TemplateId ?? "")}, not '{TemplateCatalog.ProjectTemplateId}'; update works on projects of the {TemplateCatalog.ProjectTemplateId} template.");
        }

        if (!TemplateVersion.TryParse(file.TemplateVersion, out var version))
        {
            throw NotAProject(record, $"{UpdatePlanner.RecordPath} records template_version {Text.Display.Quote(file.TemplateVersion ?? "")}, which is not major.minor.patch; restore it from git.");
        }

        return version.Value;
    }

    private static void CheckVersions(TemplateVersion from, TemplateVersion to, TemplateHistory history)
    {
        var carried = string.Join(", ", history.Versions);
        if (from > history.Current)
        {
            throw Refuse(Rules.UpdateVersion, $"The project was made with template {from}, newer than this tool's {history.Current}; update the tool first (dotnet tool update --global MlPipeline).");
        }

        if (to > history.Current)
        {
            throw Refuse(Rules.UpdateVersion, $"--to {to} is newer than this tool's template {history.Current}; update the tool first (dotnet tool update --global MlPipeline).");
        }

        if (to < from)
        {
            throw Refuse(Rules.UpdateVersion, $"--to {to} is older than the project's template {from}; update only goes forward (git restores an earlier state).");
        }

        if (history.Find(from) is null)
        {
            throw Refuse(Rules.UpdateVersion, $"This tool does not carry template {from}, which made the project, so it cannot tell your changes from the template's (it carries {carried}); use the mlpipeline release that carries it.");
        }

        if (history.Find(to) is null)
        {
            throw Refuse(Rules.UpdateVersion, $"This tool does not carry template {to}; it carries {carried}.");
        }
    }

    private static void CheckCommitted(string project)
    {
        var changes = Git.UncommittedChanges(project, Rules.UncommittedChanges, "pass --allow-dirty to update without checking for uncommitted changes");
        if (changes is null)
        {
            throw Refuse(Rules.UncommittedChanges,
                $"'{project}' is not in a git repository, so an update could not be undone or reviewed; run `git init && git add -A && git commit -m \"Generated project\"` there first, or pass --allow-dirty.");
        }

        if (changes.Length > 0)
        {
            var lines = changes.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            throw Refuse(Rules.UncommittedChanges,
                $"'{project}' has uncommitted changes ({string.Join(", ", lines.Take(5).Select(l => l.Trim()))}{(lines.Length > 5 ? ", ..." : "")}); commit or stash them first, so the update's changes can be reviewed and undone on their own, or pass --allow-dirty.");
        }
    }

    /// <summary>
    /// Renders a tree as <c>new</c> does, with the project's own package feed: a folder source becomes <c>packages</c>
    /// and the packages the tree pins are taken from it. For the base tree (<paramref name="required"/> false) missing
    /// packages are no error: the project then simply lacks them.
    /// </summary>
    private static (GeneratedTree Tree, ProjectSpec Spec) Render(TemplateCatalog catalog, ProjectSpec spec, string project, bool required)
    {
        var source = (string)spec[PackageFeed.Option];
        if (PackageFeed.IsFolder(source))
        {
            spec = spec.With(PackageFeed.Option, PackageFeed.ProjectFolder);
        }

        var diagnostics = new List<Diagnostic>();
        var tree = new ProjectRenderer(catalog).Render(spec, diagnostics)
            ?? throw ScaffoldException.From(diagnostics, ExitCodes.Internal, $"Template {spec.TemplateVersion} failed to render; nothing was written. This is a bug in the templates.");
        if (!PackageFeed.IsFolder(source))
        {
            return (tree, spec);
        }

        IReadOnlyList<GeneratedFile> packages;
        try
        {
            packages = PackageFeed.Collect(tree, Path.GetFullPath(source, project));
        }
        catch (ScaffoldException) when (!required)
        {
            packages = [];
        }

        return (new GeneratedTree([.. tree.Files, .. packages]), spec);
    }

    private static ScaffoldException NotAProject(string where, string message) =>
        new(ExitCodes.CannotCreate, message, [Diagnostic.Error(Rules.NotAProject, where, message)]);

    private static ScaffoldException Refuse(DiagnosticRule rule, string message) =>
        new(ExitCodes.CannotCreate, message, [Diagnostic.Error(rule, "", message)]);
}
