using Amazon.Runtime;
using MlPipeline.SageMakerPipelines.Cloud;
using MlPipeline.SageMakerPipelines.Tests.Fixtures;
using MlPipeline.Tests.Shared;

namespace MlPipeline.SageMakerPipelines.Tests.Cloud;

/// <summary>Every call moto_server implements, made for real: signed by the AWS SDK, answered by moto.</summary>
public sealed class SageMakerPipelinesClientMotoTests(MotoServer moto) : IClassFixture<MotoServer>
{
    private const string Role = "arn:aws:iam::123456789012:role/pipeline";

    private SageMakerPipelinesClient Client() =>
        new(new BasicAWSCredentials("testing", "testing"), new SageMakerClientConfig { ServiceURL = moto.Endpoint.ToString(), AuthenticationRegion = "eu-west-1" });

    private static Pipeline Named(string name) => AbalonePipeline.Create() with { Name = name };

    [Fact]
    public async Task Upsert_creates_then_updates_and_start_runs_the_pipeline_with_parameters()
    {
        using var client = Client();
        var pipeline = Named("upsert-" + Guid.NewGuid().ToString("N")[..8]);

        var created = await client.UpsertAsync(pipeline, Role);
        var updated = await client.UpsertAsync(pipeline with { Description = "second version" }, Role);

        Assert.True(created.Created);
        Assert.False(updated.Created);
        Assert.Equal(created.PipelineArn, updated.PipelineArn);
        Assert.Matches($"^arn:aws:sagemaker:eu-west-1:123456789012:pipeline/{pipeline.Name}$", created.PipelineArn);

        var arn = await client.StartAsync(pipeline, new Dictionary<string, string> { ["MseThreshold"] = "4.5" }, "first-run");
        var execution = await client.DescribePipelineExecutionAsync(arn);

        Assert.Equal(arn, execution.PipelineExecutionArn);
        Assert.Equal(created.PipelineArn, execution.PipelineArn);
        Assert.Equal("first-run", execution.DisplayName);
        Assert.Contains(execution.Status, new[] { "Executing", "Succeeded" });
        Assert.NotNull(execution.CreationTime);
        Assert.InRange(execution.CreationTime!.Value, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(5));
    }

    [Fact]
    public async Task A_parameter_the_pipeline_does_not_declare_or_of_the_wrong_type_is_refused_before_any_call()
    {
        using var client = Client();
        var pipeline = Named("never-deployed");

        var unknown = await Assert.ThrowsAsync<ArgumentException>(() => client.StartAsync(pipeline, new Dictionary<string, string> { ["Nope"] = "1" }));
        var wrongType = await Assert.ThrowsAsync<ArgumentException>(() => client.StartAsync(pipeline, new Dictionary<string, string> { ["ProcessingInstanceCount"] = "two" }));

        Assert.Contains("Unknown parameter(s): Nope", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("'two' is not a whole number.", wrongType.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_pipeline_or_execution_is_the_services_error_code_and_message()
    {
        using var client = Client();

        var start = await Assert.ThrowsAnyAsync<AmazonServiceException>(() => client.StartPipelineExecutionAsync(new PipelineExecutionStart { PipelineName = "no-such-pipeline" }));
        var describe = await Assert.ThrowsAnyAsync<AmazonServiceException>(() =>
            client.DescribePipelineExecutionAsync("arn:aws:sagemaker:eu-west-1:123456789012:pipeline/no-such-pipeline/execution/abcdefghijkl"));

        // moto answers ValidationException where SageMaker answers ResourceNotFound; either way the code and message come through.
        Assert.Contains(start.ErrorCode, new[] { "ResourceNotFound", "ValidationException" });
        Assert.Contains("no-such-pipeline", start.Message, StringComparison.Ordinal);
        Assert.Contains(describe.ErrorCode, new[] { "ResourceNotFound", "ValidationException" });
        Assert.False(string.IsNullOrEmpty(describe.Message));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, describe.StatusCode);
    }

    [Fact]
    public async Task Model_packages_are_listed_described_and_approved_with_a_reason()
    {
        using var client = Client();
        var group = "models-" + Guid.NewGuid().ToString("N")[..8];
        Aws("create-model-package-group", "--model-package-group-name", group);
        Aws("create-model-package", "--model-package-group-name", group, "--model-approval-status", "PendingManualApproval");
        Aws("create-model-package", "--model-package-group-name", group, "--model-approval-status", "PendingManualApproval");

        var listed = await client.ListAllModelPackagesAsync(group);

        Assert.Equal([2, 1], listed.Select(p => p.ModelPackageVersion ?? 0));
        Assert.All(listed, p => Assert.Equal("PendingManualApproval", p.ModelApprovalStatus));

        var arn = await client.UpdateModelPackageApprovalAsync(listed[0].ModelPackageArn, "Approved", "MSE 4.1 below the 6.0 threshold");
        var described = await client.DescribeModelPackageAsync(arn);

        Assert.Equal(listed[0].ModelPackageArn, arn);
        Assert.Equal("Approved", described.ModelApprovalStatus);
        Assert.Equal("MSE 4.1 below the 6.0 threshold", described.ApprovalDescription);
        Assert.Equal(group, described.ModelPackageGroupName);
        Assert.Equal(arn, described.Document["ModelPackageArn"]!.GetValue<string>());
    }

    private void Aws(params string[] arguments)
    {
        var result = ProcessRunner.Run("aws", ["--endpoint-url", moto.Endpoint.ToString(), "--region", "eu-west-1", "sagemaker", .. arguments], environment: new Dictionary<string, string>
        {
            ["AWS_ACCESS_KEY_ID"] = "testing",
            ["AWS_SECRET_ACCESS_KEY"] = "testing",
        });
        Assert.True(result.ExitCode == 0, result.All);
    }
}
