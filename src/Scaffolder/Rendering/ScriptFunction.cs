using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace MlPipeline.Scaffolder.Rendering;

/// <summary>
/// A template function of one argument, such as <c>yaml.quote</c>. Scriban's own way to import a delegate reads the
/// delegate's method by reflection, which native compilation of the tool cannot keep; this states the shape instead.
/// </summary>
internal sealed class ScriptFunction(Func<object?, object?> function, Type returnType) : IScriptCustomFunction
{
    public int RequiredParameterCount => 1;

    public int ParameterCount => 1;

    public ScriptVarParamKind VarParamKind => ScriptVarParamKind.None;

    public Type ReturnType => returnType;

    public static ScriptFunction Of<T>(Func<object?, T> function) => new(value => function(value), typeof(T));

    public ScriptParameterInfo GetParameterInfo(int index) => new(typeof(object), "value");

    public object? Invoke(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement)
    {
        if (arguments.Count != 1)
        {
            throw new ScriptRuntimeException(callerContext?.Span ?? default, $"Expects 1 argument, got {arguments.Count}.");
        }

        return function(arguments[0]);
    }

    public ValueTask<object?> InvokeAsync(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement) =>
        ValueTask.FromResult(Invoke(context, callerContext, arguments, blockStatement));
}
