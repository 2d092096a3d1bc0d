using MlPipeline.Scaffolder.Diagnostics;
using MlPipeline.Scaffolder.Text;

namespace MlPipeline.Scaffolder.Spec;

/// <summary>
/// One source of answers. Layers are applied in order and a later layer's answer wins:
/// manifest defaults, then the spec file, then <c>--set</c>, then named options such as <c>--region</c>.
/// </summary>
internal sealed record SpecLayer(IReadOnlyList<RawAnswer> Answers)
{
    /// <summary>Reads <c>--set key=value</c> arguments; malformed ones become diagnostics.</summary>
    public static SpecLayer FromSetArguments(IEnumerable<string> arguments, List<Diagnostic> diagnostics)
    {
        var answers = new List<RawAnswer>();
        foreach (var argument in arguments)
        {
            var equals = argument.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                diagnostics.Add(Diagnostic.Error(Rules.MalformedSet, "--set", $"{Display.Quote(argument)} is not KEY=VALUE; write it like --set region=eu-west-1."));
                continue;
            }

            answers.Add(new RawAnswer(argument[..equals].Trim(), argument[(equals + 1)..], "--set " + argument[..equals].Trim(), NamesOption: true));
        }

        return new SpecLayer(answers);
    }
}
