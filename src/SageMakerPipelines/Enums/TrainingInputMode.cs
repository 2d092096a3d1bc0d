using System.Text.Json.Serialization;
using MlPipeline.SageMakerPipelines.Serialization;

namespace MlPipeline.SageMakerPipelines;

/// <summary>How a training job reads its channels.</summary>
/// <param name="Value">The value as the API spells it.</param>
[JsonConverter(typeof(OpenValueConverter<TrainingInputMode>))]
public readonly record struct TrainingInputMode(string Value) : IOpenValue<TrainingInputMode>
{
    /// <summary><c>File</c>.</summary>
    public static TrainingInputMode File { get; } = new("File");

    /// <summary><c>Pipe</c>.</summary>
    public static TrainingInputMode Pipe { get; } = new("Pipe");

    /// <summary><c>FastFile</c>.</summary>
    public static TrainingInputMode FastFile { get; } = new("FastFile");

    /// <inheritdoc />
    static TrainingInputMode IOpenValue<TrainingInputMode>.Create(string value) => new(value);

    /// <summary>The value as the API spells it.</summary>
    public override string ToString() => Value;
}
