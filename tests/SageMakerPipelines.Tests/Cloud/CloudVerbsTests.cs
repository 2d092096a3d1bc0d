using System.Text.Json.Nodes;
using MlPipeline.SageMakerPipelines.Cli;
using MlPipeline.SageMakerPipelines.Tests.Cli;
using MlPipeline.SageMakerPipelines.Tests.Fixtures;
using MlPipeline.Tests.Shared;

namespace MlPipeline.SageMakerPipelines.Tests.Cloud;

/// <summary>The pipeline command line's cloud verbs: against moto_server where it implements the call, recorded responses where it does not.</summary>
[Collection(AwsEnvironment.Name)]
public sealed class CloudVerbsTests(MotoServer moto) : IClassFixture<MotoServer>
{
    private const string Execution = "arn:aws:sagemaker:eu-west-1:123456789012:pipeline/abalonepipeline/execution/7b2kq1x9m3pz";

    private static readonly Dictionary<string, string?> Aws = new(AwsEnvironment.Configured) { ["AWS_REGION"] = "eu-west-1" };

    private static async Task<(int Code, string Output, string Error)> Run(PipelineApp app, string[] args, CancellationToken cancellationToken = default) =>
        await AwsEnvironment.With(Aws, async () =>
        {
            using var output = new StringWriter();
            using var error = new StringWriter();
            var code = await PipelineCommandLine.RunAsync(args, () => app, output, error, width: null, cancellationToken);
            return (code, output.ToString(), error.ToString());
        });

    private static PipelineApp App(string name = "AbalonePipeline") => new() { Pipeline = AbalonePipeline.Create() with { Name = name } };

