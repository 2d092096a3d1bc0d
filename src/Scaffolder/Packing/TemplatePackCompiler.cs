using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MlPipeline.Scaffolder.Diagnostics;
using MlPipeline.Scaffolder.Manifest;
using MlPipeline.Scaffolder.Packages;
using MlPipeline.Scaffolder.Rendering;
using MlPipeline.Scaffolder.Spec;
using MlPipeline.Scaffolder.Templates;

namespace MlPipeline.Scaffolder.Packing;

/// <summary>
/// Compiles the project template into a <c>dotnet new</c> template, so that the Scriban templates stay the
/// only source. The templates are rendered once for every combination of the choices and booleans
/// <c>dotnet new</c> exposes, with the name forms (and choices that only ever appear as text, such as the
/// region) set to placeholder tokens. Files the same in every combination go in once; the others go in a
/// folder per set of combinations, with that set as the source condition. <c>template.json</c> maps each
/// token back to its value, so the engine only substitutes names and picks folders; no logic is left to it.
/// </summary>
internal static class TemplatePackCompiler
{
    /// <summary>The folder under the template root with the files every combination has.</summary>
    public const string CommonFolder = "content";

    /// <summary>The token a name form is rendered as: <c>MlpNameKebab_</c> for <c>project.kebab</c>.</summary>
    public static string NameToken(string form) => "MlpName" + Pascal(form) + "_";

    /// <summary>The token a choice that is only ever text is rendered as: <c>MlpOptionRegion_</c>.</summary>
    public static string OptionToken(string option) => "MlpOption" + Pascal(option) + "_";

    /// <summary>The compiled template, or null with diagnostics when the manifest asks for what dotnet new cannot do.</summary>
    /// <param name="catalog">The templates.</param>
    /// <param name="diagnostics">Receives every problem.</param>
    /// <param name="packages">
    /// A folder with the MlPipeline packages: the template then carries them, and every project it makes has its own
    /// feed, as <c>mlpipeline new --package-source FOLDER</c> gives (dotnet new cannot be given a package source).
    /// Without it, projects restore the packages from nuget.org.
    /// </param>
    public static CompiledTemplate? Compile(TemplateCatalog catalog, List<Diagnostic> diagnostics, string? packages = null)
    {
        var before = diagnostics.Count;
        var root = catalog[TemplateCatalog.ProjectTemplateId];
        var manifest = root.Manifest;
        var where = $"{root.Folder}/{TemplateCatalog.ManifestFileName}";
        CheckManifest(catalog, root, where, diagnostics);
        // Stryker disable once Block : what follows finds nothing more in a refused manifest and the result is null either way; stopping saves the renders
        if (diagnostics.Count > before)
        {
            return null;
        }

        var fixedAnswers = new Dictionary<string, object>(StringComparer.Ordinal);
        if (packages is not null)
        {
            fixedAnswers[PackageFeed.Option] = PackageFeed.ProjectFolder;
        }

        var renderer = new Renderer(catalog, manifest, fixedAnswers);
        var exposed = manifest.Options.Where(o => o.DotnetNew && o.Name != "name").ToList();
        var textual = exposed.Where(o => o.Type == OptionType.Choice && renderer.IsTextOnly(o, exposed)).ToList();
        var dimensions = exposed.Except(textual).Select(o => new Dimension(o)).ToList();
        var tokens = textual.ToDictionary(o => o.Name, o => (object)OptionToken(o.Name), StringComparer.Ordinal);

        var combinations = Product(dimensions).ToList();
        var trees = new List<GeneratedTree>();
        foreach (var combination in combinations)
        {
            var values = new Dictionary<string, object>(tokens, StringComparer.Ordinal);
            foreach (var (dimension, value) in dimensions.Zip(combination))
            {
                values[dimension.Option.Name] = value;
            }

            if (renderer.Render(values, diagnostics) is not { } tree)
            {
                return null;
            }

            trees.Add(tree);
        }

        if (packages is not null)
        {
            var feed = PackageFeed.Collect(trees[0], packages);
            trees = [.. trees.Select(tree => new GeneratedTree([.. tree.Files, .. feed]))];
        }

        var groups = GroupFiles(trees, combinations.Count);
        var compiled = new CompiledTemplate(manifest, dimensions, textual, combinations, groups);
        CheckExecutables(compiled, where, diagnostics);
        return diagnostics.Count > before ? null : compiled;
    }

