using System.Text.Json.Serialization;
using MlPipeline.SageMakerPipelines.Serialization;

namespace MlPipeline.SageMakerPipelines;

/// <summary>How a processing job reads an S3 input.</summary>
/// <param name="Value">The value as the API spells it.</param>
[JsonConverter(typeof(OpenValueConverter<S3InputMode>))]
public readonly record struct S3InputMode(string Value) : IOpenValue<S3InputMode>
{
    /// <summary><c>File</c>.</summary>
    public static S3InputMode File { get; } = new("File");

    /// <summary><c>Pipe</c>.</summary>
    public static S3InputMode Pipe { get; } = new("Pipe");

    /// <inheritdoc />
    static S3InputMode IOpenValue<S3InputMode>.Create(string value) => new(value);

    /// <summary>The value as the API spells it.</summary>
    public override string ToString() => Value;
}
