using System.CommandLine;
using System.Globalization;
using MlPipeline.Scaffolder.Diagnostics;
using MlPipeline.Scaffolder.Packing;

namespace MlPipeline.Scaffolder.Commands.PackTemplate;

/// <summary>
/// <c>mlpipeline pack-template &lt;dir&gt;</c>: compile the templates into a <c>dotnet new</c> template folder and
/// check it. TemplatePack.csproj runs it at pack time; it also works on its own, for a folder install.
/// </summary>
internal static class PackTemplateCommand
{
    public static Command Create(CliContext context)
    {
        var output = new Argument<string>("dir") { Description = "The folder to write (.template.config/ and the content folders); an earlier compile there is replaced." };
        var schema = new Option<string?>("--schema")
        {
            Description = "Also check template.json against this JSON schema (SchemaStore's template.json schema).",
            HelpName = "FILE",
        };
        var packages = new Option<string?>("--packages")
        {
            Description = "A folder with the MlPipeline packages of this version: the template carries them, so every project it makes restores from its own packages/ folder.",
            HelpName = "FOLDER",
        };
        var command = new Command("pack-template", "Compile the templates into the dotnet new template (the content of the template pack) and check it.") { output, schema, packages };
        command.SetAction(parse => Execute(context, parse.GetRequiredValue(output), parse.GetValue(schema), parse.GetValue(packages)));
        return command;
    }

    public static int Execute(CliContext context, string output, string? schema, string? packages = null)
    {
        if (schema is not null && !File.Exists(schema))
        {
            throw ScaffoldException.From([Diagnostic.Error(Rules.SpecFileUnreadable, schema, "The schema file does not exist.")], ExitCodes.CannotReadInput, "Nothing was written.");
        }

        var diagnostics = new List<Diagnostic>();
        var compiled = TemplatePackCompiler.Compile(context.Catalog, diagnostics, packages is null ? null : Path.GetFullPath(packages))
            ?? throw ScaffoldException.From(diagnostics, ExitCodes.InvalidData, "The template cannot be compiled for dotnet new; nothing was written.");
        var count = TemplatePackWriter.Write(compiled, output);

        TemplatePackChecker.Check(output, schema, diagnostics);
        if (diagnostics.Count > 0)
        {
            throw ScaffoldException.From(diagnostics, ExitCodes.InvalidData, $"The compiled template in {output} fails its checks.");
        }

        context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Compiled template '{compiled.Manifest.ShortName}' {compiled.Manifest.Version} into {output}: {count} file(s), "
            + $"{compiled.Combinations.Count} combination(s) of {string.Join(", ", compiled.Dimensions.Select(d => d.Option.Name))}, "
            + $"{compiled.Groups.Count} source folder(s); checked{(schema is null ? "" : " (and against the schema)")}."));
        return ExitCodes.Success;
    }
}