    private static void CheckManifest(TemplateCatalog catalog, TemplateRoot root, string where, List<Diagnostic> diagnostics)
    {
        var manifest = root.Manifest;
        if (string.IsNullOrEmpty(manifest.ShortName) || string.IsNullOrEmpty(manifest.Identity))
        {
            diagnostics.Add(Diagnostic.Error(Rules.PackCompile, where, "A packed template needs short_name and identity in its manifest."));
        }

        if (manifest.FindOption("name") is not { DotnetNew: true, Type: OptionType.String })
        {
            diagnostics.Add(Diagnostic.Error(Rules.PackCompile, where, "The 'name' option must be a string marked dotnet_new: true; dotnet new gives it with -n."));
        }

        foreach (var option in manifest.Options.Where(o => o.DotnetNew && o.Name != "name" && o.Type is not (OptionType.Choice or OptionType.Bool)))
        {
            diagnostics.Add(Diagnostic.Error(Rules.PackCompile, where,
                $"Option '{option.Name}' is a {option.Type.ToString().ToLowerInvariant()}; dotnet new can only take choices and booleans besides the name "
                + "(it cannot escape free text for each file format). Remove dotnet_new from it."));
        }

        // dotnet new gives every option but the name a value without asking: an option without a default has none to give.
        foreach (var option in manifest.Options.Where(o => o.Name != "name" && o.Default is null))
        {
            diagnostics.Add(Diagnostic.Error(Rules.PackCompile, where,
                $"Option '{option.Name}' has no default; a project made by dotnet new gets the default of every option it is not given. Give it a default."));
        }

        foreach (var template in catalog.Templates)
        {
            foreach (var (path, bytes) in template.Content)
            {
                var text = Encoding.UTF8.GetString(bytes);
                foreach (var token in AllTokens(manifest).Where(t => text.Contains(t, StringComparison.Ordinal) || path.Contains(t, StringComparison.Ordinal)))
                {
                    diagnostics.Add(Diagnostic.Error(Rules.PackCompile, $"{template.Folder}/{TemplateCatalog.ContentFolder}{path}",
                        $"Contains '{token}', a placeholder the template pack substitutes; reword it."));
                }
            }
        }
    }

    /// <summary>The chmod post-action takes fixed paths; a run bit on a path with a name in it cannot be expressed.</summary>
    private static void CheckExecutables(CompiledTemplate compiled, string where, List<Diagnostic> diagnostics)
    {
        var tokens = AllTokens(compiled.Manifest).ToList();
        foreach (var file in compiled.Groups.SelectMany(g => g.Files).Where(f => f.Executable && tokens.Any(t => f.Path.Contains(t, StringComparison.Ordinal))))
        {
            diagnostics.Add(Diagnostic.Error(Rules.PackCompile, where,
                $"'{file.Path}' is executable and its path has a placeholder in it; dotnet new's chmod post-action needs a fixed path."));
        }
    }

    /// <summary>Puts each distinct file in the group of the combinations that have it, byte for byte.</summary>
    private static List<FileGroup> GroupFiles(List<GeneratedTree> trees, int count)
    {
        var variants = new Dictionary<(string Path, string Hash, bool Executable), (GeneratedFile File, List<int> Combinations)>();
        for (var i = 0; i < trees.Count; i++)
        {
            foreach (var file in trees[i].Files)
            {
                var key = (file.Path, Convert.ToHexString(SHA256.HashData(file.Content)), file.Executable);
                if (!variants.TryGetValue(key, out var variant))
                {
                    variant = (file, []);
                    variants[key] = variant;
                }

                variant.Combinations.Add(i);
            }
        }

        var groups = variants.Values
            .GroupBy(v => string.Join(',', v.Combinations), StringComparer.Ordinal)
            .Select(g => (Combinations: g.First().Combinations, Files: g.Select(v => v.File).OrderBy(f => f.Path, StringComparer.Ordinal).ToList()))
            .OrderByDescending(g => g.Combinations.Count)
            .ThenBy(g => string.Join(',', g.Combinations.Select(c => c.ToString("D4", CultureInfo.InvariantCulture))), StringComparer.Ordinal)
            .ToList();
        var result = new List<FileGroup>();
        var number = 0;
        foreach (var (combinations, files) in groups)
        {
            var folder = combinations.Count == count ? CommonFolder : string.Create(CultureInfo.InvariantCulture, $"when-{++number:D2}");
            result.Add(new FileGroup(folder, combinations, files));
        }

        return result;
    }

