using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.Runtime.Internal;

namespace MlPipeline.SageMakerPipelines.Cloud;

/// <summary>
/// <see cref="ISageMakerPipelinesClient"/> on AWSSDK.Core: the SDK's credential chain (environment, profile, web
/// identity, container and instance roles), region and endpoint configuration, retry policy (throttling and 5xx
/// answers are retried with back-off) and SigV4 signing; this type adds only SageMaker's JSON protocol for the calls
/// the project makes.
/// </summary>
public sealed class SageMakerPipelinesClient : AmazonServiceClient, ISageMakerPipelinesClient
{
    /// <summary>A client configured from the environment and the AWS profile, as every AWS SDK client is.</summary>
    public SageMakerPipelinesClient()
        : base(new SageMakerClientConfig())
    {
    }

    /// <summary>A client with this configuration and credentials from the SDK's chain.</summary>
    /// <param name="config">The configuration (region, service URL, retries).</param>
    public SageMakerPipelinesClient(SageMakerClientConfig config)
        : base(config)
    {
    }

    /// <summary>A client with these credentials.</summary>
    /// <param name="credentials">The credentials.</param>
    /// <param name="config">The configuration (region, service URL, retries).</param>
    public SageMakerPipelinesClient(AWSCredentials credentials, SageMakerClientConfig config)
        : base(credentials, config)
    {
    }

    /// <inheritdoc />
    public async Task<string> CreatePipelineAsync(PipelineDeployment deployment, string clientRequestToken, CancellationToken cancellationToken = default)
    {
        var body = CloudJson.ToObject(deployment);
        body["ClientRequestToken"] = clientRequestToken;
        return Text(await CallAsync("CreatePipeline", body, cancellationToken), "PipelineArn");
    }

    /// <inheritdoc />
    public async Task<string> UpdatePipelineAsync(PipelineDeployment deployment, CancellationToken cancellationToken = default) =>
        Text(await CallAsync("UpdatePipeline", CloudJson.ToObject(deployment), cancellationToken), "PipelineArn");

    /// <inheritdoc />
    public async Task<string> StartPipelineExecutionAsync(PipelineExecutionStart start, CancellationToken cancellationToken = default) =>
        Text(await CallAsync("StartPipelineExecution", CloudJson.ToObject(start), cancellationToken), "PipelineExecutionArn");

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ListPipelineExecutionArnsAsync(string pipelineName, int maxResults, CancellationToken cancellationToken = default)
    {
        var body = await CallAsync("ListPipelineExecutions", new JsonObject
        {
            ["PipelineName"] = pipelineName,
            ["SortBy"] = "CreationTime",
            ["SortOrder"] = "Descending",
            ["MaxResults"] = maxResults,
        }, cancellationToken);
        return (body["PipelineExecutionSummaries"] as JsonArray ?? []).Select(s => s?["PipelineExecutionArn"]?.GetValue<string>()).OfType<string>().ToList();
    }

    /// <inheritdoc />
    public async Task<PipelineExecutionDescription> DescribePipelineExecutionAsync(string executionArn, CancellationToken cancellationToken = default) =>
        CloudJson.Read<PipelineExecutionDescription>(
            await CallAsync("DescribePipelineExecution", new JsonObject { ["PipelineExecutionArn"] = executionArn }, cancellationToken), "DescribePipelineExecution");

    /// <inheritdoc />
    public async Task<PipelineExecutionStepPage> ListPipelineExecutionStepsAsync(string executionArn, string? nextToken = null, CancellationToken cancellationToken = default)
    {
        var body = new JsonObject { ["PipelineExecutionArn"] = executionArn };
        if (nextToken is not null)
        {
            body["NextToken"] = nextToken;
        }

        return CloudJson.Read<PipelineExecutionStepPage>(await CallAsync("ListPipelineExecutionSteps", body, cancellationToken), "ListPipelineExecutionSteps");
    }

    /// <inheritdoc />
    public async Task<string> StopPipelineExecutionAsync(string executionArn, string clientRequestToken, CancellationToken cancellationToken = default) =>
        Text(await CallAsync("StopPipelineExecution", new JsonObject { ["PipelineExecutionArn"] = executionArn, ["ClientRequestToken"] = clientRequestToken }, cancellationToken),
            "PipelineExecutionArn");

    /// <inheritdoc />
    public async Task<ModelPackageSummaryPage> ListModelPackagesAsync(string? modelPackageGroupName, string? nextToken = null, CancellationToken cancellationToken = default)
    {
        var body = new JsonObject { ["ModelPackageType"] = "Versioned", ["SortBy"] = "CreationTime", ["SortOrder"] = "Descending" };
        if (modelPackageGroupName is not null)
        {
            body["ModelPackageGroupName"] = modelPackageGroupName;
        }

        if (nextToken is not null)
        {
            body["NextToken"] = nextToken;
        }

        return CloudJson.Read<ModelPackageSummaryPage>(await CallAsync("ListModelPackages", body, cancellationToken), "ListModelPackages");
    }

    /// <inheritdoc />
    public async Task<ModelPackageDescription> DescribeModelPackageAsync(string modelPackageName, CancellationToken cancellationToken = default)
    {
        var body = await CallAsync("DescribeModelPackage", new JsonObject { ["ModelPackageName"] = modelPackageName }, cancellationToken);
        return CloudJson.Read<ModelPackageDescription>(body, "DescribeModelPackage") with { Document = body };
    }

    /// <inheritdoc />
    public async Task<string> UpdateModelPackageApprovalAsync(string modelPackageArn, string approvalStatus, string? approvalDescription, CancellationToken cancellationToken = default)
    {
        var body = new JsonObject { ["ModelPackageArn"] = modelPackageArn, ["ModelApprovalStatus"] = approvalStatus };
        if (approvalDescription is not null)
        {
            body["ApprovalDescription"] = approvalDescription;
        }

        return Text(await CallAsync("UpdateModelPackage", body, cancellationToken), "ModelPackageArn");
    }

    /// <summary>Puts SageMaker's endpoint and its signing scheme in the SDK's request pipeline.</summary>
    /// <param name="pipeline">The pipeline.</param>
    protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        pipeline.RemoveHandler<EndpointResolver>();
        pipeline.AddHandlerAfter<Marshaller>(new SageMakerEndpointResolver());
        pipeline.AddHandlerAfter<Marshaller>(new SageMakerAuthSchemeHandler());
    }

    private async Task<JsonObject> CallAsync(string operation, JsonObject body, CancellationToken cancellationToken)
    {
        var options = new InvokeOptions { RequestMarshaller = JsonOperationMarshaller.Instance, ResponseUnmarshaller = JsonOperationUnmarshaller.Instance };
        var response = await InvokeAsync<JsonOperationResponse>(new JsonOperationRequest(operation, CloudJson.Write(body)), options, cancellationToken).ConfigureAwait(false);
        return response.Body;
    }

    private static string Text(JsonObject body, string member) =>
        body[member]?.GetValue<string>() ?? throw new AmazonUnmarshallingException("", "", $"SageMaker's answer has no {member}.", null);
}
