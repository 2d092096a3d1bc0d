namespace MlPipeline.SageMakerPipelines.Cloud;

/// <summary>
/// The SageMaker API calls this project makes, and no more. <see cref="SageMakerPipelinesClient"/> makes them on
/// AWSSDK.Core alone; where AWSSDK.SageMaker is available an adapter over <c>IAmazonSageMaker</c> can stand in.
/// A call the service refuses throws <see cref="Amazon.Runtime.AmazonServiceException"/> with the service's error code
/// (such as ValidationException or ResourceNotFound) and message; missing credentials or region throw
/// <see cref="Amazon.Runtime.AmazonClientException"/>. The higher-level calls are in <see cref="SageMakerPipelinesClientExtensions"/>.
/// </summary>
public interface ISageMakerPipelinesClient
{
    /// <summary>CreatePipeline.</summary>
    /// <param name="deployment">The pipeline.</param>
    /// <param name="clientRequestToken">The idempotency token.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>The pipeline's ARN.</returns>
    Task<string> CreatePipelineAsync(PipelineDeployment deployment, string clientRequestToken, CancellationToken cancellationToken = default);

    /// <summary>UpdatePipeline.</summary>
    /// <param name="deployment">The pipeline.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>The pipeline's ARN.</returns>
    Task<string> UpdatePipelineAsync(PipelineDeployment deployment, CancellationToken cancellationToken = default);

    /// <summary>StartPipelineExecution.</summary>
    /// <param name="start">The pipeline, parameters, display name and token.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>The execution's ARN.</returns>
    Task<string> StartPipelineExecutionAsync(PipelineExecutionStart start, CancellationToken cancellationToken = default);

    /// <summary>ListPipelineExecutions, newest first: the executions' ARNs.</summary>
    /// <param name="pipelineName">The pipeline.</param>
    /// <param name="maxResults">The most to list (1 to 100).</param>
    /// <param name="cancellationToken">Stops the call.</param>
    Task<IReadOnlyList<string>> ListPipelineExecutionArnsAsync(string pipelineName, int maxResults, CancellationToken cancellationToken = default);

    /// <summary>DescribePipelineExecution.</summary>
    /// <param name="executionArn">The execution.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    Task<PipelineExecutionDescription> DescribePipelineExecutionAsync(string executionArn, CancellationToken cancellationToken = default);

    /// <summary>ListPipelineExecutionSteps, one page.</summary>
    /// <param name="executionArn">The execution.</param>
    /// <param name="nextToken">The page's token; null for the first.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    Task<PipelineExecutionStepPage> ListPipelineExecutionStepsAsync(string executionArn, string? nextToken = null, CancellationToken cancellationToken = default);

    /// <summary>StopPipelineExecution.</summary>
    /// <param name="executionArn">The execution.</param>
    /// <param name="clientRequestToken">The idempotency token.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>The execution's ARN.</returns>
    Task<string> StopPipelineExecutionAsync(string executionArn, string clientRequestToken, CancellationToken cancellationToken = default);

    /// <summary>ListModelPackages (versioned packages, newest first), one page.</summary>
    /// <param name="modelPackageGroupName">The group; null for every group.</param>
    /// <param name="nextToken">The page's token; null for the first.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    Task<ModelPackageSummaryPage> ListModelPackagesAsync(string? modelPackageGroupName, string? nextToken = null, CancellationToken cancellationToken = default);

    /// <summary>DescribeModelPackage.</summary>
    /// <param name="modelPackageName">The version's ARN (or an unversioned package's name).</param>
    /// <param name="cancellationToken">Stops the call.</param>
    Task<ModelPackageDescription> DescribeModelPackageAsync(string modelPackageName, CancellationToken cancellationToken = default);

    /// <summary>UpdateModelPackage with an approval status and its reason.</summary>
    /// <param name="modelPackageArn">The version's ARN.</param>
    /// <param name="approvalStatus">Approved, Rejected or PendingManualApproval.</param>
    /// <param name="approvalDescription">Why, or null.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>The version's ARN.</returns>
    Task<string> UpdateModelPackageApprovalAsync(string modelPackageArn, string approvalStatus, string? approvalDescription, CancellationToken cancellationToken = default);
}