    private static IEnumerable<string> AllTokens(TemplateManifest manifest) =>
        NameForms.All.Select(f => NameToken(f.Name)).Concat(manifest.Options.Select(o => OptionToken(o.Name)));

    private static IEnumerable<object[]> Product(IReadOnlyList<Dimension> dimensions)
    {
        IEnumerable<object[]> result = [[]];
        foreach (var dimension in dimensions)
        {
            result = result.SelectMany(prefix => dimension.Values.Select(value => (object[])[.. prefix, value])).ToList();
        }

        return result;
    }

    /// <summary>A snake_case name (an option's, a name form's: never with an empty part) in PascalCase.</summary>
    public static string Pascal(string snake) =>
        string.Concat(snake.Split('_').Select(p => char.ToUpperInvariant(p[0]) + p[1..]));

    /// <summary>Renders the template with placeholder name forms and given option values, validation aside.</summary>
    private sealed class Renderer(TemplateCatalog catalog, TemplateManifest manifest, IReadOnlyDictionary<string, object> fixedAnswers)
    {
        private readonly ProjectRenderer _renderer = new(catalog);
        private readonly Dictionary<string, string> _nameForms =
            NameForms.All.ToDictionary(f => f.Name, f => NameToken(f.Name), StringComparer.Ordinal);

        public GeneratedTree? Render(Dictionary<string, object> values, List<Diagnostic> diagnostics)
        {
            var answers = manifest.Options
                .Select(o => new KeyValuePair<string, object>(o.Name,
                    o.Name == "name" ? _nameForms["name"]
                    : values.TryGetValue(o.Name, out var value) || fixedAnswers.TryGetValue(o.Name, out value) ? value
                    : o.Default!))
                .ToList();
            var spec = new ProjectSpec { TemplateId = manifest.Id, TemplateVersion = manifest.Version, Answers = answers };
            return _renderer.Render(spec, _nameForms, diagnostics);
        }

        /// <summary>
        /// Whether a choice only ever appears as its own text: for every combination of the other exposed options,
        /// rendering with any of its values equals rendering with its token and then replacing the token.
        /// </summary>
        public bool IsTextOnly(OptionDefinition option, IReadOnlyList<OptionDefinition> exposed)
        {
            var token = OptionToken(option.Name);
            var others = exposed.Where(o => o != option).Select(o => new Dimension(o)).ToList();
            foreach (var combination in Product(others))
            {
                var values = others.Zip(combination).ToDictionary(p => p.First.Option.Name, p => p.Second, StringComparer.Ordinal);
                values[option.Name] = token;
                var scratch = new List<Diagnostic>();
                if (Render(values, scratch) is not { } withToken)
                {
                    return false;
                }

                foreach (var choice in option.Choices)
                {
                    values[option.Name] = choice.Value;
                    if (Render(values, scratch) is not { } real || !SameAfterReplacing(withToken, token, choice.Value, real))
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        private static bool SameAfterReplacing(GeneratedTree withToken, string token, string value, GeneratedTree real) =>
            withToken.Files.Count == real.Files.Count
            && withToken.Files.Zip(real.Files).All(pair =>
                pair.First.Path.Replace(token, value, StringComparison.Ordinal) == pair.Second.Path
                && pair.First.Executable == pair.Second.Executable
                && Encoding.UTF8.GetString(pair.First.Content).Replace(token, value, StringComparison.Ordinal) == Encoding.UTF8.GetString(pair.Second.Content));
    }
}

/// <summary>A choice or boolean that selects files: its values in order.</summary>
internal sealed record Dimension(OptionDefinition Option)
{
    public IReadOnlyList<object> Values { get; } = Option.Type == OptionType.Bool
        ? [false, true]
        : [.. Option.Choices.Select(c => (object)c.Value)];
}

/// <summary>Files that are in exactly the same combinations, stored under <see cref="Folder"/>.</summary>
internal sealed record FileGroup(string Folder, IReadOnlyList<int> Combinations, IReadOnlyList<GeneratedFile> Files);

/// <summary>The result of compiling: what template.json and the content folders are made from.</summary>
internal sealed record CompiledTemplate(
    TemplateManifest Manifest,
    IReadOnlyList<Dimension> Dimensions,
    IReadOnlyList<OptionDefinition> TextOptions,
    IReadOnlyList<object[]> Combinations,
    IReadOnlyList<FileGroup> Groups);
