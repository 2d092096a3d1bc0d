namespace MlPipeline.SageMakerPipelines.Local;

/// <summary>A file of a model version's drift-check baselines, as the local registry recorded it.</summary>
/// <param name="Name">Which baseline it is, as CreateModelPackage names it: <c>ModelDataQuality.Statistics</c>, <c>ModelDataQuality.Constraints</c>...</param>
/// <param name="S3Uri">Where it is.</param>
/// <param name="Sha256">Its SHA-256 when it was registered, or null when the local store had no such file.</param>
public sealed record ModelBaselineFile(string Name, string S3Uri, string? Sha256);
