using System.Text;
using System.Text.Json.Nodes;
using Amazon.Runtime;

namespace MlPipeline.SageMakerPipelines.Cloud;

/// <summary>
/// The Python SDK's core loop on any <see cref="ISageMakerPipelinesClient"/>: <c>UpsertAsync</c> (pipeline.upsert),
/// <c>StartAsync</c> (pipeline.start), <c>WaitAsync</c> (execution.wait with each step's progress), and the listings
/// with every page.
/// </summary>
public static class SageMakerPipelinesClientExtensions
{
    /// <summary>The most bytes of definition CreatePipeline and UpdatePipeline take inline; larger ones go through S3.</summary>
    public const int MaxInlineDefinitionBytes = 1 << 20;

    /// <summary>Creates the pipeline, or updates it when it exists (as the Python SDK's upsert does).</summary>
    /// <param name="client">The client.</param>
    /// <param name="pipeline">The pipeline; its definition goes inline unless <paramref name="definitionLocation"/> is given.</param>
    /// <param name="roleArn">The role SageMaker runs the pipeline as.</param>
    /// <param name="definitionLocation">Where the same definition lies in S3 (required above <see cref="MaxInlineDefinitionBytes"/>).</param>
    /// <param name="cancellationToken">Stops the calls.</param>
    /// <exception cref="ArgumentException">The definition is too large to go inline and no S3 location is given.</exception>
    public static Task<PipelineUpsertResult> UpsertAsync(
        this ISageMakerPipelinesClient client, Pipeline pipeline, string roleArn, PipelineDefinitionS3Location? definitionLocation = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        var definition = definitionLocation is null ? pipeline.ToJson() : null;
        if (definition is not null && Encoding.UTF8.GetByteCount(definition) > MaxInlineDefinitionBytes)
        {
            throw new ArgumentException(
                $"The definition of {pipeline.Name} is {Encoding.UTF8.GetByteCount(definition) / 1024} KB, more than the {MaxInlineDefinitionBytes / 1024} KB SageMaker takes inline; publish it to S3 and give its location.",
                nameof(definitionLocation));
        }

        return client.UpsertAsync(new PipelineDeployment
        {
            PipelineName = pipeline.Name,
            RoleArn = roleArn,
            PipelineDefinition = definition,
            PipelineDefinitionS3Location = definitionLocation,
            PipelineDescription = pipeline.Description,
        }, cancellationToken);
    }

    /// <summary>Creates the pipeline, or updates it when SageMaker says it already exists.</summary>
    /// <param name="client">The client.</param>
    /// <param name="deployment">The pipeline's name, role and definition.</param>
    /// <param name="cancellationToken">Stops the calls.</param>
    public static async Task<PipelineUpsertResult> UpsertAsync(this ISageMakerPipelinesClient client, PipelineDeployment deployment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        try
        {
            return new PipelineUpsertResult(await client.CreatePipelineAsync(deployment, Guid.NewGuid().ToString("N"), cancellationToken).ConfigureAwait(false), Created: true);
        }
        catch (AmazonServiceException e) when (AlreadyExists(e))
        {
            return new PipelineUpsertResult(await client.UpdatePipelineAsync(deployment, cancellationToken).ConfigureAwait(false), Created: false);
        }
    }

    /// <summary>Starts an execution of the pipeline, with parameter values checked against its declared parameters first.</summary>
    /// <param name="client">The client.</param>
    /// <param name="pipeline">The pipeline (as deployed).</param>
    /// <param name="parameters">Values that differ from the defaults, as text; null for none.</param>
    /// <param name="displayName">The execution's display name, or null.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>The execution's ARN.</returns>
    /// <exception cref="ArgumentException">A parameter is unknown, of the wrong type or not allowed, or one without default is missing.</exception>
    public static Task<string> StartAsync(
        this ISageMakerPipelinesClient client, Pipeline pipeline, IReadOnlyDictionary<string, string>? parameters = null, string? displayName = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(pipeline);
        parameters ??= new Dictionary<string, string>();
        ParameterValues.Resolve(JsonNode.Parse(pipeline.ToJson())!["Parameters"] as JsonArray ?? [], parameters);
        return client.StartPipelineExecutionAsync(new PipelineExecutionStart { PipelineName = pipeline.Name, Parameters = parameters, DisplayName = displayName }, cancellationToken);
    }

