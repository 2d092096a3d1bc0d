namespace MlPipeline.SageMakerPipelines.Images;

/// <summary>
/// The ECR URIs of the SageMaker scikit-learn and XGBoost framework containers, by region and version
/// (the facts of the SageMaker Python SDK's image_uri_config, for the versions this library supports).
/// </summary>
public static class ImageUris
{
    /// <summary>The scikit-learn container versions this library knows.</summary>
    public static IReadOnlyList<string> SklearnVersions { get; } = ["1.0-1", "1.2-1"];

    /// <summary>The XGBoost container versions this library knows.</summary>
    public static IReadOnlyList<string> XgboostVersions { get; } = ["1.5-1", "1.7-1"];

    /// <summary>The regions with both containers, and the account that hosts their registry.</summary>
    public static IReadOnlyDictionary<string, string> Registries { get; } = new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        ["af-south-1"] = "510948584623",
        ["ap-east-1"] = "651117190479",
        ["ap-northeast-1"] = "354813040037",
        ["ap-northeast-2"] = "366743142698",
        ["ap-northeast-3"] = "867004704886",
        ["ap-south-1"] = "720646828776",
        ["ap-south-2"] = "628508329040",
        ["ap-southeast-1"] = "121021644041",
        ["ap-southeast-2"] = "783357654285",
        ["ap-southeast-3"] = "951798379941",
        ["ap-southeast-4"] = "106583098589",
        ["ca-central-1"] = "341280168497",
        ["ca-west-1"] = "190319476487",
        ["cn-north-1"] = "450853457545",
        ["cn-northwest-1"] = "451049120500",
        ["eu-central-1"] = "492215442770",
        ["eu-central-2"] = "680994064768",
        ["eu-north-1"] = "662702820516",
        ["eu-south-1"] = "978288397137",
        ["eu-south-2"] = "104374241257",
        ["eu-west-1"] = "141502667606",
        ["eu-west-2"] = "764974769150",
        ["eu-west-3"] = "659782779980",
        ["il-central-1"] = "898809789911",
        ["me-central-1"] = "272398656194",
        ["me-south-1"] = "801668240914",
        ["sa-east-1"] = "737474898029",
        ["us-east-1"] = "683313688378",
        ["us-east-2"] = "257758044811",
        ["us-west-1"] = "746614075791",
        ["us-west-2"] = "246618743249",
    };

    /// <summary>The scikit-learn container (CPU, Python 3) for training, processing and inference.</summary>
    /// <param name="region">The AWS region, such as us-east-1.</param>
    /// <param name="version">The container version, such as 1.2-1.</param>
    /// <exception cref="ArgumentException">The region or version is not known.</exception>
    public static string Sklearn(string region, string version = "1.2-1") =>
        Uri("scikit-learn", "sagemaker-scikit-learn", region, version, SklearnVersions, $"{version}-cpu-py3");

    /// <summary>The XGBoost container for training and inference.</summary>
    /// <param name="region">The AWS region, such as us-east-1.</param>
    /// <param name="version">The container version, such as 1.7-1.</param>
    /// <exception cref="ArgumentException">The region or version is not known.</exception>
    public static string Xgboost(string region, string version = "1.7-1") =>
        Uri("XGBoost", "sagemaker-xgboost", region, version, XgboostVersions, version);

    private static string Uri(string framework, string repository, string region, string version, IReadOnlyList<string> versions, string tag)
    {
        if (!versions.Contains(version))
        {
            throw new ArgumentException($"There is no SageMaker {framework} container version '{version}' in this library; known versions: {string.Join(", ", versions)}.", nameof(version));
        }

        if (!Registries.TryGetValue(region, out var account))
        {
            throw new ArgumentException($"SageMaker has no {framework} {version} container in region '{region}'; regions with one: {string.Join(", ", Registries.Keys)}.", nameof(region));
        }

        var domain = region.StartsWith("cn-", StringComparison.Ordinal) ? "amazonaws.com.cn" : "amazonaws.com";
        return $"{account}.dkr.ecr.{region}.{domain}/{repository}:{tag}";
    }
}
