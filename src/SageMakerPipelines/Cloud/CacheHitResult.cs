using System.Text.Json.Serialization;

namespace MlPipeline.SageMakerPipelines.Cloud;

/// <summary>A step SageMaker's step cache served: the execution whose result it reused.</summary>
/// <param name="SourcePipelineExecutionArn">That execution.</param>
public sealed record CacheHitResult([property: JsonPropertyName("SourcePipelineExecutionArn")] string? SourcePipelineExecutionArn);
