namespace MlPipeline.SageMakerPipelines.Publishing;

/// <summary>An object a definition references (a script, a bundle archive): where it goes and what it holds.</summary>
/// <param name="S3Uri">Its S3 URI, with a content-hash key.</param>
/// <param name="Content">Its bytes.</param>
public sealed record PipelineObject(string S3Uri, ReadOnlyMemory<byte> Content);