    /// <summary>
    /// Watches an execution until it ends: DescribePipelineExecution and every page of ListPipelineExecutionSteps,
    /// polled with back-off (the interval doubles up to a minute while nothing changes), each step reported when its
    /// status changes. Cancelling stops the watching, never the execution.
    /// </summary>
    /// <param name="client">The client.</param>
    /// <param name="executionArn">The execution.</param>
    /// <param name="progress">Gets each step when it first appears and when its status changes.</param>
    /// <param name="pollInterval">The first interval between polls (10 s by default).</param>
    /// <param name="cancellationToken">Stops watching.</param>
    /// <returns>The execution's last description and its steps.</returns>
    public static async Task<PipelineExecutionResult> WaitAsync(
        this ISageMakerPipelinesClient client, string executionArn, IProgress<PipelineExecutionStep>? progress = null, TimeSpan? pollInterval = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var first = pollInterval ?? TimeSpan.FromSeconds(10);
        var longest = first > TimeSpan.FromMinutes(1) ? first : TimeSpan.FromMinutes(1);
        var delay = first;
        var seen = new Dictionary<string, string?>(StringComparer.Ordinal);
        while (true)
        {
            var execution = await client.DescribePipelineExecutionAsync(executionArn, cancellationToken).ConfigureAwait(false);
            var steps = await client.ListStepsAsync(executionArn, cancellationToken).ConfigureAwait(false);
            var changed = false;
            foreach (var step in steps)
            {
                if (!seen.TryGetValue(step.StepName, out var status) || status != step.StepStatus)
                {
                    seen[step.StepName] = step.StepStatus;
                    progress?.Report(step);
                    changed = true;
                }
            }

            if (execution.IsFinished)
            {
                return new PipelineExecutionResult(execution, steps);
            }

            delay = changed ? first : TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, longest.Ticks));
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Every step of an execution (all pages), in the order they started.</summary>
    /// <param name="client">The client.</param>
    /// <param name="executionArn">The execution.</param>
    /// <param name="cancellationToken">Stops the calls.</param>
    public static async Task<IReadOnlyList<PipelineExecutionStep>> ListStepsAsync(this ISageMakerPipelinesClient client, string executionArn, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var steps = new List<PipelineExecutionStep>();
        string? token = null;
        do
        {
            var page = await client.ListPipelineExecutionStepsAsync(executionArn, token, cancellationToken).ConfigureAwait(false);
            steps.AddRange(page.Steps);
            token = string.IsNullOrEmpty(page.NextToken) ? null : page.NextToken;
        }
        while (token is not null);

        // SageMaker lists the newest first; a step not started yet goes last.
        return steps.Select((step, index) => (step, index))
            .OrderBy(s => s.step.StartTime ?? DateTimeOffset.MaxValue).ThenByDescending(s => s.index)
            .Select(s => s.step).ToList();
    }

    /// <summary>Every version in a model package group (all pages), newest first.</summary>
    /// <param name="client">The client.</param>
    /// <param name="modelPackageGroupName">The group; null for every group.</param>
    /// <param name="cancellationToken">Stops the calls.</param>
    public static async Task<IReadOnlyList<ModelPackageSummary>> ListAllModelPackagesAsync(
        this ISageMakerPipelinesClient client, string? modelPackageGroupName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var packages = new List<ModelPackageSummary>();
        string? token = null;
        do
        {
            var page = await client.ListModelPackagesAsync(modelPackageGroupName, token, cancellationToken).ConfigureAwait(false);
            packages.AddRange(page.ModelPackages);
            token = string.IsNullOrEmpty(page.NextToken) ? null : page.NextToken;
        }
        while (token is not null);

        return packages;
    }

    private static bool AlreadyExists(AmazonServiceException e) =>
        e.ErrorCode == "ResourceInUse" || (e.ErrorCode == "ValidationException" && e.Message.Contains("already exists", StringComparison.OrdinalIgnoreCase));
}
