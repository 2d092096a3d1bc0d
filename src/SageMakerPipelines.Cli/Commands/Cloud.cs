using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using MlPipeline.SageMakerPipelines.Cloud;
using Spectre.Console;

namespace MlPipeline.SageMakerPipelines.Cli.Commands;

/// <summary>
/// What the cloud verbs share: the SageMaker client (configured as every AWS SDK client is, or at <c>--endpoint-url</c>),
/// the mapping of its errors to exit codes, and the definition's step types for progress lines.
/// </summary>
internal static class Cloud
{
    /// <summary>Where the SDK looks for a region and credentials, for the message when it finds none.</summary>
    public const string WhereAwsIsLookedFor =
        "  The region comes from AWS_REGION (or AWS_DEFAULT_REGION) or the profile's region in ~/.aws/config (AWS_PROFILE picks the profile);"
        + "\n  credentials from AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, the profile in ~/.aws/credentials, AWS_ROLE_ARN with AWS_WEB_IDENTITY_TOKEN_FILE (the CI's OIDC role), or a container or instance role.";

    /// <summary>Errors SageMaker answers when the request names something wrong or missing: the input is at fault.</summary>
    private static readonly HashSet<string> RefusedInput = new(StringComparer.Ordinal)
    {
        "ResourceNotFound", "ValidationException", "ConflictException", "ResourceInUse", "ResourceLimitExceeded",
    };

    /// <summary>Errors AWS answers when the credentials are refused: they are missing or unusable.</summary>
    private static readonly HashSet<string> RefusedCredentials = new(StringComparer.Ordinal)
    {
        "UnrecognizedClientException", "InvalidSignatureException", "ExpiredTokenException", "ExpiredToken", "InvalidClientTokenId",
        "MissingAuthenticationToken", "IncompleteSignature",
    };

    public static Option<string?> EndpointOption() => new("--endpoint-url") { Description = "A SageMaker-compatible endpoint instead of AWS (for tests).", HelpName = "URL" };

    public static Option<bool> JsonOption() => new("--json") { Description = "Print JSON for machines." };

    public static Argument<string?> ExecutionArgument() => new("execution")
    {
        Description = "The execution's ARN (default: the pipeline's newest execution).",
        Arity = ArgumentArity.ZeroOrOne,
    };

    /// <summary>Makes the client and runs <paramref name="call"/>, turning what AWS or the SDK says into a <see cref="CommandException"/>.</summary>
    public static async Task<T> CallAsync<T>(string? endpoint, string what, Func<ISageMakerPipelinesClient, Task<T>> call)
    {
        try
        {
            // The SDK caches the region it found for the process; read it from the environment as it is now.
            Amazon.Runtime.FallbackRegionFactory.Reset();
            var config = new SageMakerClientConfig();
            if (endpoint is not null)
            {
                // The region still comes from the environment: it signs the requests and picks the endpoint's region.
                config.ServiceURL = endpoint;
                config.AuthenticationRegion = Amazon.Runtime.FallbackRegionFactory.GetRegionEndpoint()?.SystemName;
            }

            using var client = new SageMakerPipelinesClient(config);
            return await call(client);
        }
        catch (AmazonServiceException e) when (e.ErrorCode is { } code && RefusedInput.Contains(code))
        {
            throw new CommandException(ExitCodes.InvalidData, $"SageMaker refused to {what}: {code}: {e.Message}", e);
        }
        catch (AmazonServiceException e) when (e.ErrorCode is { } code && (RefusedCredentials.Contains(code) || code.StartsWith("AccessDenied", StringComparison.Ordinal)))
        {
            throw new CommandException(ExitCodes.CannotReadInput, $"AWS refused the credentials to {what}: {code}: {e.Message}\n{WhereAwsIsLookedFor}", e);
        }
        catch (AmazonServiceException e)
        {
            // Throttling the SDK's retries did not outlast, or a service error: the service, not the input.
            throw new CommandException(ExitCodes.InputOutput, $"SageMaker failed to {what}: {(int)e.StatusCode} {e.ErrorCode}: {e.Message}", e);
        }
        catch (Exception e) when (e is HttpRequestException or IOException || e is AmazonClientException { InnerException: HttpRequestException or IOException })
        {
            throw new CommandException(ExitCodes.InputOutput, $"Cannot {what}: SageMaker did not answer: {e.Message}\n  Check the region, the endpoint and the network.", e);
        }
        catch (AmazonClientException e)
        {
            throw new CommandException(ExitCodes.CannotReadInput, $"AWS is not configured to {what}: {e.Message}\n{WhereAwsIsLookedFor}", e);
        }
    }

