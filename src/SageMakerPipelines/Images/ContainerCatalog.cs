namespace MlPipeline.SageMakerPipelines.Images;

/// <summary>
/// What runs inside the SageMaker framework containers the pipelines use: the Python version and the exact
/// versions of the libraries step scripts import, each read from the container's own build files in
/// github.com/aws/sagemaker-scikit-learn-container and github.com/aws/sagemaker-xgboost-container (the sources
/// are in each entry and in reference/README.md). Generated projects pin their tests to these versions, and
/// the local runner compares its interpreter with them.
/// </summary>
public static class ContainerCatalog
{
    private const string SklearnRepository = "aws/sagemaker-scikit-learn-container";
    private const string SklearnRequirements = SklearnRepository + " requirements.txt @ 22fb8e7";
    private const string XgboostRepository = "aws/sagemaker-xgboost-container";
    private const string XgboostRequirements = XgboostRepository + " requirements.txt @ 57b84fd";

    /// <summary>The scikit-learn 1.2-1 container: processing, training and serving for scikit-learn.</summary>
    public static FrameworkContainer Sklearn12 { get; } = new()
    {
        Framework = "sklearn",
        Version = "1.2-1",
        Repository = "sagemaker-scikit-learn",
        PythonVersion = "3.9",
        OldestPythonVersion = "3.9",
        PythonSource = SklearnRepository + " docker/1.2-1/base/Dockerfile.cpu @ 01d35bf (PYTHON_VERSION=3.9) and docker/1.2-1/final/Dockerfile.cpu @ 22fb8e7 (python3.9 site-packages)",
        Libraries =
        [
            new() { Package = "numpy", Module = "numpy", Version = "1.24.1", Source = SklearnRequirements },
            new() { Package = "pandas", Module = "pandas", Version = "1.1.3", Source = SklearnRequirements },
            new() { Package = "scipy", Module = "scipy", Version = "1.8.0", Source = SklearnRequirements },
            new() { Package = "scikit-learn", Module = "sklearn", Version = "1.2.1", Source = SklearnRequirements + "; docker/1.2-1/base/Dockerfile.cpu @ 01d35bf" },
            new()
            {
                Package = "joblib", Module = "joblib", Version = "1.1.1", Pinned = false,
                Source = "not pinned by " + SklearnRepository + "; the least scikit-learn 1.2.1 accepts (sklearn/_min_dependencies.py JOBLIB_MIN_VERSION)",
            },
        ],
    };

    /// <summary>The XGBoost 1.7-1 container: training and serving for XGBoost.</summary>
    public static FrameworkContainer Xgboost17 { get; } = new()
    {
        Framework = "xgboost",
        Version = "1.7-1",
        Repository = "sagemaker-xgboost",
        PythonVersion = "3.9",
        OldestPythonVersion = "3.8",
        PythonSource = XgboostRepository + " docker/1.7-1/base/Dockerfile.cpu @ 57b84fd (PYTHON_VERSION=3.9); earlier builds of the tag: 3.8.13 @ 0273170, 3.8.19 @ 1f6ad42",
        Libraries =
        [
            new() { Package = "numpy", Module = "numpy", Version = "1.24.1", Source = XgboostRequirements },
            new() { Package = "pandas", Module = "pandas", Version = "1.2.4", Source = XgboostRequirements },
            new() { Package = "scipy", Module = "scipy", Version = "1.8.0", Source = XgboostRequirements },
            new() { Package = "scikit-learn", Module = "sklearn", Version = "0.24.1", Source = XgboostRequirements },
            new() { Package = "xgboost", Module = "xgboost", Version = "1.7.4", Source = XgboostRepository + " docker/1.7-1/base/Dockerfile.cpu @ 57b84fd (XGBOOST_VERSION=1.7.4)" },
            new()
            {
                Package = "joblib", Module = "joblib", Version = "0.11", Pinned = false,
                Source = "not pinned by " + XgboostRepository + "; the least scikit-learn 0.24.1 accepts (sklearn/_min_dependencies.py JOBLIB_MIN_VERSION)",
            },
        ],
    };

    /// <summary>Every container in the catalogue.</summary>
    public static IReadOnlyList<FrameworkContainer> All { get; } = [Sklearn12, Xgboost17];

    /// <summary>The scikit-learn container of a version.</summary>
    /// <param name="version">The container version, such as 1.2-1.</param>
    /// <exception cref="ArgumentException">The catalogue has no such version.</exception>
    public static FrameworkContainer Sklearn(string version = "1.2-1") => Get("sklearn", version);

    /// <summary>The XGBoost container of a version.</summary>
    /// <param name="version">The container version, such as 1.7-1.</param>
    /// <exception cref="ArgumentException">The catalogue has no such version.</exception>
    public static FrameworkContainer Xgboost(string version = "1.7-1") => Get("xgboost", version);

    /// <summary>The container an image URI names (<c>…/sagemaker-scikit-learn:1.2-1-cpu-py3</c>), or null when the catalogue does not know it.</summary>
    /// <param name="imageUri">An ECR image URI.</param>
    public static FrameworkContainer? ForImage(string imageUri)
    {
        var image = ParseImage(imageUri);
        return image is null ? null : All.FirstOrDefault(c => c.Repository == image.Value.Repository && c.Version == image.Value.Version);
    }

    /// <summary>The repository and version of a framework image URI: sagemaker-scikit-learn:1.2-1-cpu-py3 is (sagemaker-scikit-learn, 1.2-1).</summary>
    internal static (string Repository, string Version)? ParseImage(string imageUri)
    {
        var parts = imageUri.Split('/')[^1].Split(':');
        return parts is [{ Length: > 0 } repository, { Length: > 0 } tag] ? (repository, tag.Split("-cpu")[0].Split("-gpu")[0]) : null;
    }

    private static FrameworkContainer Get(string framework, string version) =>
        All.FirstOrDefault(c => c.Framework == framework && c.Version == version)
        ?? throw new ArgumentException(
            $"The container catalogue has no {framework} container version '{version}'; known: {string.Join(", ", All.Where(c => c.Framework == framework).Select(c => c.Version))}.", nameof(version));
}
