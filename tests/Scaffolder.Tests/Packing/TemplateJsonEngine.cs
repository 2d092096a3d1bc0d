using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MlPipeline.Scaffolder.Packing;
using MlPipeline.Scaffolder.Rendering;

namespace MlPipeline.Scaffolder.Tests.Packing;

/// <summary>
/// What the dotnet new engine does with a written template folder, for the parts this template uses: the sources whose
/// conditions hold (with the engine's default excludes when a source gives none), each symbol's token replaced in paths
/// and text (derived symbols by their chain of value forms, parameters by their value) except in copyOnly files, the
/// chmod post-actions whose conditions hold, and whether the message post-action shows. (DotnetNewTests runs the real
/// engine on a few combinations of the real template.)
/// </summary>
internal static class TemplateJsonEngine
{
    /// <summary>The files dotnet new makes for <paramref name="name"/> and the parameter values, and whether it says the name was changed.</summary>
    public static (GeneratedTree Tree, bool NameChanged) Make(
        JsonObject template, IReadOnlyDictionary<string, IReadOnlyList<GeneratedFile>> folders, string name, IReadOnlyDictionary<string, object> values)
    {
        var forms = template["forms"]!.AsObject();
        var symbols = template["symbols"]!.AsObject();
        var derived = new Dictionary<string, object>(values, StringComparer.Ordinal) { ["name"] = name };
        var replacements = new List<(string Token, string Value)>();
        foreach (var (symbol, definition) in symbols)
        {
            var type = definition!["type"]!.GetValue<string>();
            string? value = type switch
            {
                // A derived symbol transforms the value of the symbol its valueSource names (the name, here).
                "derived" => Transform(forms, definition["valueTransform"]!.GetValue<string>(), Text(derived[definition["valueSource"]!.GetValue<string>()])),
                "parameter" => Text(values[symbol]),
                _ => null,
            };
            if (value is not null)
            {
                derived[symbol] = value;
            }

            if (definition["replaces"]?.GetValue<string>() is { } token)
            {
                // The engine renames files by fileRename and replaces text by replaces; the template uses one token for both.
                Assert.Equal(token, definition["fileRename"]?.GetValue<string>());
                replacements.Add((token, value ?? throw new InvalidOperationException($"no value for {symbol}")));
            }
        }

        string Substitute(string text) => replacements.Aggregate(text, (t, r) => t.Replace(r.Token, r.Value, StringComparison.Ordinal));

        var files = new List<GeneratedFile>();
        foreach (var source in template["sources"]!.AsArray())
        {
            if (source!["condition"]?.GetValue<string>() is { } condition && !Holds(condition, values))
            {
                continue;
            }

            Assert.Equal("./", source["target"]?.GetValue<string>());
            var excludes = source["exclude"] is JsonArray exclude ? [.. exclude.Select(e => e!.GetValue<string>())] : DefaultExcludes;
            var copyOnly = source["copyOnly"] is JsonArray only ? [.. only.Select(e => e!.GetValue<string>())] : new List<string>();
            foreach (var file in folders[source["source"]!.GetValue<string>()])
            {
                if (excludes.Any(glob => Matches(glob, file.Path)))
                {
                    continue;
                }

                files.Add(copyOnly.Any(glob => Matches(glob, file.Path))
                    ? file with { Executable = false }
                    // Replacing runs on the file as text: bytes that are not UTF-8 do not come back as they were.
                    : file with { Path = Substitute(file.Path), Content = Encoding.UTF8.GetBytes(Substitute(Encoding.UTF8.GetString(file.Content))), Executable = false });
            }
        }

        var nameChanged = false;
        foreach (var action in template["postActions"]!.AsArray())
        {
            if (action!["condition"]?.GetValue<string>() is { } condition && !Holds(condition, values, symbols, derived))
            {
                continue;
            }

            switch (action["actionId"]!.GetValue<string>())
            {
                case TemplateJson.ChmodActionId:
                    var executable = action["args"]!["+x"]!.AsArray().Select(p => p!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
                    files = [.. files.Select(f => executable.Contains(f.Path) ? f with { Executable = true } : f)];
                    break;
                case TemplateJson.MessageActionId:
                    nameChanged = true;
                    break;
                default:
                    throw new InvalidOperationException($"unexpected post-action {action["actionId"]}");
            }
        }

        return (new GeneratedTree(files), nameChanged);
    }

    /// <summary>The files the engine leaves out of a source that gives no exclude (its documented default).</summary>
    private static readonly List<string> DefaultExcludes = ["**/[Bb]in/**", "**/[Oo]bj/**", ".template.config/**/*", "**/*.filelist", "**/*.user", "**/*.lock.json"];

    /// <summary>A glob of template.json: <c>**/</c> any folders, <c>*</c> within a name, <c>[Bb]</c> one of.</summary>
    private static bool Matches(string glob, string path)
    {
        var pattern = Regex.Replace(glob, @"\*\*/|\*\*|\*|\[[^\]]*\]|[^*\[]+", m => m.Value switch
        {
            "**/" => "(?:.*/)?",
            "**" => ".*",
            "*" => "[^/]*",
            var v when v.StartsWith('[') => v,
            var v => Regex.Escape(v),
        });
        return Regex.IsMatch(path, "^" + pattern + "$");
    }

    private static string Text(object value) => value switch { bool flag => flag ? "true" : "false", var v => v.ToString()! };

    /// <summary>A value form of template.json applied as dotnet new applies it: a chain runs its steps in order.</summary>
    public static string Transform(JsonObject forms, string id, string text)
    {
        var form = forms[id]!;
        var kind = form["identifier"]!.GetValue<string>();
        return kind == "chain"
            ? form["steps"]!.AsArray().Aggregate(text, (t, step) => Transform(forms, step!.GetValue<string>(), t))
            : new NameStep(kind, form["pattern"]?.GetValue<string>() ?? "", form["replacement"]?.GetValue<string>() ?? "").Apply(text);
    }

    /// <summary>
    /// A condition of template.json (comparisons joined by &amp;&amp;, || and parentheses) for the given option values; a
    /// computed symbol's name stands for its value, <c>(a != b)</c> of two symbols, compared as the engine compares text,
    /// without regard to case.
    /// </summary>
    public static bool Holds(string condition, IReadOnlyDictionary<string, object> values, JsonObject? symbols = null, IReadOnlyDictionary<string, object>? derived = null)
    {
        if (symbols?[condition] is JsonObject { } computed && computed["type"]?.GetValue<string>() == "computed")
        {
            var match = Regex.Match(computed["value"]!.GetValue<string>(), @"^\((\w+) != (\w+)\)$");
            Assert.True(match.Success, $"a computed symbol this engine does not know: {computed}");
            return !string.Equals(Text(derived![match.Groups[1].Value]), Text(derived[match.Groups[2].Value]), StringComparison.OrdinalIgnoreCase);
        }

        var tested = Regex.Replace(condition, @"(\w+) == (""[^""]*""|true|false)", m =>
            (m.Groups[2].Value == values[m.Groups[1].Value] switch { bool flag => flag ? "true" : "false", var value => $"\"{value}\"" }).ToString());
        Assert.Matches(@"^[TrueFals()|& ]*$", tested);
        return (bool)new System.Data.DataTable().Compute(tested.Replace("&&", " AND ", StringComparison.Ordinal).Replace("||", " OR ", StringComparison.Ordinal), null);
    }
}