    /// <summary>The execution the user named, or the pipeline's newest.</summary>
    public static async Task<string> ExecutionAsync(ISageMakerPipelinesClient client, string? given, string pipelineName, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(given))
        {
            return given;
        }

        var newest = await client.ListPipelineExecutionArnsAsync(pipelineName, 1, cancellationToken);
        return newest.Count > 0
            ? newest[0]
            : throw new CommandException(ExitCodes.InvalidData, $"The pipeline {pipelineName} has no executions in SageMaker; `start` starts one.");
    }

    /// <summary>Each step's type (Processing, Training…) by name, from the definition, condition branches included.</summary>
    public static Dictionary<string, string> StepTypes(Pipeline pipeline)
    {
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        Collect(JsonNode.Parse(pipeline.ToJson())!["Steps"] as JsonArray);
        return types;

        void Collect(JsonArray? steps)
        {
            foreach (var step in steps?.OfType<JsonObject>() ?? [])
            {
                types[step["Name"]!.GetValue<string>()] = step["Type"]!.GetValue<string>();
                Collect(step["Arguments"]?["IfSteps"] as JsonArray);
                Collect(step["Arguments"]?["ElseSteps"] as JsonArray);
            }
        }
    }

    /// <summary>The step table a local run prints, from SageMaker's steps.</summary>
    public static void WriteTable(CommandContext context, IReadOnlyList<PipelineExecutionStep> steps, IReadOnlyDictionary<string, string> types)
    {
        var table = new Table().AddColumns("Step", "Type", "Status", "Time");
        foreach (var step in steps)
        {
            table.AddRow(Markup.Escape(step.StepName), Markup.Escape(types.GetValueOrDefault(step.StepName) ?? ""),
                Status(step), Elapsed(step) is { } elapsed ? Seconds(elapsed) : "");
        }

        context.Console.Write(table);
    }

    public static string Seconds(TimeSpan elapsed) => elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";

    public static TimeSpan? Elapsed(PipelineExecutionStep step) => step.StartTime is { } start && step.EndTime is { } end ? end - start : null;

    /// <summary>The status a person reads: as the local runner says it (cached for a step the cache served).</summary>
    public static string Status(PipelineExecutionStep step) =>
        step.StepStatus == "Succeeded" && step.CacheHitResult is not null ? "cached" : (step.StepStatus ?? "unknown").ToLowerInvariant();

    public static JsonObject ToJson(PipelineExecutionStep step, IReadOnlyDictionary<string, string> types) => new()
    {
        ["name"] = step.StepName,
        ["type"] = types.GetValueOrDefault(step.StepName),
        ["status"] = step.StepStatus,
        ["cached"] = step.CacheHitResult is not null,
        ["startTime"] = step.StartTime?.ToString("O", CultureInfo.InvariantCulture),
        ["endTime"] = step.EndTime?.ToString("O", CultureInfo.InvariantCulture),
        ["elapsedSeconds"] = Elapsed(step) is { } elapsed ? Math.Round(elapsed.TotalSeconds, 3) : null,
        ["attempts"] = step.AttemptCount,
        ["failureReason"] = step.FailureReason,
        ["metadata"] = step.Metadata?.DeepClone(),
    };

    public static JsonObject ToJson(PipelineExecutionDescription execution) => new()
    {
        ["pipelineArn"] = execution.PipelineArn,
        ["executionArn"] = execution.PipelineExecutionArn,
        ["displayName"] = execution.DisplayName,
        ["status"] = execution.Status,
        ["failureReason"] = string.IsNullOrEmpty(execution.FailureReason) ? null : execution.FailureReason,
        ["creationTime"] = execution.CreationTime?.ToString("O", CultureInfo.InvariantCulture),
        ["lastModifiedTime"] = execution.LastModifiedTime?.ToString("O", CultureInfo.InvariantCulture),
    };
}