    [Fact]
    public async Task Upsert_then_start_then_status_against_moto()
    {
        var app = App("verbs-" + Guid.NewGuid().ToString("N")[..8]);
        var endpoint = moto.Endpoint.ToString();
        const string role = "arn:aws:iam::123456789012:role/pipeline";

        var created = await Run(app, ["upsert", "--role-arn", role, "--endpoint-url", endpoint]);
        var updated = await Run(app, ["upsert", "--role-arn", role, "--endpoint-url", endpoint, "--json"]);
        var started = await Run(app, ["start", "--param", "MseThreshold=5", "--display-name", "from-the-cli", "--endpoint-url", endpoint, "--json"]);
        var status = await Run(app, ["status", "--endpoint-url", endpoint, "--json"]);

        Assert.True(created.Code == 0, created.Error);
        Assert.StartsWith($"created  arn:aws:sagemaker:eu-west-1:123456789012:pipeline/{app.Pipeline.Name}", created.Output, StringComparison.Ordinal);
        Assert.False(JsonNode.Parse(updated.Output)!["created"]!.GetValue<bool>());
        Assert.True(started.Code == 0, started.Error);
        var arn = JsonNode.Parse(started.Output)!["executionArn"]!.GetValue<string>();
        Assert.True(status.Code == 0, status.Error);
        var described = JsonNode.Parse(status.Output)!;
        Assert.Equal(arn, described["executionArn"]!.GetValue<string>());
        Assert.Equal("from-the-cli", described["displayName"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_unknown_pipeline_is_the_services_message_and_exit_65()
    {
        var (code, _, error) = await Run(App("never-upserted"), ["start", "--endpoint-url", moto.Endpoint.ToString()]);

        Assert.Equal(ExitCodes.InvalidData, code);
        Assert.Contains("SageMaker refused to start the pipeline never-upserted:", error, StringComparison.Ordinal);
        Assert.Contains("never-upserted", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Registry_cloud_lists_approves_with_a_note_and_shows_against_moto()
    {
        var group = "verbs-models-" + Guid.NewGuid().ToString("N")[..8];
        foreach (var arguments in new[]
        {
            new[] { "create-model-package-group", "--model-package-group-name", group },
            ["create-model-package", "--model-package-group-name", group, "--model-approval-status", "PendingManualApproval"],
        })
        {
            var made = ProcessRunner.Run("aws", ["--endpoint-url", moto.Endpoint.ToString(), "--region", "eu-west-1", "sagemaker", .. arguments],
                environment: new Dictionary<string, string> { ["AWS_ACCESS_KEY_ID"] = "testing", ["AWS_SECRET_ACCESS_KEY"] = "testing" });
            Assert.True(made.ExitCode == 0, made.All);
        }

        var endpoint = moto.Endpoint.ToString();
        var approved = await Run(App(), ["registry", "approve", group, "1", "--note", "beats the baseline", "--cloud", "--endpoint-url", endpoint]);
        var missing = await Run(App(), ["registry", "reject", group, "7", "--cloud", "--endpoint-url", endpoint]);
        var list = await Run(App(), ["registry", "list", "--cloud", "--json", "--endpoint-url", endpoint]);
        var show = await Run(App(), ["registry", "show", group, "1", "--cloud", "--endpoint-url", endpoint]);

        Assert.True(approved.Code == 0, approved.Error);
        Assert.Equal($"{group} version 1 is now Approved in SageMaker.", approved.Output.Trim());
        Assert.Equal(ExitCodes.InvalidData, missing.Code);
        Assert.Contains($"The model package group {group} has no version 7; it has 1.", missing.Error, StringComparison.Ordinal);
        var listed = JsonNode.Parse(list.Output)!.AsArray().Single(p => p!["group"]!.GetValue<string>() == group)!;
        Assert.Equal("Approved", listed["approvalStatus"]!.GetValue<string>());
        var shown = JsonNode.Parse(show.Output)!;
        Assert.Equal("beats the baseline", shown["ApprovalDescription"]!.GetValue<string>());
    }

    [Fact]
    public async Task Start_wait_prints_progress_and_the_step_table_and_names_the_failed_step_with_exit_1()
    {
        using var server = new RecordedSageMaker().Answer(
            "start-pipeline-execution",
            "describe-pipeline-execution-executing", "describe-pipeline-execution-failed",
            "list-pipeline-execution-steps-processing", "list-pipeline-execution-steps-failed-page1", "list-pipeline-execution-steps-failed-page2");

        var (code, output, error) = await Run(App(), ["start", "--wait", "--poll-interval", "0.01", "--endpoint-url", server.Endpoint.ToString()]);

        Assert.Equal(ExitCodes.RunFailed, code);
        Assert.Contains($"Started {Execution}; watching it (Ctrl+C stops the watching, not the execution).", output, StringComparison.Ordinal);
        Assert.Contains("… AbaloneProcess [Processing] executing\n", output, StringComparison.Ordinal);
        Assert.Contains("✓ AbaloneProcess [Processing] succeeded 288.5 s\n", output, StringComparison.Ordinal);
        Assert.Contains("✗ AbaloneTrain [Training] failed 600.5 s\n", output, StringComparison.Ordinal);
        Assert.Matches(@"AbaloneTrain\s*│\s*Training\s*│\s*failed\s*│\s*600\.5 s", output);
        Assert.Contains($"Execution {Execution}: Failed in 905.3 s.", output, StringComparison.Ordinal);
        Assert.Contains("Step AbaloneTrain failed: ClientError: Failed to download data.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_wait_json_ends_with_a_summary_of_every_step_and_exit_0()
    {
        using var server = new RecordedSageMaker().Answer("start-pipeline-execution", "describe-pipeline-execution-succeeded", "list-pipeline-execution-steps-succeeded");

        var (code, output, error) = await Run(App(), ["start", "--wait", "--json", "--poll-interval", "0.01", "--endpoint-url", server.Endpoint.ToString()]);

        Assert.True(code == 0, error);
        var summary = JsonNode.Parse(output)!;
        Assert.Equal("Succeeded", summary["status"]!.GetValue<string>());
        Assert.Equal(["AbaloneProcess", "AbaloneTrain", "AbaloneMSECond", "AbaloneRegisterModel"], summary["steps"]!.AsArray().Select(s => s!["name"]!.GetValue<string>()));
        var train = summary["steps"]![1]!;
        Assert.True(train["cached"]!.GetValue<bool>());
        Assert.Equal("Training", train["type"]!.GetValue<string>());
        Assert.Equal("RegisterModel", summary["steps"]![3]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Steps_and_stop_name_the_execution_given()
    {
        using var server = new RecordedSageMaker().Answer("list-pipeline-execution-steps-succeeded", "stop-pipeline-execution");

        var steps = await Run(App(), ["steps", Execution, "--endpoint-url", server.Endpoint.ToString()]);
        var stop = await Run(App(), ["stop", Execution, "--endpoint-url", server.Endpoint.ToString()]);

        Assert.True(steps.Code == 0, steps.Error);
        Assert.Matches(@"AbaloneTrain\s*│\s*Training\s*│\s*cached", steps.Output);
        Assert.True(stop.Code == 0, stop.Error);
        Assert.Contains($"Stopping {Execution}", stop.Output, StringComparison.Ordinal);
        Assert.All(server.Requests, r => Assert.Equal(Execution, r.Body["PipelineExecutionArn"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Ctrl_c_during_wait_stops_the_watching_and_the_execution_only_when_asked(bool stopOnCancel)
    {
        using var server = new RecordedSageMaker().Answer("start-pipeline-execution", "describe-pipeline-execution-executing", "list-pipeline-execution-steps-processing", "stop-pipeline-execution");
        using var cancel = new CancellationTokenSource();
        string[] args = ["start", "--wait", "--poll-interval", "0.05", "--endpoint-url", server.Endpoint.ToString(), .. stopOnCancel ? new[] { "--stop-on-cancel" } : []];

        // Ctrl+C once the watching has begun (the execution exists and has been described), however slow the machine.
        var run = Run(App(), args, cancel.Token);
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!server.Operations.Contains("DescribePipelineExecution") && !run.IsCompleted && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        await cancel.CancelAsync();
        var (code, _, error) = await run;

        Assert.Equal(ExitCodes.Cancelled, code);
        Assert.Contains("DescribePipelineExecution", server.Operations);
        if (stopOnCancel)
        {
            Assert.Contains($"asked SageMaker to stop {Execution}", error, StringComparison.Ordinal);
            Assert.Equal("StopPipelineExecution", server.Operations[^1]);
        }
        else
        {
            Assert.Contains($"the execution keeps running in SageMaker: {Execution}", error, StringComparison.Ordinal);
            Assert.DoesNotContain("StopPipelineExecution", server.Operations);
        }
    }
}
