namespace MlPipeline.SageMakerPipelines.Images;

/// <summary>
/// A SageMaker framework container as its build files describe it: the Python and the libraries a step script
/// meets when it runs there. <see cref="ContainerCatalog"/> holds the ones this library knows.
/// </summary>
public sealed record FrameworkContainer
{
    /// <summary>The framework, as the SageMaker Python SDK names it: <c>sklearn</c> or <c>xgboost</c>.</summary>
    public required string Framework { get; init; }

    /// <summary>The container version, such as <c>1.2-1</c>.</summary>
    public required string Version { get; init; }

    /// <summary>The ECR repository of the image, such as <c>sagemaker-scikit-learn</c>.</summary>
    public required string Repository { get; init; }

    /// <summary>The Python of the current build, as its Dockerfile names it (a release such as <c>3.9</c> takes its newest patch).</summary>
    public required string PythonVersion { get; init; }

    /// <summary>
    /// The oldest Python any build of this tag has had: the tag is rebuilt in place, so scripts that must keep
    /// running should parse under this one too. The same as <see cref="PythonVersion"/> when it never changed.
    /// </summary>
    public required string OldestPythonVersion { get; init; }

    /// <summary>Where the Python versions were read: repository, files and commits.</summary>
    public required string PythonSource { get; init; }

    /// <summary>The libraries step scripts import, with their versions in this container.</summary>
    public required IReadOnlyList<ContainerLibrary> Libraries { get; init; }

    /// <summary>The short name used for files and jobs: <c>sklearn-1.2-1</c>.</summary>
    public string Id => $"{Framework}-{Version}";

    /// <summary>The image as people name it: <c>sagemaker-scikit-learn:1.2-1</c>.</summary>
    public string DisplayName => $"{Repository}:{Version}";

    /// <summary>The library with this pip or import name, or null when the container does not have it.</summary>
    /// <param name="name">A pip name (<c>scikit-learn</c>) or an import name (<c>sklearn</c>).</param>
    public ContainerLibrary? Library(string name) =>
        Libraries.FirstOrDefault(l => string.Equals(l.Package, name, StringComparison.OrdinalIgnoreCase) || string.Equals(l.Module, name, StringComparison.Ordinal));

    /// <summary>Whether an interpreter's version is this container's Python: 3.9.18 is in 3.9.</summary>
    /// <param name="version">The interpreter's version, such as 3.11.2.</param>
    public bool HasPython(string version) => ContainerVersions.InSeries(version, PythonVersion);
}
