using System.Text.Json.Serialization;
using MlPipeline.SageMakerPipelines.Serialization;

namespace MlPipeline.SageMakerPipelines;

/// <summary>
/// A value where the API wants a string (container arguments, hyperparameters, environment variables).
/// Anything converts to it: a literal becomes its text, a non-string expression is wrapped in
/// <c>Std:Join</c> so SageMaker turns it into text when the pipeline runs.
/// </summary>
[JsonConverter(typeof(PipelineStringConverter))]
public readonly record struct PipelineString
{
    private readonly PipelineValue? _value;

    /// <summary>Makes a string value from any pipeline value.</summary>
    /// <param name="value">The value; a non-string one is wrapped in <c>Std:Join</c>.</param>
    public PipelineString(PipelineValue value) => _value = value.AsString();

    /// <summary>The string-typed value.</summary>
    public PipelineValue Value => _value ?? new PipelineLiteral("");

    /// <summary>Converts any pipeline value.</summary>
    public static implicit operator PipelineString(PipelineValue value) => new(value);

    /// <summary>A string literal.</summary>
    public static implicit operator PipelineString(string value) => new(new PipelineLiteral(value));

    /// <summary>A whole number as text.</summary>
    public static implicit operator PipelineString(long value) => new(new PipelineLiteral(value));

    /// <summary>A whole number as text.</summary>
    public static implicit operator PipelineString(int value) => new(new PipelineLiteral((long)value));

    /// <summary>A number as text.</summary>
    public static implicit operator PipelineString(double value) => new(new PipelineLiteral(value));

    /// <summary>A boolean as text.</summary>
    public static implicit operator PipelineString(bool value) => new(new PipelineLiteral(value));

    /// <summary>A parameter's value as text.</summary>
    public static implicit operator PipelineString(Parameter parameter) => new(parameter.Reference);

    /// <summary>A description for messages; the value itself has no text before the pipeline runs.</summary>
    public override string ToString() => Value.Describe();
}
