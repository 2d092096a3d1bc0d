using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using MlPipeline.Scaffolder.Diagnostics;
using MlPipeline.Scaffolder.Manifest;
using MlPipeline.Scaffolder.Templates;
using MlPipeline.Scaffolder.Text;
using Spectre.Console;

namespace MlPipeline.Scaffolder.Commands.Options;

/// <summary>
/// <c>mlpipeline options [--json]</c>: every option of the project template, its type, default, choices and rule; a
/// table in a wide terminal, a list (words never split) in a narrow one.
/// </summary>
internal static class OptionsCommand
{
    /// <summary>The narrowest terminal the table fits in without splitting a word.</summary>
    public const int TableWidth = 120;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static Command Create(CliContext context)
    {
        var json = new Option<bool>("--json") { Description = "Print JSON for machines instead of a table." };
        var command = new Command("options", "List the options of the project template.") { json };
        command.SetAction(parse => Execute(context, parse.GetValue(json)));
        return command;
    }

    public static int Execute(CliContext context, bool json)
    {
        var manifest = context.Catalog[TemplateCatalog.ProjectTemplateId].Manifest;
        if (json)
        {
            var document = new JsonObject
            {
                ["template"] = manifest.Id,
                ["version"] = manifest.Version.ToString(),
                ["options"] = new JsonArray([.. manifest.Options.Select(o => new JsonObject
                {
                    ["name"] = o.Name,
                    ["type"] = o.Type.ToString().ToLowerInvariant(),
                    ["default"] = Value(o.Default),
                    ["description"] = o.Description,
                    ["choices"] = o.Type == OptionType.Choice
                        ? new JsonArray([.. o.Choices.Select(c => new JsonObject
                        {
                            ["value"] = c.Value,
                            ["description"] = c.Description,
                            ["requires"] = c.Requires.Count == 0 ? null : new JsonObject(c.Requires.Select(r => KeyValuePair.Create(r.Key, (JsonNode?)new JsonArray([.. r.Value.Select(v => (JsonNode?)v)])))),
                        })])
                        : null,
                    ["rule"] = Rule(o),
                    ["command_line"] = o.CommandLine ? o.CommandLineName : null,
                    ["dotnet_new"] = o.DotnetNew,
                })]),
            };
            context.Output.WriteLine(document.ToJsonString(Indented));
            return ExitCodes.Success;
        }

        var width = context.Console.Profile.Width;
        if (width >= TableWidth)
        {
            var table = new Table().AddColumns("Option", "Type", "Default", "Allowed", "Description");
            foreach (var option in manifest.Options)
            {
                var name = option.CommandLine ? $"{option.Name}\n{option.CommandLineName}" : option.Name;
                table.AddRow(Markup.Escape(name), option.Type.ToString().ToLowerInvariant(), Markup.Escape(Format(option.Default)),
                    Markup.Escape(Allowed(option)), Markup.Escape(option.Description));
            }

            context.Console.Write(table);
        }
        else
        {
            foreach (var option in manifest.Options)
            {
                context.Output.WriteLine($"{option.Name} ({option.Type.ToString().ToLowerInvariant()}){(option.CommandLine ? "  " + option.CommandLineName : "")}");
                var allowed = (option.Type == OptionType.Choice ? "Choices: " : "Rule: ") + Allowed(option);
                foreach (var (label, text) in new[] { ("", option.Description), ("Default: ", Format(option.Default)), ("", allowed) })
                {
                    if (text.Length > 0)
                    {
                        foreach (var line in Display.Wrap(label + text, width - 4))
                        {
                            context.Output.WriteLine("    " + line);
                        }
                    }
                }

                context.Output.WriteLine();
            }
        }

        const string Usage = "Give any option with --set KEY=VALUE, in a spec file under 'options:', or with its named form where one is shown.";
        foreach (var line in width >= TableWidth ? [Usage] : Display.Wrap(Usage, width))
        {
            context.Output.WriteLine(line);
        }

        return ExitCodes.Success;
    }

    /// <summary>An option value as a person writes it.</summary>
    public static string Format(object? value) => value switch
    {
        null => "(none)",
        bool flag => flag ? "true" : "false",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private static string Allowed(OptionDefinition option) =>
        option.Type == OptionType.Choice
            ? string.Join(", ", option.Choices.Select(c => c.Value + (c.Requires.Count == 0 ? "" : $" (with {c.RequiresText})")))
            : Rule(option) ?? "";

    /// <summary>An option's default as JSON: a boolean, a number or a text, as the manifest gives it.</summary>
    private static JsonValue? Value(object? value) => value switch
    {
        null => null,
        bool b => JsonValue.Create(b),
        long l => JsonValue.Create(l),
        int i => JsonValue.Create(i),
        _ => JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture)),
    };

    private static string? Rule(OptionDefinition option)
    {
        var parts = new List<string>();
        if (option.Type == OptionType.Int)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{option.Min ?? long.MinValue}..{option.Max ?? long.MaxValue}"));
        }

        var rule = option.Rule;
        if (rule.PatternDescription is not null)
        {
            parts.Add("must " + rule.PatternDescription);
        }

        if (rule.MaxLength is not null)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"at most {rule.MaxLength} characters"));
        }

        if (rule.SingleLine)
        {
            parts.Add("one line");
        }

        if (rule.Reserved is not null)
        {
            parts.Add("not " + ReservedWords.Describe(rule.Reserved));
        }

        return parts.Count == 0 ? null : string.Join("; ", parts);
    }
}
