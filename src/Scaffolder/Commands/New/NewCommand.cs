using System.CommandLine;
using System.Globalization;
using MlPipeline.Scaffolder.Commands.Answers;
using MlPipeline.Scaffolder.Diagnostics;
using MlPipeline.Scaffolder.Packages;
using MlPipeline.Scaffolder.Rendering;
using MlPipeline.Scaffolder.Spec;
using MlPipeline.Scaffolder.Templates;
using MlPipeline.Scaffolder.Writing;
using Spectre.Console;

namespace MlPipeline.Scaffolder.Commands.New;

/// <summary><c>mlpipeline new &lt;dir&gt;</c>: check the answers, render the project in memory, write it atomically.</summary>
internal static class NewCommand
{
    public static Command Create(CliContext context)
    {
        var manifest = context.Catalog[TemplateCatalog.ProjectTemplateId].Manifest;
        var target = new Argument<string>("dir") { Description = "The folder to create; its name is the project name unless --name says otherwise." };
        var spec = new Option<string?>("--spec") { Description = "A spec file (YAML) with the answers, such as a project's mlpipeline.yaml.", HelpName = "FILE" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the files that would be written and write nothing." };
        var force = new Option<bool>("--force") { Description = "Write into a folder that has files: overwrite only the files the template makes, delete nothing." };
        var noGit = new Option<bool>("--no-git") { Description = "Do not make a git repository and initial commit." };
        var noInteractive = new Option<bool>("--no-interactive") { Description = "Do not ask for the answers not given (in a terminal, new asks; never when input or output is redirected or CI is set)." };

        var command = new Command("new", "Generate a new project in a folder.") { target, spec, dryRun, force, noGit, noInteractive };
        var answers = new AnswerOptions(manifest);
        answers.AddTo(command);
        command.SetAction(parse => Execute(context, new NewArguments
        {
            Target = parse.GetRequiredValue(target),
            SpecFile = parse.GetValue(spec),
            Set = parse.GetValue(answers.Set) ?? [],
            Named = answers.Named(parse),
            DryRun = parse.GetValue(dryRun),
            Force = parse.GetValue(force),
            NoGit = parse.GetValue(noGit),
            NoInteractive = parse.GetValue(noInteractive),
        }));
        return command;
    }

    public static int Execute(CliContext context, NewArguments arguments)
    {
        if (string.IsNullOrWhiteSpace(arguments.Target) || arguments.SpecFile is { } file && string.IsNullOrWhiteSpace(file))
        {
            throw new ScaffoldException(ExitCodes.Usage, string.IsNullOrWhiteSpace(arguments.Target)
                ? "The target folder is empty; give the folder to create, such as `mlpipeline new Churn`."
                : "--spec is empty; give the spec file, such as --spec mlpipeline.yaml.");
        }

        var root = context.Catalog[TemplateCatalog.ProjectTemplateId];
        var diagnostics = new List<Diagnostic>();
        var folder = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(arguments.Target)));
        var named = arguments.Named;
        if (context.Interactive && !arguments.NoInteractive)
        {
            var asked = AnswerPrompts.Ask(context.Console, root.Manifest, Given(arguments), folder, context.Cancellation);
            named = asked.Concat(arguments.Named).ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);
        }

        var spec = new SpecRequest
        {
            SpecFile = arguments.SpecFile,
            Set = arguments.Set,
            Named = named,
            DefaultName = folder,
        }.Resolve(root.Manifest, diagnostics)
            ?? throw ScaffoldException.From(diagnostics, SpecRequest.ExitCodeOf(diagnostics), "The answers have problems; nothing was written.");

        // A folder of packages becomes the project's own feed (packages/), so the project restores anywhere.
        var source = (string)spec[PackageFeed.Option];
        if (PackageFeed.IsFolder(source))
        {
            spec = spec.With(PackageFeed.Option, PackageFeed.ProjectFolder);
        }

        var tree = new ProjectRenderer(context.Catalog).Render(spec, diagnostics)
            ?? throw ScaffoldException.From(diagnostics, ExitCodes.Internal, "The templates failed to render; nothing was written. This is a bug in the templates.");
        context.Report(diagnostics);
        if (PackageFeed.IsFolder(source))
        {
            tree = new GeneratedTree([.. tree.Files, .. PackageFeed.Collect(tree, Path.GetFullPath(source))]);
        }

        if (arguments.DryRun)
        {
            PrintTree(context, tree, arguments.Target);
            return ExitCodes.Success;
        }

        var result = ProjectWriter.Write(tree, arguments.Target, new WriteOptions
        {
            Force = arguments.Force,
            Git = !arguments.NoGit,
            CommitMessage = $"Initial commit from the {root.Manifest.Id} template {root.Manifest.Version}",
            Cancellation = context.Cancellation,
        });

        context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Created project {spec.Name} in {result.Target}: {result.Created} new file(s), {result.Overwritten} overwritten."));
        if (result.GitInitialized)
        {
            context.Output.WriteLine("git: new repository with one initial commit.");
        }

        foreach (var note in result.Notes)
        {
            context.Output.WriteLine(note);
        }

        context.Output.WriteLine($"Next: cd {arguments.Target} and read README.md.");
        return ExitCodes.Success;
    }

    /// <summary>The options answered on the command line or in the spec file, with their text (the last one given wins, as in the spec's layers).</summary>
    private static Dictionary<string, string?> Given(NewArguments arguments)
    {
        var given = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (arguments.SpecFile is not null && SpecFile.Load(arguments.SpecFile, []) is { } file)
        {
            foreach (var answer in file.Answers.Answers)
            {
                given[answer.Option] = answer.Text;
            }
        }

        foreach (var set in arguments.Set.Select(s => s.Split('=', 2)))
        {
            given[set[0].Trim()] = set.Length > 1 ? set[1] : null;
        }

        foreach (var (name, value) in arguments.Named)
        {
            given[name] = value;
        }

        return given;
    }

    private static void PrintTree(CliContext context, GeneratedTree tree, string target)
    {
        var root = new Tree($"{Markup.Escape(target)} (dry run: nothing written)");
        var folders = new Dictionary<string, IHasTreeNodes>(StringComparer.Ordinal) { [""] = root };
        foreach (var file in tree.Files)
        {
            var segments = file.Path.Split('/');
            var parent = (IHasTreeNodes)root;
            for (var i = 0; i < segments.Length - 1; i++)
            {
                var key = string.Join('/', segments[..(i + 1)]);
                if (!folders.TryGetValue(key, out var node))
                {
                    node = parent.AddNode(Markup.Escape(segments[i] + "/"));
                    folders[key] = node;
                }

                parent = node;
            }

            parent.AddNode(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"{segments[^1]}  {file.Content.Length} B{(file.Executable ? ", executable" : "")}")));
        }

        context.Console.Write(root);
        context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{tree.Files.Count} file(s)."));
    }
}
