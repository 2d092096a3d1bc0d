using System.Text.Json.Serialization;
using MlPipeline.SageMakerPipelines.Serialization;

namespace MlPipeline.SageMakerPipelines;

/// <summary>What an S3 URI points at.</summary>
/// <param name="Value">The value as the API spells it.</param>
[JsonConverter(typeof(OpenValueConverter<S3DataType>))]
public readonly record struct S3DataType(string Value) : IOpenValue<S3DataType>
{
    /// <summary><c>S3Prefix</c>.</summary>
    public static S3DataType S3Prefix { get; } = new("S3Prefix");

    /// <summary><c>ManifestFile</c>.</summary>
    public static S3DataType ManifestFile { get; } = new("ManifestFile");

    /// <summary><c>AugmentedManifestFile</c>.</summary>
    public static S3DataType AugmentedManifestFile { get; } = new("AugmentedManifestFile");

    /// <inheritdoc />
    static S3DataType IOpenValue<S3DataType>.Create(string value) => new(value);

    /// <summary>The value as the API spells it.</summary>
    public override string ToString() => Value;
}
