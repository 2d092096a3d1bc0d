using System.Text.Json;
using MlPipeline.SageMakerPipelines.Images;
using MlPipeline.Tests.Shared;

namespace MlPipeline.SageMakerPipelines.Tests.Images;

public class ImageUrisTests
{
    [Fact]
    public void Every_region_and_version_matches_the_sdk_image_uri_config()
    {
        foreach (var (framework, versions, build) in new (string, IReadOnlyList<string>, Func<string, string, string>)[]
        {
            ("sklearn", ImageUris.SklearnVersions, ImageUris.Sklearn),
            ("xgboost", ImageUris.XgboostVersions, ImageUris.Xgboost),
        })
        {
            using var reference = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestPaths.Reference, $"sagemaker-image-uris-{framework}.json")));
            foreach (var version in versions)
            {
                var config = reference.RootElement.GetProperty("training").GetProperty("versions").GetProperty(version);
                var repository = config.GetProperty("repository").GetString();
                foreach (var (region, _) in ImageUris.Registries)
                {
                    var account = config.GetProperty("registries").GetProperty(region).GetString();
                    Assert.StartsWith($"{account}.dkr.ecr.{region}.amazonaws.com", build(region, version), StringComparison.Ordinal);
                    Assert.Contains($"/{repository}:{version}", build(region, version), StringComparison.Ordinal);
                }
            }
        }
    }

    [Fact]
    public void Builds_the_uri_of_the_sklearn_and_xgboost_containers()
    {
        Assert.Equal("683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3", ImageUris.Sklearn("us-east-1"));
        Assert.Equal("141502667606.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-xgboost:1.7-1", ImageUris.Xgboost("eu-west-1"));
        Assert.Equal("450853457545.dkr.ecr.cn-north-1.amazonaws.com.cn/sagemaker-xgboost:1.7-1", ImageUris.Xgboost("cn-north-1"));
    }

    [Theory]
    [InlineData("mars-north-1", "1.2-1", "region")]
    [InlineData("us-east-1", "0.99-1", "version")]
    public void An_unknown_region_or_version_is_a_clear_error(string region, string version, string parameter)
    {
        var error = Assert.Throws<ArgumentException>(() => ImageUris.Sklearn(region, version));

        Assert.Equal(parameter, error.ParamName);
        Assert.Contains(parameter == "region" ? "us-east-1" : "1.2-1", error.Message, StringComparison.Ordinal);
    }
}
