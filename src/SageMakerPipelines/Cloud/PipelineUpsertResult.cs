namespace MlPipeline.SageMakerPipelines.Cloud;

/// <summary>What an upsert did.</summary>
/// <param name="PipelineArn">The pipeline's ARN.</param>
/// <param name="Created">True when the pipeline was created, false when an existing one was updated.</param>
public sealed record PipelineUpsertResult(string PipelineArn, bool Created);
