using Amazon.Runtime;
using MlPipeline.SageMakerPipelines.Cloud;
using MlPipeline.Tests.Shared;

namespace MlPipeline.SageMakerPipelines.Tests.Cloud;

/// <summary>The calls moto_server lacks, against recorded responses shaped by botocore's service model; the SDK's signing and retries.</summary>
public sealed class SageMakerPipelinesClientRecordedTests
{
    private const string Execution = "arn:aws:sagemaker:eu-west-1:123456789012:pipeline/abalonepipeline/execution/7b2kq1x9m3pz";

    private static SageMakerPipelinesClient Client(RecordedSageMaker server) =>
        new(new BasicAWSCredentials("AKIDRECORDED", "secret"), new SageMakerClientConfig { ServiceURL = server.Endpoint.ToString(), AuthenticationRegion = "eu-west-1" });

    [Fact]
    public void The_recorded_responses_match_botocores_service_model()
    {
        var files = Directory.GetFiles(RecordedSageMaker.Folder, "*.json").Order(StringComparer.Ordinal).ToList();
        var result = ProcessRunner.Run("python3", [Path.Combine(TestPaths.RepoRoot, "tests", "tools", "check_recorded_responses.py"), .. files]);

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains($"{files.Count} recorded responses match", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requests_are_signed_with_sigv4_for_sagemaker_in_the_region_and_name_the_operation()
    {
        using var server = new RecordedSageMaker().Answer("stop-pipeline-execution");
        using var client = Client(server);

        var arn = await client.StopPipelineExecutionAsync(Execution, "token-1");

        Assert.Equal(Execution, arn);
        var request = Assert.Single(server.Requests);
        Assert.Equal("StopPipelineExecution", request.Operation);
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDRECORDED/", request.Authorization, StringComparison.Ordinal);
        Assert.Contains("/eu-west-1/sagemaker/aws4_request", request.Authorization, StringComparison.Ordinal);
        Assert.Equal(Execution, request.Body["PipelineExecutionArn"]!.GetValue<string>());
        Assert.Equal("token-1", request.Body["ClientRequestToken"]!.GetValue<string>());
    }

    [Fact]
    public async Task Throttling_is_retried_by_the_sdk_until_the_service_answers()
    {
        using var server = new RecordedSageMaker().Answer("throttling-exception", "throttling-exception", "describe-pipeline-execution-executing");
        using var client = Client(server);

        var execution = await client.DescribePipelineExecutionAsync(Execution);

        Assert.Equal("Executing", execution.Status);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task Throttling_that_does_not_end_surfaces_as_the_services_error_after_the_retries()
    {
        using var server = new RecordedSageMaker().Answer("throttling-exception");
        using var client = new SageMakerPipelinesClient(new BasicAWSCredentials("AKIDRECORDED", "secret"),
            new SageMakerClientConfig { ServiceURL = server.Endpoint.ToString(), AuthenticationRegion = "eu-west-1", MaxErrorRetry = 2 });

        var error = await Assert.ThrowsAnyAsync<AmazonServiceException>(() => client.DescribePipelineExecutionAsync(Execution));

        Assert.Equal("ThrottlingException", error.ErrorCode);
        Assert.Equal("Rate exceeded", error.Message);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task Steps_of_every_page_come_oldest_first_with_their_failure_reason()
    {
        using var server = new RecordedSageMaker().Answer("list-pipeline-execution-steps-failed-page1", "list-pipeline-execution-steps-failed-page2");
        using var client = Client(server);

        var steps = await client.ListStepsAsync(Execution);

        Assert.Equal(["AbaloneProcess", "AbaloneTrain"], steps.Select(s => s.StepName));
        Assert.StartsWith("ClientError: Failed to download data.", steps[1].FailureReason, StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(2026, 1, 5, 8, 0, 1, 500, TimeSpan.Zero), steps[0].StartTime);
        Assert.Equal("page-2-of-steps", server.Requests.Last().Body["NextToken"]!.GetValue<string>());
    }

    [Fact]
    public async Task Waiting_reports_each_step_change_once_and_ends_with_the_final_status()
    {
        using var server = new RecordedSageMaker().Answer(
            "describe-pipeline-execution-executing", "describe-pipeline-execution-executing", "describe-pipeline-execution-failed",
            "list-pipeline-execution-steps-processing", "list-pipeline-execution-steps-processing",
            "list-pipeline-execution-steps-failed-page1", "list-pipeline-execution-steps-failed-page2");
        using var client = Client(server);
        var reported = new List<string>();

        var result = await client.WaitAsync(Execution, new SynchronousProgress(s => reported.Add($"{s.StepName} {s.StepStatus}")), TimeSpan.FromMilliseconds(10));

        Assert.Equal("Failed", result.Execution.Status);
        Assert.Equal(["AbaloneProcess Executing", "AbaloneProcess Succeeded", "AbaloneTrain Failed"], reported);
        Assert.Equal("AbaloneTrain", result.FailedStep?.StepName);
    }

    [Fact]
    public async Task An_unknown_execution_is_the_services_error_code_and_message()
    {
        using var server = new RecordedSageMaker().Answer("resource-not-found");
        using var client = Client(server);

        var error = await Assert.ThrowsAnyAsync<AmazonServiceException>(() => client.DescribePipelineExecutionAsync(Execution));

        Assert.Equal("ResourceNotFound", error.ErrorCode);
        Assert.Equal($"Pipeline execution with ARN {Execution} not found.", error.Message);
        Assert.Single(server.Requests);
    }

    private sealed class SynchronousProgress(Action<PipelineExecutionStep> report) : IProgress<PipelineExecutionStep>
    {
        public void Report(PipelineExecutionStep value) => report(value);
    }
}
