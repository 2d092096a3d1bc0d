using System.Globalization;
using MlPipeline.Scaffolder.Diagnostics;
using MlPipeline.Scaffolder.Manifest;
using MlPipeline.Scaffolder.Text;

namespace MlPipeline.Scaffolder.Spec;

/// <summary>Turns one raw answer into a typed value, reporting every rule it breaks.</summary>
internal static class OptionValidator
{
    public static object? Convert(OptionDefinition option, RawAnswer answer, List<Diagnostic> diagnostics)
    {
        var where = answer.Where;
        if (!answer.IsScalar)
        {
            diagnostics.Add(Diagnostic.Error(Rules.WrongType, where, $"'{option.Name}' takes a single {Describe(option)}, not a list or a mapping."));
            return null;
        }

        if (answer.Text is null)
        {
            diagnostics.Add(Diagnostic.Error(Rules.MissingValue, where, $"'{option.Name}' has no value; give a {Describe(option)}"
                + (option.Default is null ? "." : " or remove the line to use the default.")));
            return null;
        }

        var text = answer.Text;
        switch (option.Type)
        {
            case OptionType.Bool:
                if (bool.TryParse(text, out var flag))
                {
                    return flag;
                }

                diagnostics.Add(Diagnostic.Error(Rules.WrongType, where, $"{Display.Quote(text)} is not a boolean; write true or false."));
                return null;

            case OptionType.Int:
                if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
                {
                    // Digits past the range of a long are still a whole number: out of range, not of the wrong type.
                    var digits = text.Length > 0 && text[0] is '+' or '-' ? text[1..] : text;
                    diagnostics.Add(digits.Length > 0 && digits.All(char.IsAsciiDigit)
                        ? OutOfRange(option, where, Display.Quote(text))
                        : Diagnostic.Error(Rules.WrongType, where, $"{Display.Quote(text)} is not a whole number."));
                    return null;
                }

                if (number < (option.Min ?? long.MinValue) || number > (option.Max ?? long.MaxValue))
                {
                    diagnostics.Add(OutOfRange(option, where, number.ToString(CultureInfo.InvariantCulture)));
                    return null;
                }

                return number;

            case OptionType.Choice:
                if (option.Choices.Any(c => c.Value == text))
                {
                    return text;
                }

                var values = option.Choices.Select(c => c.Value).ToList();
                var suggestion = Display.Suggest(text, values);
                diagnostics.Add(Diagnostic.Error(Rules.NotAChoice, where,
                    $"{Display.Quote(text)} is not one of: {string.Join(", ", values)}"
                    + (suggestion is null ? "." : $" (did you mean '{suggestion}'?).")));
                return null;

            default:
                return CheckString(option, text, where, diagnostics) ? text : null;
        }
    }

    private static Diagnostic OutOfRange(OptionDefinition option, string where, string number) =>
        Diagnostic.Error(Rules.OutOfRange, where,
            string.Create(CultureInfo.InvariantCulture, $"{number} is outside {option.Min ?? long.MinValue}..{option.Max ?? long.MaxValue}."));

    private static bool CheckString(OptionDefinition option, string text, string where, List<Diagnostic> diagnostics)
    {
        var rule = option.Rule;
        var before = diagnostics.Count;
        if (!IsValidUnicode(text))
        {
            diagnostics.Add(Diagnostic.Error(Rules.InvalidText, where, $"{Display.Quote(text)} holds a control character or a lone surrogate; only printable text, tabs and line breaks are allowed."));
            // Stryker disable once Boolean : the error is reported; every caller goes by the diagnostics, not by this value
            return false;
        }

        if (rule.SingleLine && text.AsSpan().IndexOfAny("\r\n\u0085\u2028\u2029") >= 0)
        {
            diagnostics.Add(Diagnostic.Error(Rules.NotSingleLine, where, $"{Display.Quote(text)} has a line break; '{option.Name}' is one line of text."));
        }

        if (rule.SingleLine && text.FirstOrDefault(c => char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format) is var format and not '\0')
        {
            diagnostics.Add(Diagnostic.Error(Rules.InvisibleCharacter, where,
                string.Create(CultureInfo.InvariantCulture, $"{Display.Quote(text)} holds U+{(int)format:X4}, an invisible formatting character (a bidi control or zero-width character) that would change how the text reads in code and the README; remove it.")));
        }

        if (text.Length < rule.MinLength)
        {
            diagnostics.Add(Diagnostic.Error(Rules.TooShort, where,
                text.Length == 0 ? $"'{option.Name}' must not be empty." : string.Create(CultureInfo.InvariantCulture, $"{Display.Quote(text)} is shorter than {rule.MinLength} characters.")));
        }

        if (text.Length > rule.MaxLength)
        {
            diagnostics.Add(Diagnostic.Error(Rules.TooLong, where,
                string.Create(CultureInfo.InvariantCulture, $"{Display.Quote(text)} is {text.Length} characters long; at most {rule.MaxLength} are allowed.")));
        }

        // The whole value must match: in .NET, `$` also matches before a final newline, so "Churn\n" would pass `^…$`.
        if (text.Length > 0 && rule.Pattern is not null && !IsWholeMatch(rule.Pattern, text))
        {
            diagnostics.Add(Diagnostic.Error(Rules.PatternMismatch, where, rule.PatternDescription is null
                ? $"{Display.Quote(text)} does not match {rule.Pattern}."
                : $"{Display.Quote(text)} is not a valid {option.Name}: it must {rule.PatternDescription}."));
        }

        if (rule.Reserved is not null && ReservedWords.FindReserved(rule.Reserved, text) is { } word)
        {
            diagnostics.Add(Diagnostic.Error(Rules.ReservedWord, where,
                $"{Display.Quote(text)} is or contains '{word}', {ReservedWords.Describe(rule.Reserved)}; pick another {option.Name}."));
        }

        if (rule.AwsPrefix && diagnostics.Count == before && Rendering.NameForms.Compute(text)["resource"] is var resource && AwsNames.ReservedBy(resource) is { } broken)
        {
            diagnostics.Add(Diagnostic.Error(Rules.ReservedAwsName, where,
                $"{Display.Quote(text)} gives the AWS name prefix '{resource}', and {broken}; pick another name."));
        }

        return diagnostics.Count == before;
    }

    private static bool IsValidUnicode(string text) =>
        !text.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r')) && IsWellFormed(text);

    private static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static string Describe(OptionDefinition option) => option.Type switch
    {
        OptionType.Bool => "boolean (true or false)",
        OptionType.Int => "whole number",
        OptionType.Choice => "value out of " + string.Join(", ", option.Choices.Select(c => c.Value)),
        _ => "text",
    };

    private static bool IsWholeMatch(System.Text.RegularExpressions.Regex pattern, string text) =>
        pattern.Match(text) is { Success: true, Index: 0 } match && match.Length == text.Length;
}
