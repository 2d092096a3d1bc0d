namespace MlPipeline.SageMakerPipelines.Definition;

/// <summary>The whole numbers a numeric argument of a step takes, from the SageMaker API (botocore's service model).</summary>
/// <param name="Path">The argument's dotted path.</param>
/// <param name="Min">The least it may be.</param>
/// <param name="Max">The most it may be (<see cref="long.MaxValue"/>: no bound).</param>
internal readonly record struct NumberLimit(string Path, long Min, long Max);
