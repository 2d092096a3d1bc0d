using System.Collections;
using System.Text.Json;
using MlPipeline.SageMakerPipelines.Serialization;

namespace MlPipeline.SageMakerPipelines;

/// <summary>
/// A training script's hyperparameters, typed: each is added as a number, text, flag or a parameter of that type
/// (<c>new HyperParameters { { "seed", Seed }, { "max_depth", 3 }, { "eta", 0.1 } }</c>) and written as script mode
/// wants it, JSON text (<c>"3"</c>, <c>"0.1"</c>, <c>"\"text\""</c>, <c>"true"</c>; a parameter's value joined into
/// text), in the order added. No JSON inside C# strings.
/// </summary>
public sealed class HyperParameters : IEnumerable<KeyValuePair<string, PipelineString>>
{
    private readonly List<KeyValuePair<string, PipelineString>> _values = [];

    /// <summary>The number of hyperparameters.</summary>
    public int Count => _values.Count;

    /// <summary>A whole number.</summary>
    /// <param name="name">The name.</param>
    /// <param name="value">The value.</param>
    public void Add(string name, long value) => Put(name, value);

    /// <summary>A floating-point number.</summary>
    /// <param name="name">The name.</param>
    /// <param name="value">The value.</param>
    public void Add(string name, double value) => Put(name, value);

    /// <summary>A flag.</summary>
    /// <param name="name">The name.</param>
    /// <param name="value">The value.</param>
    public void Add(string name, bool value) => Put(name, value);

    /// <summary>Text, written as a JSON string.</summary>
    /// <param name="name">The name.</param>
    /// <param name="value">The value.</param>
    public void Add(string name, string value) => Put(name, Json(value));

    /// <summary>A whole-number value (a parameter, a property).</summary>
    /// <param name="name">The name.</param>
    /// <param name="value">The value.</param>
    public void Add(string name, PipelineValue<long> value) => Put(name, value);

    /// <summary>A floating-point value (a parameter, a property).</summary>
    /// <param name="name">The name.</param>
    /// <param name="value">The value.</param>
    public void Add(string name, PipelineValue<double> value) => Put(name, value);

    /// <summary>A flag value (a parameter, a property).</summary>
    /// <param name="name">The name.</param>
    /// <param name="value">The value.</param>
    public void Add(string name, PipelineValue<bool> value) => Put(name, value);

    /// <summary>A text value (a parameter, a property), passed as its text.</summary>
    /// <param name="name">The name.</param>
    /// <param name="value">The value.</param>
    public void Add(string name, PipelineValue<string> value) => Put(name, value);

    /// <summary>A step's property (<c>Get</c>), passed as its text.</summary>
    /// <param name="name">The name.</param>
    /// <param name="value">The value.</param>
    public void Add(string name, PropertyReference value) => Put(name, value);

    /// <summary>A value read from a property file when the pipeline runs (<c>Std:JsonGet</c>), passed as its text.</summary>
    /// <param name="name">The name.</param>
    /// <param name="value">The value.</param>
    public void Add(string name, JsonGetFunction value) => Put(name, value);

    /// <summary>Text joined when the pipeline runs (<c>Std:Join</c>), passed as is.</summary>
    /// <param name="name">The name.</param>
    /// <param name="value">The value.</param>
    public void Add(string name, JoinFunction value) => Put(name, value);

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, PipelineString>> GetEnumerator() => _values.GetEnumerator();

    /// <inheritdoc />
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>A string as script mode passes it: JSON text.</summary>
    internal static string Json(string value) => JsonSerializer.Serialize(value, ReadableJson.Options);

    private void Put(string name, PipelineString value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name.StartsWith("sagemaker_", StringComparison.Ordinal) || _values.Any(v => v.Key == name))
        {
            throw new ArgumentException(
                name.StartsWith("sagemaker_", StringComparison.Ordinal)
                    ? $"The hyperparameter '{name}' is the framework's (script mode sets sagemaker_program, sagemaker_submit_directory and sagemaker_region); choose another name."
                    : $"The hyperparameter '{name}' is added twice.",
                nameof(name));
        }

        _values.Add(KeyValuePair.Create(name, value));
    }
}
