using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;
using MlPipeline.Scaffolder.Diagnostics;

namespace MlPipeline.Scaffolder.Packing;

/// <summary>
/// Checks a template folder the way the template authoring tasks do at build time: identity, name and short
/// name are set, every source folder exists, post-actions are ones the engine knows, conditions name declared
/// symbols, no replaced token contains another (they would collide), and, given the schema, template.json is
/// valid against it.
/// </summary>
internal static partial class TemplatePackChecker
{
    public const string TemplateJsonPath = ".template.config/template.json";

    // The post-actions the dotnet new engine ships (learn.microsoft.com "Post action registry").
    private static readonly HashSet<string> KnownPostActions = new(StringComparer.OrdinalIgnoreCase)
    {
        "210D431B-A78B-4D2F-B762-4ED3E3EA9025", // restore NuGet packages
        "3A7C4B45-1F5D-4A30-959A-51B88E82B5D2", // run script
        "AC1156F7-BB77-4DB8-B28F-24EEBCCA1E5C", // display manual instructions
        "84C0DA21-51C8-4541-9940-6CA19AF04EE6", // open a file in the editor
        "B17581D1-C5C9-4489-8F0A-004BE667B814", // add a reference to a project file
        "D396686C-DE0E-4DE6-906D-291CD29FC5DE", // add projects to a solution file
        TemplateJson.ChmodActionId,             // change file permissions
        "695A3659-EB40-4FF5-A6A6-C9C4E629FCB0", // add a property to a JSON file
    };

    public static void Check(string folder, string? schemaPath, List<Diagnostic> diagnostics)
    {
        var path = Path.Combine(folder, TemplateJsonPath);
        JsonObject template;
        try
        {
            template = JsonNode.Parse(File.ReadAllText(path))?.AsObject() ?? throw new JsonException("The file is empty.");
        }
        catch (Exception e) when (e is IOException or JsonException or InvalidOperationException)
        {
            diagnostics.Add(Diagnostic.Error(Rules.PackCheck, path, $"template.json cannot be read: {e.Message}"));
            return;
        }

        foreach (var key in new[] { "identity", "name", "shortName" })
        {
            if (template[key] is not JsonValue value || value.GetValueKind() != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetValue<string>()))
            {
                diagnostics.Add(Diagnostic.Error(Rules.PackCheck, path, $"'{key}' must be a non-empty string."));
            }
        }

        var symbols = template["symbols"] as JsonObject ?? [];
        foreach (var (source, index) in (template["sources"] as JsonArray ?? []).Select((s, i) => (s, i)))
        {
            // Stryker disable once String : "" and "./" both name the template's own folder, which holds .template.config, so it is never reported
            var relative = source?["source"]?.GetValue<string>() ?? "./";
            var full = Path.GetFullPath(Path.Combine(folder, relative));
            if (!Directory.Exists(full) || !Directory.EnumerateFileSystemEntries(full).Any())
            {
                diagnostics.Add(Diagnostic.Error(Rules.PackCheck, path, $"sources[{index}].source '{relative}' is not a folder with files next to .template.config."));
            }

            CheckCondition(source?["condition"], $"sources[{index}]", symbols, path, diagnostics);
        }

        foreach (var (action, index) in (template["postActions"] as JsonArray ?? []).Select((a, i) => (a, i)))
        {
            var id = action?["actionId"]?.GetValue<string>();
            if (id is null || !KnownPostActions.Contains(id))
            {
                diagnostics.Add(Diagnostic.Error(Rules.PackCheck, path, $"postActions[{index}].actionId '{id}' is not a post-action dotnet new knows."));
            }

            CheckCondition(action?["condition"], $"postActions[{index}]", symbols, path, diagnostics);
        }

        var tokens = symbols
            .Select(s => (Symbol: s.Key, Token: s.Value?["replaces"]?.GetValue<string>()))
            .Where(s => !string.IsNullOrEmpty(s.Token))
            .ToList();
        foreach (var (symbol, token) in tokens)
        {
            foreach (var other in tokens.Where(o => o.Symbol != symbol && o.Token!.Contains(token!, StringComparison.Ordinal)))
            {
                diagnostics.Add(Diagnostic.Error(Rules.PackCheck, path,
                    $"Symbol '{symbol}' replaces '{token}', which is inside '{other.Token}' (symbol '{other.Symbol}'): the two would collide."));
            }
        }

        if (schemaPath is not null)
        {
            CheckSchema(template, schemaPath, path, diagnostics);
        }
    }

    private static void CheckCondition(JsonNode? condition, string where, JsonObject symbols, string path, List<Diagnostic> diagnostics)
    {
        if (condition is null)
        {
            return;
        }

        var withoutStrings = QuotedString().Replace(condition.GetValue<string>(), "");
        foreach (var name in Identifier().Matches(withoutStrings).Select(m => m.Value).Where(n => n is not ("true" or "false")).Distinct())
        {
            if (!symbols.ContainsKey(name))
            {
                diagnostics.Add(Diagnostic.Error(Rules.PackCheck, path, $"{where}.condition uses '{name}', which is not a symbol."));
            }
        }
    }

    private static void CheckSchema(JsonObject template, string schemaPath, string path, List<Diagnostic> diagnostics)
    {
        // A registry of its own: the schema has an $id, and the default registry refuses to register it twice.
        var schema = JsonSchema.FromText(File.ReadAllText(schemaPath), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
        using var document = JsonDocument.Parse(template.ToJsonString());
        var result = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid)
        {
            // Stryker disable once Statement : in a valid result every failed detail is an alternative under a valid one, which the filter below drops
            return;
        }

        // A failed alternative of a oneOf/anyOf that another alternative satisfied is not a problem.
        // Stryker disable once NullCoalescing : the List output format always gives an invalid result its details
        var details = result.Details ?? [];
        var valid = details.Where(d => d.IsValid).Select(d => d.EvaluationPath.ToString()).ToList();
        foreach (var detail in details
            .Where(d => d.Errors is not null)
            .Where(d => !valid.Any(v => d.EvaluationPath.ToString().StartsWith(v + "/", StringComparison.Ordinal))))
        {
            diagnostics.Add(Diagnostic.Error(Rules.PackCheck, path,
                $"Not valid against {Path.GetFileName(schemaPath)} at '{detail.InstanceLocation}': {string.Join("; ", detail.Errors!.Values)}"));
        }
    }

    [GeneratedRegex("\"[^\"]*\"")]
    private static partial Regex QuotedString();

    [GeneratedRegex("[A-Za-z_][A-Za-z0-9_]*")]
    private static partial Regex Identifier();
}
