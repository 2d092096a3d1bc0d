using System.Text.Json.Serialization;

namespace MlPipeline.SageMakerPipelines;

/// <summary>The instances a training job runs on.</summary>
public sealed record ResourceConfig
{
    /// <summary>The instance type.</summary>
    [JsonPropertyName("InstanceType")]
    public required PipelineValue<string> InstanceType { get; init; }

    /// <summary>How many instances.</summary>
    [JsonPropertyName("InstanceCount")]
    public required PipelineValue<long> InstanceCount { get; init; }

    /// <summary>The storage volume per instance, in GB.</summary>
    [JsonPropertyName("VolumeSizeInGB")]
    public required PipelineValue<long> VolumeSizeInGB { get; init; }

    /// <summary>The KMS key that encrypts the storage volumes.</summary>
    [JsonPropertyName("VolumeKmsKeyId")]
    public PipelineValue<string>? VolumeKmsKeyId { get; init; }
}
