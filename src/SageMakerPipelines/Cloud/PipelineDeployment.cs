using System.Text.Json.Serialization;

namespace MlPipeline.SageMakerPipelines.Cloud;

/// <summary>What CreatePipeline and UpdatePipeline take: the pipeline's name, role and definition (inline or in S3).</summary>
public sealed record PipelineDeployment
{
    /// <summary>The pipeline's name.</summary>
    [JsonPropertyName("PipelineName")]
    public required string PipelineName { get; init; }

    /// <summary>The role SageMaker runs the pipeline as.</summary>
    [JsonPropertyName("RoleArn")]
    public required string RoleArn { get; init; }

    /// <summary>The definition JSON inline (at most <see cref="SageMakerPipelinesClientExtensions.MaxInlineDefinitionBytes"/>); or null with <see cref="PipelineDefinitionS3Location"/>.</summary>
    [JsonPropertyName("PipelineDefinition")]
    public string? PipelineDefinition { get; init; }

    /// <summary>Where the definition lies in S3; or null with <see cref="PipelineDefinition"/>.</summary>
    [JsonPropertyName("PipelineDefinitionS3Location")]
    public PipelineDefinitionS3Location? PipelineDefinitionS3Location { get; init; }

    /// <summary>The name shown in SageMaker Studio, or null.</summary>
    [JsonPropertyName("PipelineDisplayName")]
    public string? PipelineDisplayName { get; init; }

    /// <summary>A description, or null.</summary>
    [JsonPropertyName("PipelineDescription")]
    public string? PipelineDescription { get; init; }
}
