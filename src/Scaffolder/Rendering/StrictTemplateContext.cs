using Scriban;
using Scriban.Syntax;

namespace MlPipeline.Scaffolder.Rendering;

/// <summary>
/// Scriban, strictly: undefined variables and functions are errors, newlines are <c>\n</c> on every OS,
/// member access on nothing is an error, and free text never reaches the output without escaping.
/// </summary>
internal sealed class StrictTemplateContext : TemplateContext
{
    public StrictTemplateContext()
    {
        StrictVariables = true;
        EnableRelaxedMemberAccess = false;
        EnableRelaxedFunctionAccess = false;
        EnableRelaxedTargetAccess = false;
        NewLine = "\n";
        LoopLimit = 10_000;
        RecursiveLimit = 64;
        MemberRenamer = member => member.Name;
    }

    public override string? ObjectToString(object? value, bool nested = false) => value switch
    {
        FreeText text => throw new ScriptRuntimeException(CurrentSpan,
            $"The free-text option '{text.Option}' is written out without escaping; pass it through the function of this file's format (yaml.quote, json.quote, hcl.quote, py.quote, cs.quote, xml.escape or md.escape)."),
        bool flag => flag ? "true" : "false",
        _ => base.ObjectToString(value, nested),
    };
}
