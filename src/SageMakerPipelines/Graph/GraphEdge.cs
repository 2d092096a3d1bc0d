namespace MlPipeline.SageMakerPipelines.Graph;

/// <summary>An edge of a <see cref="PipelineGraph"/>: <paramref name="Source"/> runs before <paramref name="Target"/>.</summary>
/// <param name="Source">The step that runs first.</param>
/// <param name="Target">The step that runs after it.</param>
/// <param name="Label"><c>if</c> or <c>else</c> for a condition's branches; null otherwise.</param>
public sealed record GraphEdge(string Source, string Target, string? Label);
