using System.Text;
using MlPipeline.SageMakerPipelines.Code;
using MlPipeline.SageMakerPipelines.Tests.Fixtures;

namespace MlPipeline.SageMakerPipelines.Tests.Code;

public class CodeAssetTests
{
    [Fact]
    public void The_key_holds_the_content_hash_and_keeps_the_file_name()
    {
        var asset = CodeAsset.FromBytes("train.py", Encoding.UTF8.GetBytes("print('hi')\n"));

        Assert.Equal("churn/code/" + asset.Sha256 + "/train.py", asset.S3Key("churn/"));
        Assert.Matches("^[0-9a-f]{64}$", asset.Sha256);
    }

    [Fact]
    public void An_unchanged_script_gives_an_unchanged_definition_and_a_changed_one_a_new_key()
    {
        var same = CodeAsset.FromBytes("train.py", Encoding.UTF8.GetBytes("a\n"));
        var again = CodeAsset.FromBytes("train.py", Encoding.UTF8.GetBytes("a\n"));
        var changed = CodeAsset.FromBytes("train.py", Encoding.UTF8.GetBytes("b\n"));

        Assert.Equal(same.S3Uri("bucket", "p"), again.S3Uri("bucket", "p"));
        Assert.NotEqual(same.S3Uri("bucket", "p"), changed.S3Uri("bucket", "p"));
        Assert.Equal(AbalonePipeline.Create().ToJson(), AbalonePipeline.Create().ToJson());
    }

    [Theory]
    [InlineData("")]
    [InlineData("steps/train.py")]
    [InlineData("..\\train.py")]
    public void A_path_is_not_a_file_name(string name)
    {
        Assert.Throws<ArgumentException>(() => CodeAsset.FromBytes(name, "x"u8));
    }
}

public class CodeBundleTests
{
    [Fact]
    public void A_bundle_has_one_prefix_for_its_files_and_a_repeatable_source_archive()
    {
        var a = CodeBundle.Create("train", [("train.py", "print(1)\n"u8.ToArray()), ("common.py", "X = 1\n"u8.ToArray())]);
        var b = CodeBundle.Create("train", [("common.py", "X = 1\n"u8.ToArray()), ("train.py", "print(1)\n"u8.ToArray())]);
        var changed = CodeBundle.Create("train", [("train.py", "print(2)\n"u8.ToArray()), ("common.py", "X = 1\n"u8.ToArray())]);

        Assert.Equal(a.S3Prefix("bucket", "p"), b.S3Prefix("bucket", "p"));
        Assert.NotEqual(a.S3Prefix("bucket", "p"), changed.S3Prefix("bucket", "p"));
        Assert.StartsWith("s3://bucket/p/code/train-", a.S3Prefix("bucket", "p"), StringComparison.Ordinal);
        var objects = a.Objects("bucket", "p");
        Assert.Equal(["common.py", "train.py", "sourcedir.tar.gz"], objects.Select(o => o.S3Uri.Split('/')[^1]));
        Assert.Equal(objects[^1].Content.ToArray(), b.Objects("bucket", "p")[^1].Content.ToArray());
    }
}
