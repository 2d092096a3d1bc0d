namespace MlPipeline.SageMakerPipelines.Definition;

/// <summary>The longest text each value of a map argument, or each item of a list argument, may be (from the SageMaker API).</summary>
/// <param name="Path">The map's or list's dotted path in the arguments; <c>Name[]</c> steps into every item of a list on the way.</param>
/// <param name="Limit">The most characters a value may have.</param>
internal readonly record struct LengthLimit(string Path, int Limit);
