namespace MlPipeline.SageMakerPipelines.Publishing;

/// <summary>One object the publisher put in S3, or found there already.</summary>
/// <param name="Key">The object's key.</param>
/// <param name="Uploaded">True when it was uploaded now; false when an object with that content key was there.</param>
public sealed record PublishedObject(string Key, bool Uploaded);
