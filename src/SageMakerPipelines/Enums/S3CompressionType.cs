using System.Text.Json.Serialization;
using MlPipeline.SageMakerPipelines.Serialization;

namespace MlPipeline.SageMakerPipelines;

/// <summary>Whether an S3 input is compressed.</summary>
/// <param name="Value">The value as the API spells it.</param>
[JsonConverter(typeof(OpenValueConverter<S3CompressionType>))]
public readonly record struct S3CompressionType(string Value) : IOpenValue<S3CompressionType>
{
    /// <summary><c>None</c>.</summary>
    public static S3CompressionType None { get; } = new("None");

    /// <summary><c>Gzip</c>.</summary>
    public static S3CompressionType Gzip { get; } = new("Gzip");

    /// <inheritdoc />
    static S3CompressionType IOpenValue<S3CompressionType>.Create(string value) => new(value);

    /// <summary>The value as the API spells it.</summary>
    public override string ToString() => Value;
}
