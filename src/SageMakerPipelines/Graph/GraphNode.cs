namespace MlPipeline.SageMakerPipelines.Graph;

/// <summary>A step in a <see cref="PipelineGraph"/>.</summary>
/// <param name="Name">The step's name.</param>
/// <param name="Type">The step's type: Processing, Training, Condition, …</param>
/// <param name="Detail">What the picture says under the name: the type, or for a condition what it checks.</param>
public sealed record GraphNode(string Name, string Type, string Detail);
