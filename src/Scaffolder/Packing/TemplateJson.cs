using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using MlPipeline.Scaffolder.Manifest;
using MlPipeline.Scaffolder.Packages;
using MlPipeline.Scaffolder.Rendering;

namespace MlPipeline.Scaffolder.Packing;

/// <summary>
/// Writes <c>.template.config/template.json</c> and <c>dotnetcli.host.json</c> for a compiled template: a derived
/// symbol per name form (the sanitising steps, then the form's own, as <c>dotnet new</c> value forms), a parameter
/// per exposed option, a source folder per file group with its condition, and the chmod post-action.
/// </summary>
internal static class TemplateJson
{
    /// <summary>The <c>dotnet new</c> post-action that sets Unix file permissions.</summary>
    public const string ChmodActionId = "cb9a6cf3-4f5c-4860-b9d2-03a574959774";

    /// <summary>The <c>dotnet new</c> post-action that prints its manual instructions.</summary>
    public const string MessageActionId = "AC1156F7-BB77-4DB8-B28F-24EEBCCA1E5C";

    /// <summary>The computed symbol that is true when dotnet new had to change the given name to make it valid.</summary>
    public const string NameChangedSymbol = "nameChanged";

    // Short options dotnet new itself uses (-n, -o, -h, -i was install, -u uninstall, -d diagnostics, -v verbosity,
    // -a: dotnet new 10 shows a template's -a as -p:a).
    private static readonly HashSet<string> ReservedShortNames = new(StringComparer.Ordinal) { "n", "o", "h", "i", "u", "d", "v", "l", "a" };

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string Template(CompiledTemplate compiled)
    {
        var manifest = compiled.Manifest;
        var json = new JsonObject
        {
            ["$schema"] = "http://json.schemastore.org/template",
            ["author"] = manifest.Author,
            ["classifications"] = Array(manifest.Classifications),
            ["identity"] = manifest.Identity,
            ["name"] = manifest.Name,
            ["shortName"] = manifest.ShortName,
            ["description"] = manifest.Description,
            ["tags"] = new JsonObject { ["language"] = "C#", ["type"] = "project" },
            ["preferNameDirectory"] = true,
            ["forms"] = Forms(),
            ["symbols"] = Symbols(compiled),
            ["sources"] = Sources(compiled),
            // The engine evaluates #if lines and MSBuild Condition attributes in content unless told otherwise. A
            // line-style conditional whose token never occurs turns that off for every file; replacements still run.
            ["specialCustomOperations"] = new JsonObject
            {
                ["**/*"] = new JsonObject
                {
                    ["operations"] = new JsonArray(),
                    ["conditionals"] = new JsonObject { ["style"] = "line", ["token"] = "\u0001mlpipeline-no-conditionals\u0001" },
                },
            },
            ["postActions"] = PostActions(compiled),
        };
        return json.ToJsonString(Indented).ReplaceLineEndings("\n") + "\n";
    }

    public static string Host(CompiledTemplate compiled)
    {
        var symbolInfo = new JsonObject();
        var taken = new HashSet<string>(ReservedShortNames, StringComparer.Ordinal);
        foreach (var option in Exposed(compiled))
        {
            var info = new JsonObject { ["longName"] = option.Name.Replace('_', '-') };
            var first = option.Name[..1];
            var shortName = new[] { first, first.ToUpperInvariant() }.FirstOrDefault(taken.Add);
            info["shortName"] = shortName ?? "";
            symbolInfo[option.Name] = info;
        }

        var json = new JsonObject
        {
            ["$schema"] = "http://json.schemastore.org/dotnetcli.host",
            ["symbolInfo"] = symbolInfo,
        };
        // Stryker disable once String : the line ends of a JSON file do not change what dotnet new reads from it
        return json.ToJsonString(Indented).ReplaceLineEndings("\n") + "\n";
    }

    /// <summary>The condition under which a group's folder is used, in dotnet new's expression syntax; null for all.</summary>
    public static string? Condition(CompiledTemplate compiled, IReadOnlyList<int> combinations) =>
        combinations.Count == compiled.Combinations.Count
            ? null
            : Condition(compiled.Dimensions, [.. combinations.Select(i => compiled.Combinations[i])]);

