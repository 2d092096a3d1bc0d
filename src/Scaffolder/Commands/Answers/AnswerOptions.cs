using System.CommandLine;
using MlPipeline.Scaffolder.Commands.Options;
using MlPipeline.Scaffolder.Manifest;

namespace MlPipeline.Scaffolder.Commands.Answers;

/// <summary>
/// The options that give answers, the same on every verb that takes them (<c>new</c>, <c>validate</c>): a spec file,
/// <c>--set KEY=VALUE</c>, and a named option (<c>--region</c>, <c>--name</c>, …) for each option the manifest marks.
/// </summary>
internal sealed class AnswerOptions
{
    private readonly List<(OptionDefinition Definition, Option<string?> Option)> _named = [];

    public AnswerOptions(TemplateManifest manifest)
    {
        foreach (var definition in manifest.Options.Where(o => o.CommandLine))
        {
            var option = new Option<string?>(definition.CommandLineName)
            {
                Description = HelpText(definition),
                HelpName = definition.Type switch
                {
                    OptionType.Choice when definition.Choices.Count <= 4 => string.Join('|', definition.Choices.Select(c => c.Value)),
                    OptionType.Bool => "true|false",
                    _ => definition.Name.ToUpperInvariant(),
                },
            };
            if (definition.Type == OptionType.Bool)
            {
                // A switch as users write one: `--tuning` alone means true; `--tuning false` still says no.
                option.Arity = ArgumentArity.ZeroOrOne;
            }

            if (definition.Type == OptionType.Choice)
            {
                option.CompletionSources.Add(definition.Choices.Select(c => c.Value).ToArray());
            }

            _named.Add((definition, option));
        }
    }

    public Option<string[]> Set { get; } = new("--set")
    {
        Description = "Set any option: --set KEY=VALUE (repeatable). Overrides the spec file; named options override --set.",
        HelpName = "KEY=VALUE",
        Arity = ArgumentArity.ZeroOrMore,
    };

    /// <summary>Adds <c>--set</c> and the named options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(Set);
        foreach (var (_, option) in _named)
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The named options the user gave, by option name.</summary>
    public Dictionary<string, string> Named(ParseResult parse) => _named
        .Select(n => (n.Definition.Name, Value: parse.GetValue(n.Option) ?? (IsBareSwitch(parse, n.Definition, n.Option) ? "true" : null)))
        .Where(n => n.Value is not null)
        .ToDictionary(n => n.Name, n => n.Value ?? "", StringComparer.Ordinal);

    private static bool IsBareSwitch(ParseResult parse, OptionDefinition definition, Option<string?> option) =>
        definition.Type == OptionType.Bool && parse.GetResult(option) is { Implicit: false, Tokens.Count: 0 };

    private static string HelpText(OptionDefinition definition)
    {
        var text = definition.Description;
        if (definition.Type == OptionType.Choice && definition.Choices.Count > 4)
        {
            text += $" One of: {string.Join(", ", definition.Choices.Select(c => c.Value))}.";
        }

        var shown = OptionsCommand.Format(definition.Default);
        if (definition.Default is not null && shown.Length > 0)
        {
            text += $" Default: {shown}" + (shown.EndsWith('.') ? "" : ".");
        }

        return text;
    }
}
