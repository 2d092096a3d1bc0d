namespace MlPipeline.SageMakerPipelines.Local;

/// <summary>
/// Where the local interpreter differs from a SageMaker container that runs some of the pipeline's steps: the
/// Python version, or a library's version (or its absence). Local runs list each one once; <c>--strict-versions</c>
/// refuses to run while there are any.
/// </summary>
/// <param name="Container">The container, such as <c>sagemaker-scikit-learn:1.2-1</c>.</param>
/// <param name="Library">The pip name of the library, or <c>Python</c>.</param>
/// <param name="Local">The version the local interpreter has; null when the library is not installed.</param>
/// <param name="Expected">The container's version (<c>1.1.3</c>), or its least one for a library it does not pin (<c>&gt;=1.1.1</c>).</param>
/// <param name="Steps">The steps that run in that container.</param>
public sealed record VersionDifference(string Container, string Library, string? Local, string Expected, IReadOnlyList<string> Steps)
{
    /// <summary>One line for people: <c>pandas 1.5.3 here, 1.1.3 in sagemaker-scikit-learn:1.2-1 (steps Clean, Feature)</c>.</summary>
    public override string ToString() =>
        (Local is null ? $"{Library} is not installed here, {Expected} in {Container}" : $"{Library} {Local} here, {Expected} in {Container}")
        + $" ({(Steps.Count == 1 ? "step" : "steps")} {string.Join(", ", Steps)})";
}
