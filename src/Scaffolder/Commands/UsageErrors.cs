using System.CommandLine;
using MlPipeline.Scaffolder.Text;

namespace MlPipeline.Scaffolder.Commands;

/// <summary>
/// Turns System.CommandLine's parse errors into messages a person can act on: an unknown verb or option is named
/// with the closest known one, the value that followed an unknown option is not reported again, and the generic
/// "Required command was not provided" is dropped when the verb was only misspelt.
/// </summary>
internal static class UsageErrors
{
    /// <summary>Where to find usage, whatever the user typed to start the tool (mlpipeline, dotnet run …, dotnet mlpipeline.dll).</summary>
    public const string Hint = "Add --help for usage, after a verb for its options (new --help).";

    public static IEnumerable<string> Describe(ParseResult parsed)
    {
        var command = parsed.CommandResult.Command;
        var explained = new HashSet<string>(StringComparer.Ordinal);
        var messages = new List<string>();
        string? previousUnknownOption = null;
        var unknownCommand = false;
        foreach (var token in parsed.UnmatchedTokens)
        {
            if (unknownCommand)
            {
                // What followed a misspelt verb belongs to it.
            }
            else if (token.StartsWith('-'))
            {
                var names = command.Options.SelectMany(o => o.Aliases.Prepend(o.Name)).Where(n => n.StartsWith('-')).Distinct(StringComparer.Ordinal);
                messages.Add($"'{command.Name}' has no option {Display.Quote(token)}{Suggestion(token, names)}");
                previousUnknownOption = token;
            }
            else if (command.Parents.Any() is false && command.Subcommands.Count > 0 && messages.Count == 0)
            {
                messages.Add($"unknown command {Display.Quote(token)}{Suggestion(token, command.Subcommands.Select(c => c.Name))}");
                unknownCommand = true;
            }
            else if (previousUnknownOption is not null)
            {
                // The value of the unknown option: already explained.
                previousUnknownOption = null;
            }
            else
            {
                messages.Add($"unexpected argument {Display.Quote(token)}");
            }

            explained.Add(token);
        }

        foreach (var error in parsed.Errors)
        {
            var aboutToken = explained.Any(token => error.Message.Contains($"'{token}'", StringComparison.Ordinal));
            var missingVerb = messages.Count > 0 && command.Parents.Any() is false;
            if (aboutToken || missingVerb)
            {
                continue;
            }

            messages.Add(error.Message switch
            {
                var m when m.StartsWith("Required argument missing", StringComparison.Ordinal) && command.Arguments.Count > 0 =>
                    $"'{command.Name}' needs {string.Join(" ", command.Arguments.Select(a => $"<{a.Name}>"))}: {command.Arguments[0].Description}",
                var m when m.StartsWith("Required command", StringComparison.Ordinal) =>
                    $"give a command: {string.Join(", ", command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name))}",
                var m => m,
            });
        }

        return messages;
    }

    private static string Suggestion(string token, IEnumerable<string> candidates) =>
        Display.Suggest(token, candidates) is { } best ? $"; did you mean '{best}'?" : "";
}
