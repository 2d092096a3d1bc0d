using System.Text.Json.Serialization;

namespace MlPipeline.SageMakerPipelines;

/// <summary>Instance type, count and storage of a processing job.</summary>
public sealed record ProcessingClusterConfig
{
    /// <summary>How many instances.</summary>
    [JsonPropertyName("InstanceCount")]
    public required PipelineValue<long> InstanceCount { get; init; }

    /// <summary>The instance type, such as ml.m5.xlarge.</summary>
    [JsonPropertyName("InstanceType")]
    public required PipelineValue<string> InstanceType { get; init; }

    /// <summary>The storage volume per instance, in GB.</summary>
    [JsonPropertyName("VolumeSizeInGB")]
    public required PipelineValue<long> VolumeSizeInGB { get; init; }

    /// <summary>The KMS key that encrypts the volume.</summary>
    [JsonPropertyName("VolumeKmsKeyId")]
    public PipelineValue<string>? VolumeKmsKeyId { get; init; }
}
