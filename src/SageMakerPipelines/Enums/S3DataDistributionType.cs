using System.Text.Json.Serialization;
using MlPipeline.SageMakerPipelines.Serialization;

namespace MlPipeline.SageMakerPipelines;

/// <summary>Whether every instance gets all the data or a shard of it.</summary>
/// <param name="Value">The value as the API spells it.</param>
[JsonConverter(typeof(OpenValueConverter<S3DataDistributionType>))]
public readonly record struct S3DataDistributionType(string Value) : IOpenValue<S3DataDistributionType>
{
    /// <summary><c>FullyReplicated</c>.</summary>
    public static S3DataDistributionType FullyReplicated { get; } = new("FullyReplicated");

    /// <summary><c>ShardedByS3Key</c>.</summary>
    public static S3DataDistributionType ShardedByS3Key { get; } = new("ShardedByS3Key");

    /// <inheritdoc />
    static S3DataDistributionType IOpenValue<S3DataDistributionType>.Create(string value) => new(value);

    /// <summary>The value as the API spells it.</summary>
    public override string ToString() => Value;
}