    private static string Condition(IReadOnlyList<Dimension> dimensions, IReadOnlyList<object[]> set)
    {
        var projections = dimensions.Select((d, i) => d.Values.Where(v => set.Any(c => c[i].Equals(v))).ToList()).ToList();
        var product = projections.Aggregate(1L, (n, p) => n * p.Count);
        if (product == set.Count)
        {
            // Never every combination here (that set has no condition), so at least one dimension is narrowed.
            return string.Join(" && ", dimensions
                .Select((d, i) => (Dimension: d, Values: projections[i]))
                .Where(p => p.Values.Count < p.Dimension.Values.Count)
                .Select(p => Any(p.Dimension, p.Values)));
        }

        // Not a product: split on the first dimension that varies; each part's condition tests that dimension.
        var split = projections.FindIndex(p => p.Count > 1);
        return string.Join(" || ", projections[split].Select(value =>
            $"({Condition(dimensions, [.. set.Where(c => c[split].Equals(value))])})"));
    }

    private static string Any(Dimension dimension, List<object> values) =>
        values.Count == 1 ? Test(dimension, values[0]) : "(" + string.Join(" || ", values.Select(v => Test(dimension, v))) + ")";

    private static string Test(Dimension dimension, object value) => value switch
    {
        bool flag => $"{dimension.Option.Name} == {(flag ? "true" : "false")}",
        _ => $"{dimension.Option.Name} == \"{value}\"",
    };

    private static IEnumerable<OptionDefinition> Exposed(CompiledTemplate compiled) =>
        compiled.Manifest.Options.Where(o => o.DotnetNew && o.Name != "name");

    private static JsonObject Forms()
    {
        var forms = new JsonObject();
        // Stryker disable once String : any prefix that keeps the ids unique and apart from dotnet new's own form names works
        var sanitize = Steps(forms, "mlp-sanitize", NameForms.Sanitize);
        // Stryker disable once String : any prefix that keeps the ids unique and apart from dotnet new's own form names works
        forms[FormId(NameCheckForm)] = new JsonObject { ["identifier"] = "chain", ["steps"] = Array(Steps(forms, "mlp-check", NameForms.SanitizeVisibly)) };
        foreach (var form in NameForms.All)
        {
            forms[FormId(form.Name)] = new JsonObject
            {
                ["identifier"] = "chain",
                ["steps"] = Array([.. sanitize, .. Steps(forms, FormId(form.Name), form.Steps)]),
            };
        }

        return forms;
    }

    private static List<string> Steps(JsonObject forms, string prefix, IReadOnlyList<NameStep> steps)
    {
        var ids = new List<string>();
        // Stryker disable once Arithmetic : any numbering that keeps the ids of one chain apart works
        foreach (var (step, i) in steps.Select((s, i) => (s, i + 1)))
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"{prefix}-{i}");
            var json = new JsonObject { ["identifier"] = step.Kind };
            if (step.Kind == "replace")
            {
                json["pattern"] = step.Pattern;
                json["replacement"] = step.Replacement;
            }

