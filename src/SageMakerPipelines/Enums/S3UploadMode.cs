using System.Text.Json.Serialization;
using MlPipeline.SageMakerPipelines.Serialization;

namespace MlPipeline.SageMakerPipelines;

/// <summary>When a processing output is uploaded.</summary>
/// <param name="Value">The value as the API spells it.</param>
[JsonConverter(typeof(OpenValueConverter<S3UploadMode>))]
public readonly record struct S3UploadMode(string Value) : IOpenValue<S3UploadMode>
{
    /// <summary><c>EndOfJob</c>.</summary>
    public static S3UploadMode EndOfJob { get; } = new("EndOfJob");

    /// <summary><c>Continuous</c>.</summary>
    public static S3UploadMode Continuous { get; } = new("Continuous");

    /// <inheritdoc />
    static S3UploadMode IOpenValue<S3UploadMode>.Create(string value) => new(value);

    /// <summary>The value as the API spells it.</summary>
    public override string ToString() => Value;
}
