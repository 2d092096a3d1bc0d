using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using MlPipeline.SageMakerPipelines.Publishing;
using MlPipeline.SageMakerPipelines.Tests.Fixtures;
using MlPipeline.Tests.Shared;

namespace MlPipeline.SageMakerPipelines.Tests.Publishing;

[Collection(Cli.AwsEnvironment.Name)]
public sealed class DefinitionPublisherTests(MotoServer moto) : IClassFixture<MotoServer>
{
    private AmazonS3Client Client() => new(
        new BasicAWSCredentials("testing", "testing"),
        new AmazonS3Config { ServiceURL = moto.Endpoint.ToString(), ForcePathStyle = true, AuthenticationRegion = "us-east-1" });

    [Fact]
    public async Task Uploads_scripts_and_definition_under_content_keys_and_skips_what_is_there()
    {
        using var s3 = Client();
        var bucket = "publish-" + Guid.NewGuid().ToString("N")[..8];
        await s3.PutBucketAsync(bucket);
        var code = new[] { AbalonePipeline.Script("preprocessing.py"), AbalonePipeline.Script("evaluation.py") };
        var definition = AbalonePipeline.Create().ToJson();
        var publisher = new DefinitionPublisher(s3);

        var first = await publisher.PublishAsync(bucket, "abalone", code, definition);
        var second = await publisher.PublishAsync(bucket, "abalone", code, definition);

        Assert.All(first, o => Assert.True(o.Uploaded));
        Assert.All(second, o => Assert.False(o.Uploaded));
        Assert.Equal(first.Select(o => o.Key), second.Select(o => o.Key));
        Assert.Contains(first, o => o.Key == code[0].S3Key("abalone"));
        Assert.Equal(DefinitionPublisher.DefinitionKey("abalone", definition), first[^1].Key);

        using var stored = await s3.GetObjectAsync(bucket, first[^1].Key);
        using var reader = new StreamReader(stored.ResponseStream);
        Assert.Equal(definition, await reader.ReadToEndAsync());
    }

    [Fact]
    public async Task The_publish_verb_uploads_to_the_pipelines_bucket_and_a_second_publish_changes_nothing()
    {
        using var s3 = Client();
        await s3.PutBucketAsync(AbalonePipeline.Bucket);
        var app = new MlPipeline.SageMakerPipelines.Cli.PipelineApp
        {
            Pipeline = AbalonePipeline.Create(),
            Objects = [AbalonePipeline.Script("preprocessing.py").ToObject(AbalonePipeline.Bucket, "abalone"), AbalonePipeline.Script("evaluation.py").ToObject(AbalonePipeline.Bucket, "abalone")],
            DefinitionBucket = AbalonePipeline.Bucket,
            DefinitionPrefix = "abalone",
        };
        System.Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "testing");
        System.Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "testing");
        System.Environment.SetEnvironmentVariable("AWS_REGION", "us-east-1");

        using var first = new StringWriter();
        using var second = new StringWriter();
        using var error = new StringWriter();
        var codes = new[]
        {
            await MlPipeline.SageMakerPipelines.Cli.PipelineCommandLine.RunAsync(["publish", "--endpoint-url", moto.Endpoint.ToString()], app, first, error),
            await MlPipeline.SageMakerPipelines.Cli.PipelineCommandLine.RunAsync(["publish", "--endpoint-url", moto.Endpoint.ToString()], app, second, error),
        };

        Assert.Equal([0, 0], codes);
        Assert.Equal(3, first.ToString().Split('\n').Count(l => l.StartsWith("uploaded", StringComparison.Ordinal)));
        Assert.Equal(3, second.ToString().Split('\n').Count(l => l.StartsWith("unchanged", StringComparison.Ordinal)));
        // The definition references the scripts exactly where publish put them.
        Assert.Contains(AbalonePipeline.Script("evaluation.py").S3Uri(AbalonePipeline.Bucket, "abalone"), app.Pipeline.ToJson(), StringComparison.Ordinal);
        Assert.Contains("s3://" + AbalonePipeline.Bucket + "/" + AbalonePipeline.Script("evaluation.py").S3Key("abalone"), first.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_changed_definition_gets_a_new_key_and_the_old_one_stays()
    {
        using var s3 = Client();
        var bucket = "publish-" + Guid.NewGuid().ToString("N")[..8];
        await s3.PutBucketAsync(bucket);
        var publisher = new DefinitionPublisher(s3);

        var before = await publisher.PublishAsync(bucket, "p", [], AbalonePipeline.Create().ToJson());
        var after = await publisher.PublishAsync(bucket, "p", [], (AbalonePipeline.Create() with { Name = "Other" }).ToJson(indented: false));

        Assert.NotEqual(before[^1].Key, after[^1].Key);
        var listing = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Prefix = "p/definitions/" });
        Assert.Equal(2, listing.S3Objects.Count);
    }
}
