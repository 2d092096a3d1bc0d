using System.Globalization;

namespace MlPipeline.SageMakerPipelines;

/// <summary>A literal: a string, a whole number, a floating-point number or a boolean.</summary>
public sealed record PipelineLiteral : PipelineValue
{
    internal PipelineLiteral(object value) => Value = value;

    /// <summary>The value: a <see cref="string"/>, <see cref="long"/>, <see cref="double"/> or <see cref="bool"/>.</summary>
    public object Value { get; }

    /// <inheritdoc />
    public override PipelineValueType ValueType => Value switch
    {
        string => PipelineValueType.String,
        long => PipelineValueType.Integer,
        double => PipelineValueType.Float,
        _ => PipelineValueType.Boolean,
    };

    /// <summary>The literal as SageMaker and the SageMaker Python SDK write it in a string: <c>5</c>, <c>0.5</c>, <c>1.0</c>, <c>1e-05</c>, <c>true</c>.</summary>
    public string Text => Value switch
    {
        string text => text,
        bool flag => flag ? "true" : "false",
        double number => FloatText.Of(number),
        _ => Convert.ToString(Value, CultureInfo.InvariantCulture) ?? "",
    };

    /// <inheritdoc />
    public override string Describe() => Value is string text ? $"\"{text}\"" : Text;
}
