using System.CommandLine;
using MlPipeline.Scaffolder.Commands.Answers;
using MlPipeline.Scaffolder.Diagnostics;
using MlPipeline.Scaffolder.Spec;
using MlPipeline.Scaffolder.Templates;

namespace MlPipeline.Scaffolder.Commands.Validate;

/// <summary>
/// <c>mlpipeline validate &lt;spec-file&gt; [answers]</c>: check a spec, with the same answer options as <c>new</c>
/// (<c>--name</c>, <c>--set</c>, …) on top, and print every finding.
/// </summary>
internal static class ValidateCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("spec-file") { Description = "The spec to check, such as a project's mlpipeline.yaml." };
        var command = new Command("validate", "Check a spec file, with any answers given as new takes them, and print all its problems.") { file };
        var answers = new AnswerOptions(context.Catalog[TemplateCatalog.ProjectTemplateId].Manifest);
        answers.AddTo(command);
        command.SetAction(parse => Execute(context, parse.GetRequiredValue(file), parse.GetValue(answers.Set) ?? [], answers.Named(parse)));
        return command;
    }

    public static int Execute(CliContext context, string path, IReadOnlyList<string>? set = null, IReadOnlyDictionary<string, string>? named = null)
    {
        var manifest = context.Catalog[TemplateCatalog.ProjectTemplateId].Manifest;
        var diagnostics = new List<Diagnostic>();
        var spec = new SpecRequest { SpecFile = path, Set = set ?? [], Named = named ?? new Dictionary<string, string>() }.Resolve(manifest, diagnostics);
        context.Report(diagnostics);
        if (spec is null)
        {
            var errors = diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
            context.Error.WriteLine($"{path}: {errors} error(s).");
            return SpecRequest.ExitCodeOf(diagnostics);
        }

        context.Output.WriteLine($"{path}: valid spec for template {spec.TemplateId} {manifest.Version}, project {spec.Name}.");
        return ExitCodes.Success;
    }
}
