using System.CommandLine;
using System.Globalization;
using System.Text;
using MlPipeline.Scaffolder.Commands.Answers;
using MlPipeline.Scaffolder.Diagnostics;
using MlPipeline.Scaffolder.Manifest;
using MlPipeline.Scaffolder.Templates;
using MlPipeline.Scaffolder.Updating;
using MlPipeline.Shared;

namespace MlPipeline.Scaffolder.Commands.Update;

/// <summary>
/// <c>mlpipeline update [DIR]</c>: bring a generated project to a newer template or new answers, keeping the user's
/// changes (a three-way merge per file). Exit 0 when done, 1 when conflicts are left to resolve, 73 when refused.
/// </summary>
internal static class UpdateCommand
{
    public static Command Create(CliContext context)
    {
        var manifest = context.Catalog[TemplateCatalog.ProjectTemplateId].Manifest;
        var target = new Argument<string>("dir") { Description = "The project folder (the one with mlpipeline.yaml).", DefaultValueFactory = _ => "." };
        var to = new Option<string?>("--to") { Description = "The template version to update to. Default: this tool's.", HelpName = "VERSION" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print what would change, with a unified diff, and write nothing." };
        var allowDirty = new Option<bool>("--allow-dirty") { Description = "Update a project that has uncommitted changes or is not in a git repository." };
        var command = new Command("update", "Update a generated project to this tool's template or to new answers, keeping your changes.") { target, to, dryRun, allowDirty };
        var answers = new AnswerOptions(manifest);
        answers.AddTo(command);
        command.SetAction(parse => Execute(context, parse.GetValue(to), parse.GetValue(dryRun), new UpdateRequest
        {
            Project = parse.GetRequiredValue(target),
            Set = parse.GetValue(answers.Set) ?? [],
            Named = answers.Named(parse),
            AllowDirty = parse.GetValue(allowDirty),
        }));
        return command;
    }

    public static int Execute(CliContext context, string? to, bool dryRun, UpdateRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Project))
        {
            throw new ScaffoldException(ExitCodes.Usage, "The project folder is empty; give the folder to update, such as `mlpipeline update Churn`, or none for the current folder.");
        }

        if (to is not null)
        {
            request = request with
            {
                To = TemplateVersion.TryParse(to, out var version) ? version
                    : throw new ScaffoldException(ExitCodes.Usage, $"--to {Text.Display.Quote(to)} is not a version; give major.minor.patch, such as --to {context.History.Current}."),
            };
        }

        var update = ProjectUpdater.Prepare(request, context.History);
        var changes = update.Plan.Files.Where(f => f.Action != UpdateAction.Unchanged || f.ChangesDisk).ToList();
        var heading = update.From == update.To
            ? $"Template {update.To} (unchanged version), new answers"
            : $"Template {update.From} -> {update.To}";
        context.Output.WriteLine($"{heading}{(dryRun ? " (dry run: nothing written)" : "")}:");
        foreach (var file in changes)
        {
            context.Output.WriteLine($"  {Describe(file.Action),-34} {file.Path}");
        }

        if (changes.Count == 0)
        {
            context.Output.WriteLine("  nothing to change: the project is up to date.");
        }

        if (dryRun)
        {
            foreach (var file in update.Plan.Changes)
            {
                context.Output.Write(Diff(file));
            }
        }
        else
        {
            ProjectUpdater.Apply(update, context.Cancellation);
        }

        var conflicts = update.Plan.Conflicts.ToList();
        var written = update.Plan.Changes.Count();
        context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{(dryRun ? "Would change" : "Changed")} {written} file(s) in {update.Project}; {conflicts.Count} conflict(s)."));
        if (conflicts.Count > 0)
        {
            context.Output.WriteLine($"Resolve the conflicts in: {string.Join(", ", conflicts.Select(c => c.Path))}.");
            context.Output.WriteLine($"Text files hold git's markers (<<<<<<< ours, =======, >>>>>>> template {update.To}); a binary file keeps your version. Then review and commit.");
            return ExitCodes.Conflicts;
        }

        if (!dryRun && written > 0)
        {
            context.Output.WriteLine("Review the changes (git diff) and commit them.");
        }

        return ExitCodes.Success;
    }

    private static string Describe(UpdateAction action) => action switch
    {
        UpdateAction.Unchanged => "unchanged",
        UpdateAction.Updated => "updated",
        UpdateAction.KeptUserChange => "kept (your change)",
        UpdateAction.Merged => "merged",
        UpdateAction.Conflict => "CONFLICT (both changed)",
        UpdateAction.BinaryConflict => "CONFLICT (binary, yours kept)",
        UpdateAction.Added => "added",
        UpdateAction.AddConflict => "CONFLICT (added, you have one)",
        UpdateAction.Deleted => "deleted",
        UpdateAction.KeptRemovedByTemplate => "kept (template dropped it)",
        UpdateAction.KeptDeletedByUser => "stays deleted (you deleted it)",
        _ => action.ToString(),
    };

    /// <summary>A unified diff of the file from what is on disk to what the update writes.</summary>
    private static string Diff(FileUpdate file)
    {
        var before = file.Before?.Content ?? [];
        var after = file.After?.Content ?? [];
        var (from, to) = (file.Before is null ? "/dev/null" : "a/" + file.Path, file.After is null ? "/dev/null" : "b/" + file.Path);
        if (UpdatePlanner.IsBinary(before) || UpdatePlanner.IsBinary(after))
        {
            return $"Binary files {from} and {to} differ\n";
        }

        var diff = UnifiedDiff.Of(Encoding.UTF8.GetString(before), Encoding.UTF8.GetString(after), from, to);
        if (diff.Length == 0 && file.Before?.Executable != file.After?.Executable)
        {
            return $"mode change {(file.After?.Executable == true ? "100755" : "100644")} {file.Path}\n";
        }

        return diff.EndsWith('\n') ? diff : diff + "\n";
    }
}
