using System.Text.Json;
using System.Text.Json.Nodes;
using MlPipeline.SageMakerPipelines.Definition;

namespace MlPipeline.SageMakerPipelines.Validation;

public static partial class PipelineValidator
{
    // The failures SageMaker retries (the definition schema's list) and the step types that take retry policies.
    private static readonly string[] RetryExceptionTypes =
        ["Step.SERVICE_FAULT", "Step.THROTTLING", "SageMaker.JOB_INTERNAL_ERROR", "SageMaker.CAPACITY_ERROR", "SageMaker.RESOURCE_LIMIT", "Emr.RESOURCE_LIMIT"];

    private static readonly string[] RetryableSteps = [.. StepKinds.All.Where(k => k.Retryable).Select(k => k.TypeName)];

    // The bounds the SageMaker Python SDK enforces on a retry policy (sagemaker/workflow/retry.py).
    private const int MaxRetryAttempts = 20;
    private const int MaxRetryExpireAfterMinutes = 14400;

    private static void CheckRetryPolicies(DefinitionStep step, List<ValidationFinding> findings)
    {
        if (step.Node["RetryPolicies"] is not { } node)
        {
            return;
        }

        var path = $"{step.Path}.RetryPolicies";
        if (!step.Descriptor.Retryable || node is not JsonArray policies)
        {
            findings.Add(new(ValidationRules.InvalidRetryPolicy,
                step.Descriptor.Retryable ? "RetryPolicies is a list." : $"A {step.TypeName} step is not retried; retry policies go on {string.Join(", ", RetryableSteps)} steps.", path));
            return;
        }

        for (var i = 0; i < policies.Count; i++)
        {
            if (policies[i] is JsonObject policy)
            {
                CheckRetryPolicy(policy, $"{path}[{i}]", findings);
            }
            else
            {
                findings.Add(new(ValidationRules.InvalidRetryPolicy,
                    $"A retry policy is an object with ExceptionType and MaxAttempts, not {policies[i]?.ToJsonString() ?? "null"}.", $"{path}[{i}]"));
            }
        }
    }

    private static void CheckRetryPolicy(JsonObject policy, string path, List<ValidationFinding> findings)
    {
        var types = policy["ExceptionType"] as JsonArray ?? [];
        if (types.Count == 0 || types.Any(t => !RetryExceptionTypes.Contains(JsonText.Of(t))))
        {
            findings.Add(new(ValidationRules.InvalidRetryPolicy,
                $"ExceptionType is a non-empty list of {string.Join(", ", RetryExceptionTypes)}; it is {policy["ExceptionType"]?.ToJsonString() ?? "missing"}.", $"{path}.ExceptionType"));
        }

        CheckRetryNumber(policy, "IntervalSeconds", 0, int.MaxValue, whole: true, path, findings);
        CheckRetryNumber(policy, "BackoffRate", 0, double.MaxValue, whole: false, path, findings);
        CheckRetryNumber(policy, "MaxAttempts", 1, MaxRetryAttempts, whole: true, path, findings);
        CheckRetryNumber(policy, "ExpireAfterMin", 0, MaxRetryExpireAfterMinutes, whole: true, path, findings);
        if (policy.ContainsKey("MaxAttempts") && policy.ContainsKey("ExpireAfterMin"))
        {
            findings.Add(new(ValidationRules.InvalidRetryPolicy, "A retry policy stops after MaxAttempts or after ExpireAfterMin minutes: give one of them, not both.", path));
        }
    }

    private static void CheckRetryNumber(JsonObject policy, string member, double min, double max, bool whole, string path, List<ValidationFinding> findings)
    {
        if (policy[member] is not { } value)
        {
            return;
        }

        var number = value.GetValueKind() == JsonValueKind.Number ? value.GetValue<double>() : double.NaN;
        if (double.IsNaN(number) || number < min || number > max || (whole && number != Math.Floor(number)))
        {
            findings.Add(new(ValidationRules.InvalidRetryPolicy,
                $"{member} is {(whole ? "a whole number" : "a number")} from {min}{(max < int.MaxValue ? $" to {max}" : " up")}; it is {value.ToJsonString()}.", $"{path}.{member}"));
        }
    }
}
