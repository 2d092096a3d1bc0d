using System.Globalization;
using MlPipeline.Scaffolder.Manifest;
using MlPipeline.Scaffolder.Spec;
using Scriban.Runtime;

namespace MlPipeline.Scaffolder.Rendering;

/// <summary>
/// What a template sees: <c>project</c> (the name forms), <c>options</c> (every answer; free text wrapped in
/// <see cref="FreeText"/>), <c>answers</c> (name, value and type of each, in manifest order), <c>template</c>
/// (id and version) and one object per escaping function (<c>yaml.quote</c>, <c>json.quote</c>, …).
/// </summary>
internal static class TemplateGlobals
{
    public static ScriptObject Create(TemplateManifest manifest, ProjectSpec spec, IReadOnlyDictionary<string, string> nameForms)
    {
        var project = new ScriptObject();
        foreach (var (form, value) in nameForms)
        {
            project.Add(form, value);
        }

        var options = new ScriptObject();
        var answers = new ScriptArray();
        foreach (var (name, value) in spec.Answers)
        {
            var definition = manifest.FindOption(name);
            var exposed = value is string text && name != "name" && definition?.Type == OptionType.String
                ? new FreeText(name, text)
                : value;
            options.Add(name, exposed);
            answers.Add(new ScriptObject
            {
                ["name"] = name,
                ["value"] = name == "name" ? nameForms["name"] : exposed,
                ["type"] = (definition?.Type ?? OptionType.String).ToString().ToLowerInvariant(),
            });
        }

        var globals = new ScriptObject
        {
            ["project"] = project,
            ["options"] = options,
            ["answers"] = answers,
            ["template"] = new ScriptObject { ["id"] = spec.TemplateId, ["version"] = spec.TemplateVersion.ToString() },
            ["yaml"] = Functions(("quote", Escaping.Yaml), ("value", null)),
            ["json"] = Functions(("quote", Escaping.JsonString)),
            ["hcl"] = Functions(("quote", Escaping.Hcl)),
            ["py"] = Functions(("quote", Escaping.Python)),
            ["cs"] = Functions(("quote", Escaping.CSharp)),
            ["xml"] = Functions(("escape", Escaping.Xml)),
            ["md"] = Functions(("escape", Escaping.Markdown)),
        };
        // present VALUE: whether an answer is given (not empty), so templates can test free text without writing it.
        globals.Import("present", new Func<object?, bool>(value => Text(value).Length > 0));
        return globals;
    }

    private static ScriptObject Functions(params (string Name, Func<string, string>? Escape)[] functions)
    {
        var result = new ScriptObject();
        foreach (var (name, escape) in functions)
        {
            // yaml.value writes booleans and numbers as YAML scalars and quotes everything else.
            Func<object?, string> function = escape is null
                ? value => value switch
                {
                    bool flag => flag ? "true" : "false",
                    long number => number.ToString(CultureInfo.InvariantCulture),
                    _ => Escaping.Yaml(Text(value)),
                }
                : value => escape(Text(value));
            result.Import(name, function);
        }

        return result;
    }

    private static string Text(object? value) => value switch
    {
        FreeText text => text.Value,
        string text => text,
        bool flag => flag ? "true" : "false",
        long number => number.ToString(CultureInfo.InvariantCulture),
        int number => number.ToString(CultureInfo.InvariantCulture),
        null => "",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
