using MlPipeline.SageMakerPipelines.Images;

namespace MlPipeline.SageMakerPipelines.Tests.Images;

public class ContainerCatalogTests
{
    [Fact]
    public void Every_container_the_pipelines_use_lists_python_and_every_library_the_scripts_import_with_its_source()
    {
        foreach (var container in ContainerCatalog.All)
        {
            var expected = new List<string> { "numpy", "pandas", "scipy", "scikit-learn", "joblib" };
            if (container.Framework == "xgboost")
            {
                expected.Add("xgboost");
            }

            Assert.Equal(expected.Order(StringComparer.Ordinal), container.Libraries.Select(l => l.Package).Order(StringComparer.Ordinal));
            Assert.Matches(@"^3\.\d+(\.\d+)?$", container.PythonVersion);
            Assert.True(string.CompareOrdinal(container.OldestPythonVersion, container.PythonVersion) <= 0, container.Id);
            Assert.Contains("Dockerfile", container.PythonSource, StringComparison.Ordinal);
            foreach (var library in container.Libraries)
            {
                Assert.Matches(@"^\d+(\.\d+)+$", library.Version);
                // A source names the repository, the file and the commit it was read at.
                Assert.Matches(@"aws/sagemaker-(scikit-learn|xgboost)-container\b.*(requirements\.txt|Dockerfile\.cpu|_min_dependencies\.py)", library.Source);
                Assert.True(!library.Pinned || library.Source.Contains(" @ ", StringComparison.Ordinal), library.Source);
            }
        }
    }

    [Fact]
    public void Every_catalogued_container_is_one_the_image_uris_build()
    {
        Assert.Contains(ContainerCatalog.Sklearn().Version, ImageUris.SklearnVersions);
        Assert.Contains(ContainerCatalog.Xgboost().Version, ImageUris.XgboostVersions);
        Assert.Same(ContainerCatalog.Sklearn12, ContainerCatalog.ForImage(ImageUris.Sklearn("eu-west-1")));
        Assert.Same(ContainerCatalog.Xgboost17, ContainerCatalog.ForImage(ImageUris.Xgboost("cn-north-1")));
    }

    [Theory]
    [InlineData("683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3", "sklearn-1.2-1")]
    [InlineData("ACCOUNT.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-xgboost:1.7-1", "xgboost-1.7-1")]
    [InlineData("683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.0-1-cpu-py3", null)]
    [InlineData("123456789012.dkr.ecr.us-east-1.amazonaws.com/my-own-image:latest", null)]
    [InlineData("not an image", null)]
    public void Finds_the_container_of_an_image_uri(string image, string? id)
    {
        Assert.Equal(id, ContainerCatalog.ForImage(image)?.Id);
    }

    [Fact]
    public void An_unknown_version_is_a_clear_error()
    {
        var error = Assert.Throws<ArgumentException>(() => ContainerCatalog.Sklearn("0.23-1"));

        Assert.Contains("1.2-1", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1.1.3", "1.1.3", true, true)]
    [InlineData("1.1.5", "1.1.3", true, false)]
    [InlineData("1.2", "1.2.0", true, true)]
    [InlineData("1.2.0", "1.1.1", false, true)]
    [InlineData("1.10.0", "1.9.1", false, true)]
    [InlineData("0.17.0", "1.1.1", false, false)]
    [InlineData("1.1.1rc1", "1.1.1", false, false)]
    [InlineData(null, "1.1.1", false, false)]
    public void A_pinned_library_needs_its_exact_version_and_an_unpinned_one_at_least_the_least(string? installed, string version, bool pinned, bool met)
    {
        var library = new ContainerLibrary { Package = "x", Module = "x", Version = version, Pinned = pinned, Source = "test" };

        Assert.Equal(met, library.IsMetBy(installed));
        Assert.Equal(pinned ? $"x=={version}" : $"x>={version}", library.Requirement);
    }

    [Theory]
    [InlineData("3.9.18", true)]
    [InlineData("3.9", true)]
    [InlineData("3.10.1", false)]
    [InlineData("3.11.2", false)]
    public void The_python_of_a_container_is_a_release_series(string version, bool same)
    {
        Assert.Equal(same, ContainerCatalog.Sklearn12.HasPython(version));
    }
}
