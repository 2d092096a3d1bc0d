using System.Text.Json.Serialization;

namespace MlPipeline.SageMakerPipelines;

/// <summary>The arguments of a register-model step: the CreateModelPackage request.</summary>
public sealed record CreateModelPackageArguments
{
    /// <summary>The model package group the new version joins.</summary>
    [JsonPropertyName("ModelPackageGroupName")]
    public required PipelineValue<string> ModelPackageGroupName { get; init; }

    /// <summary>What this version is.</summary>
    [JsonPropertyName("ModelPackageDescription")]
    public PipelineValue<string>? ModelPackageDescription { get; init; }

    /// <summary>How the model is served.</summary>
    [JsonPropertyName("InferenceSpecification")]
    public required InferenceSpecification InferenceSpecification { get; init; }

    /// <summary>Approved, Rejected or PendingManualApproval.</summary>
    [JsonPropertyName("ModelApprovalStatus")]
    public PipelineValue<string>? ModelApprovalStatus { get; init; }

    /// <summary>Reports of the model's quality.</summary>
    [JsonPropertyName("ModelMetrics")]
    public ModelMetrics? ModelMetrics { get; init; }

    /// <summary>The baselines drift checks compare this version with.</summary>
    [JsonPropertyName("DriftCheckBaselines")]
    public DriftCheckBaselines? DriftCheckBaselines { get; init; }

    /// <summary>The S3 URI of a sample of the requests the model takes (for inference recommendations).</summary>
    [JsonPropertyName("SamplePayloadUrl")]
    public PipelineValue<string>? SamplePayloadUrl { get; init; }

    /// <summary>The machine learning task the model solves, such as IMAGE_CLASSIFICATION or REGRESSION.</summary>
    [JsonPropertyName("Task")]
    public PipelineValue<string>? Task { get; init; }

    /// <summary>Tags on the model package.</summary>
    [JsonPropertyName("Tags")]
    public IReadOnlyList<Tag>? Tags { get; init; }

    /// <summary>Your own key-value metadata (values at most 1024 characters).</summary>
    [JsonPropertyName("CustomerMetadataProperties")]
    public IReadOnlyDictionary<string, PipelineString>? CustomerMetadataProperties { get; init; }
}
