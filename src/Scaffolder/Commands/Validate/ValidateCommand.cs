using System.CommandLine;
using MlPipeline.Scaffolder.Diagnostics;
using MlPipeline.Scaffolder.Spec;
using MlPipeline.Scaffolder.Templates;

namespace MlPipeline.Scaffolder.Commands.Validate;

/// <summary><c>mlpipeline validate &lt;spec-file&gt;</c>: check a spec and print every finding.</summary>
internal static class ValidateCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("spec-file") { Description = "The spec to check, such as a project's mlpipeline.yaml." };
        var command = new Command("validate", "Check a spec file and print all its problems.") { file };
        command.SetAction(parse => Execute(context, parse.GetRequiredValue(file)));
        return command;
    }

    public static int Execute(CliContext context, string path)
    {
        var manifest = context.Catalog[TemplateCatalog.ProjectTemplateId].Manifest;
        var diagnostics = new List<Diagnostic>();
        var spec = new SpecRequest { SpecFile = path }.Resolve(manifest, diagnostics);
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
