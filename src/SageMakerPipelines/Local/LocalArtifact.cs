namespace MlPipeline.SageMakerPipelines.Local;

/// <summary>Something a step of a local run wrote to the local object store.</summary>
/// <param name="S3Uri">Where: an object (a model archive, a transform's <c>.out</c> file) or a prefix (a processing output).</param>
/// <param name="Sha256">The SHA-256 of its content: of the object, or of every key and object under the prefix.</param>
public sealed record LocalArtifact(string S3Uri, string Sha256);
