using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;

namespace MlPipeline.SageMakerPipelines;

/// <summary>
/// A value in a pipeline definition: a literal, a parameter, a property of an earlier step (<c>Get</c>),
/// an execution variable, <c>Std:Join</c> or <c>Std:JsonGet</c>. The set is closed: these are all the
/// expressions SageMaker evaluates. A value converts implicitly from a literal, and it never turns into a
/// string silently: <see cref="ToString"/> throws, because text made from an expression would be wrong
/// at run time. Build strings with <see cref="Functions.Join(string, PipelineValue[])"/>.
/// </summary>
[DebuggerDisplay("{Describe(),nq}")]
public abstract record PipelineValue
{
    private protected PipelineValue()
    {
    }

    /// <summary>The kind of value it is at run time.</summary>
    public abstract PipelineValueType ValueType { get; }

    /// <summary>A string literal.</summary>
    public static implicit operator PipelineValue(string value) => new PipelineLiteral(value);

    /// <summary>An integer literal.</summary>
    public static implicit operator PipelineValue(long value) => new PipelineLiteral(value);

    /// <summary>An integer literal.</summary>
    public static implicit operator PipelineValue(int value) => new PipelineLiteral((long)value);

    /// <summary>A floating-point literal.</summary>
    public static implicit operator PipelineValue(double value) => new PipelineLiteral(value);

    /// <summary>A boolean literal.</summary>
    public static implicit operator PipelineValue(bool value) => new PipelineLiteral(value);

    /// <summary>
    /// This value where the API wants a string: a string value as it is, a literal as its text, anything
    /// else wrapped in <c>Std:Join</c> so SageMaker converts it when the pipeline runs.
    /// </summary>
    public PipelineValue AsString() => this switch
    {
        { ValueType: PipelineValueType.String } => this,
        PipelineLiteral literal => new PipelineLiteral(literal.Text),
        _ => new JoinFunction("", [this]),
    };

    /// <summary>Always throws: an expression has no text before the pipeline runs.</summary>
    [SuppressMessage("Design", "CA1065", Justification = "Turning an expression into text is always a bug; failing loudly is the point (the SageMaker Python SDK does the same).")]
    public sealed override string ToString() =>
        throw new InvalidOperationException(
            $"A pipeline value ({Describe()}) has no text before the pipeline runs; use Functions.Join to build strings from pipeline values.");

    /// <summary>A short description for messages and debuggers.</summary>
    public abstract string Describe();
}