            forms[id] = json;
            ids.Add(id);
        }

        return ids;
    }

    // Stryker disable once String : any prefix that keeps the ids unique and apart from dotnet new's own form names works
    private static string FormId(string form) => "mlp-name-" + form;

    /// <summary>The form that shows whether sanitising changes the name (see <see cref="NameForms.SanitizeVisibly"/>).</summary>
    private const string NameCheckForm = "check";

    private static JsonObject Symbols(CompiledTemplate compiled)
    {
        var symbols = new JsonObject();
        foreach (var form in NameForms.All)
        {
            var token = TemplatePackCompiler.NameToken(form.Name);
            symbols[SymbolName(form.Name)] = new JsonObject
            {
                ["type"] = "derived",
                ["valueSource"] = "name",
                ["valueTransform"] = FormId(form.Name),
                ["replaces"] = token,
                ["fileRename"] = token,
                ["description"] = "The project name as " + form.Description,
            };
        }

        foreach (var option in Exposed(compiled))
        {
            var symbol = new JsonObject
            {
                ["type"] = "parameter",
                ["description"] = option.Description,
                ["datatype"] = option.Type == OptionType.Bool ? "bool" : "choice",
            };
            if (option.Type == OptionType.Choice)
            {
                symbol["choices"] = new JsonArray([.. option.Choices.Select(c => (JsonNode)new JsonObject { ["choice"] = c.Value, ["description"] = c.Description })]);
            }

            symbol["defaultValue"] = option.Default switch
            {
                bool flag => flag ? "true" : "false",
                var value => Convert.ToString(value, CultureInfo.InvariantCulture),
            };
            if (compiled.TextOptions.Contains(option))
            {
                symbol["replaces"] = TemplatePackCompiler.OptionToken(option.Name);
                symbol["fileRename"] = TemplatePackCompiler.OptionToken(option.Name);
            }

            symbols[option.Name] = symbol;
        }

        // dotnet new cannot refuse a name, so it makes it valid; this says when it did. Its comparison ignores case,
        // so it compares with a form in which every change shows without regard to case.
        symbols[SymbolName(NameCheckForm)] = new JsonObject { ["type"] = "derived", ["valueSource"] = "name", ["valueTransform"] = FormId(NameCheckForm) };
        symbols[NameChangedSymbol] = new JsonObject { ["type"] = "computed", ["value"] = $"(name != {SymbolName(NameCheckForm)})" };

        return symbols;
    }

    private static string SymbolName(string form) => "name" + TemplatePackCompiler.Pascal(form);

    private static JsonArray Sources(CompiledTemplate compiled)
    {
        var sources = new JsonArray();
        foreach (var group in compiled.Groups)
        {
            // exclude: [] keeps every file; the engine's default excludes would drop some (*.user, **/bin/**, …).
            var source = new JsonObject { ["source"] = $"./{group.Folder}/", ["target"] = "./", ["exclude"] = new JsonArray() };
            // Stryker disable once String : a group whose only match is a file beside the folder (packages.txt) gets a copyOnly glob that matches none of its files
            if (group.Files.Any(f => f.Path.StartsWith(PackageFeed.ProjectFolder + "/", StringComparison.Ordinal)))
            {
                // Packages are copied as they are: the engine's name replacement must never touch a binary file.
                source["copyOnly"] = Array([PackageFeed.ProjectFolder + "/**"]);
            }

            if (Condition(compiled, group.Combinations) is { } condition)
            {
                source["condition"] = condition;
            }

            sources.Add((JsonNode)source);
        }

        return sources;
    }

    private static JsonArray PostActions(CompiledTemplate compiled)
    {
        var actions = new JsonArray(
            new JsonObject
            {
                ["actionId"] = MessageActionId,
                ["condition"] = NameChangedSymbol,
                ["description"] = "Say that the project name was changed.",
                ["manualInstructions"] = new JsonArray(new JsonObject
                {
                    ["text"] = "The name given is not a valid project name (a letter first, then letters, digits, hyphens and dots), "
                        + "so dotnet new made it valid: see the name in mlpipeline.yaml. To choose it yourself, delete the folder and run "
                        + "dotnet new mlpipeline again with -n NAME.",
                }),
                ["continueOnError"] = true,
            });
        foreach (var group in compiled.Groups.Where(g => g.Files.Any(f => f.Executable)))
        {
            var paths = group.Files.Where(f => f.Executable).Select(f => f.Path).ToList();
            var action = new JsonObject
            {
                ["actionId"] = ChmodActionId,
                ["description"] = "Make the project's scripts executable.",
                ["manualInstructions"] = new JsonArray(new JsonObject { ["text"] = "Run: chmod +x " + string.Join(' ', paths) }),
                ["args"] = new JsonObject { ["+x"] = Array(paths) },
                ["continueOnError"] = true,
            };
            if (Condition(compiled, group.Combinations) is { } condition)
            {
                action["condition"] = condition;
            }

            actions.Add((JsonNode)action);
        }

        return actions;
    }

    private static JsonArray Array(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)JsonValue.Create(v))]);
}
