using System.Globalization;
using MlPipeline.Scaffolder.Commands.Options;
using MlPipeline.Scaffolder.Diagnostics;
using MlPipeline.Scaffolder.Manifest;
using MlPipeline.Scaffolder.Spec;
using Spectre.Console;

namespace MlPipeline.Scaffolder.Commands.New;

/// <summary>
/// Interactive <c>new</c>: in a terminal, asks for every option the user did not answer, in manifest order, with its
/// description and default (Enter keeps it). Choices are a selection list; text and numbers are checked as they are
/// typed, by the same rules as every other answer, and a bad value is asked again with the reason.
/// </summary>
internal static class AnswerPrompts
{
    /// <summary>The answers typed or chosen, by option name, for the options not in <paramref name="given"/>.</summary>
    /// <param name="console">The terminal.</param>
    /// <param name="manifest">The template whose options are asked.</param>
    /// <param name="given">Options answered already (spec file, <c>--set</c>, named options), with their text: not asked, and a choice that needs another value of them is not offered.</param>
    /// <param name="defaultName">The name implied by the target folder, offered as the name's default.</param>
    /// <param name="cancellation">Ctrl+C: the prompt stops and nothing is written.</param>
    public static Dictionary<string, string> Ask(IAnsiConsole console, TemplateManifest manifest, IReadOnlyDictionary<string, string?> given, string defaultName, CancellationToken cancellation)
    {
        var answers = new Dictionary<string, string>(StringComparer.Ordinal);
        var asked = manifest.Options.Where(o => !given.ContainsKey(o.Name)).ToList();
        if (asked.Count > 0)
        {
            console.MarkupLine($"[bold]{Markup.Escape(manifest.Name)}[/]: {asked.Count} question(s). Enter keeps the default; Ctrl+C stops without writing anything.");
        }

        foreach (var option in asked)
        {
            var fallback = option.Name == "name" ? defaultName : OptionsCommand.Format(option.Default);
            var value = option.Type switch
            {
                OptionType.Choice => Choose(console, option, Available(option, given, answers), fallback, cancellation),
                OptionType.Bool => Confirm(console, option, fallback, cancellation),
                _ => Type(console, option, fallback, cancellation),
            };
            answers[option.Name] = value;
        }

        return answers;
    }

    private static string Title(OptionDefinition option) =>
        $"[bold]{Markup.Escape(option.Name)}[/] [grey]{Markup.Escape(option.Description)}[/]";

    /// <summary>The choices whose requirements the answers given or chosen so far meet (one not known yet is checked once all are).</summary>
    private static List<ChoiceDefinition> Available(OptionDefinition option, IReadOnlyDictionary<string, string?> given, Dictionary<string, string> answers) =>
        [.. option.Choices.Where(c => !c.Unmet(name => answers.GetValueOrDefault(name) ?? given.GetValueOrDefault(name)).Any())];

    private static string Choose(IAnsiConsole console, OptionDefinition option, List<ChoiceDefinition> choices, string fallback, CancellationToken cancellation)
    {
        if (choices.Count == 1)
        {
            // The other choices need answers given differently above: nothing to ask.
            var left = option.Choices.Where(c => c != choices[0]).Select(c => $"{c.Value} needs {c.RequiresText}");
            console.MarkupLine($"{Markup.Escape(option.Name)}: [green]{Markup.Escape(choices[0].Value)}[/] [grey]({Markup.Escape(string.Join("; ", left))})[/]");
            return choices[0].Value;
        }

        var width = choices.Max(c => c.Value.Length);
        var prompt = new SelectionPrompt<ChoiceDefinition>()
            .Title(Title(option) + "\n[grey](arrows to move, Enter to choose)[/]")
            .PageSize(Math.Min(10, Math.Max(3, choices.Count)))
            .UseConverter(c => $"{Markup.Escape(c.Value.PadRight(width))}  [grey]{Markup.Escape(c.Description)}[/]")
            .AddChoices(choices);
        var preset = choices.FirstOrDefault(c => c.Value == fallback);
        if (preset is not null)
        {
            prompt.DefaultValue(preset);
        }

        var chosen = prompt.ShowAsync(console, cancellation).GetAwaiter().GetResult();
        console.MarkupLine($"{Markup.Escape(option.Name)}: [green]{Markup.Escape(chosen.Value)}[/]");
        return chosen.Value;
    }

    private static string Confirm(IAnsiConsole console, OptionDefinition option, string fallback, CancellationToken cancellation)
    {
        var prompt = new ConfirmationPrompt(Title(option)) { DefaultValue = fallback == "true" };
        return prompt.ShowAsync(console, cancellation).GetAwaiter().GetResult() ? "true" : "false";
    }

    private static string Type(IAnsiConsole console, OptionDefinition option, string fallback, CancellationToken cancellation)
    {
        var prompt = new TextPrompt<string>(Title(option) + "\n>")
            .AllowEmpty()
            .Validate(text => Check(option, Effective(text, fallback)) is { } problem ? ValidationResult.Error($"[red]{Markup.Escape(problem)}[/]") : ValidationResult.Success());
        if (fallback.Length > 0)
        {
            prompt.DefaultValue(fallback);
        }

        return Effective(prompt.ShowAsync(console, cancellation).GetAwaiter().GetResult(), fallback);
    }

    private static string Effective(string typed, string fallback) => typed.Length == 0 ? fallback : typed;

    /// <summary>What is wrong with <paramref name="text"/> as an answer of <paramref name="option"/>, or null.</summary>
    public static string? Check(OptionDefinition option, string text)
    {
        var diagnostics = new List<Diagnostic>();
        OptionValidator.Convert(option, new RawAnswer(option.Name, text, option.CommandLineName, NamesOption: true), diagnostics);
        return diagnostics.Count == 0 ? null : string.Join(" ", diagnostics.Select(d => string.Create(CultureInfo.InvariantCulture, $"{d.Code}: {d.Message}")));
    }
}
