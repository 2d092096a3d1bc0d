using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;
using MlPipeline.SageMakerPipelines.Serialization;

namespace MlPipeline.SageMakerPipelines;

/// <summary>
/// A pipeline value of a known type where the SageMaker API wants one: <c>PipelineValue&lt;long&gt;</c> for counts,
/// sizes and seconds, <c>PipelineValue&lt;string&gt;</c> for names, images and URIs, <c>PipelineValue&lt;bool&gt;</c>
/// for flags. It converts implicitly from a literal of <typeparamref name="T"/> (<c>InstanceCount = 1</c>) and from a
/// <see cref="Parameter{T}"/> of the same type; a parameter of another type does not compile. An untyped
/// <see cref="PipelineValue"/> (a property reference, <c>Std:Join</c>, <c>Std:JsonGet</c>) converts too, checked when
/// converted: a value whose type is known and differs is refused.
/// </summary>
/// <typeparam name="T"><see cref="string"/>, <see cref="long"/>, <see cref="double"/> or <see cref="bool"/>.</typeparam>
[JsonConverter(typeof(TypedPipelineValueConverterFactory))]
[DebuggerDisplay("{Describe(),nq}")]
public readonly record struct PipelineValue<T>
{
    private static readonly PipelineValueType Expected =
        typeof(T) == typeof(string) ? PipelineValueType.String
        : typeof(T) == typeof(long) ? PipelineValueType.Integer
        : typeof(T) == typeof(double) ? PipelineValueType.Float
        : typeof(T) == typeof(bool) ? PipelineValueType.Boolean
        : throw new NotSupportedException($"A pipeline value is a string, long, double or bool, not {typeof(T).Name}.");

    private readonly PipelineValue? _value;

    /// <summary>Wraps an untyped value, checking its type.</summary>
    /// <param name="value">The value.</param>
    /// <exception cref="ArgumentException">The value's type is known and is not <typeparamref name="T"/>.</exception>
    public PipelineValue(PipelineValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!Accepts(value.ValueType))
        {
            throw new ArgumentException(
                $"{value.Describe()} is {value.ValueType} where {Expected} is needed; pass a value of that type (Functions.Join makes text of any value).",
                nameof(value));
        }

        _value = value;
    }

    /// <summary>The untyped value (a literal, a reference or a function), as the definition writes it.</summary>
    /// <exception cref="InvalidOperationException">The value is <c>default</c>, never set.</exception>
    public PipelineValue Value => _value ?? throw new InvalidOperationException($"A PipelineValue<{typeof(T).Name}> was never set.");

    /// <summary>A literal.</summary>
    /// <param name="value">The literal.</param>
    public static implicit operator PipelineValue<T>(T value) => new(new PipelineLiteral(value!));

    /// <summary>A parameter of the same type.</summary>
    /// <param name="parameter">The parameter.</param>
    public static implicit operator PipelineValue<T>(Parameter<T> parameter) => new(parameter?.Reference ?? throw new ArgumentNullException(nameof(parameter)));

    /// <summary>An untyped value, checked (see <see cref="PipelineValue{T}(PipelineValue)"/>).</summary>
    /// <param name="value">The value.</param>
    public static implicit operator PipelineValue<T>(PipelineValue value) => new(value);

    /// <summary>The untyped value.</summary>
    /// <param name="value">The typed value.</param>
    public static implicit operator PipelineValue(PipelineValue<T> value) => value.Value;

    /// <summary>The value as text, where the API wants a string (container arguments, environment, hyperparameters).</summary>
    /// <param name="value">The typed value.</param>
    public static implicit operator PipelineString(PipelineValue<T> value) => new(value.Value);

    /// <summary>The untyped value (a named alternative to the implicit conversion).</summary>
    public PipelineValue ToPipelineValue() => Value;

    /// <summary>Always throws, as <see cref="PipelineValue.ToString"/> does: a pipeline value has no text before the pipeline runs.</summary>
    /// <exception cref="InvalidOperationException">Always; use <c>Functions.Join</c> to build text from pipeline values.</exception>
    [SuppressMessage("Design", "CA1065", Justification = "Turning an expression into text is always a bug; failing loudly is the point (the SageMaker Python SDK does the same).")]
    public override string ToString() => Value.ToString();

    private string Describe() => _value?.Describe() ?? "(unset)";

    private static bool Accepts(PipelineValueType actual) =>
        actual == Expected || actual == PipelineValueType.Unknown || (Expected == PipelineValueType.Float && actual == PipelineValueType.Integer);
}
