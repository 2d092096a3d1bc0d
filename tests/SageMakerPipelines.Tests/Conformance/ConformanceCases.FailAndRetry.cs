using System.Text.Json.Nodes;

namespace MlPipeline.SageMakerPipelines.Tests.Conformance;

/// <summary>tests/unit/sagemaker/workflow/test_fail_step.py and test_retry.py: fail steps and retry policies.</summary>
internal static partial class ConformanceCases
{
    private static IEnumerable<(string, Func<Built>)> FailStepCases() =>
    [
        ("test_fail_step/test_fail_step", () => new(
            Pipeline([Stub.Processing("TestStep"), Stub.Processing("SecondTestStep"),
                new FailStep { Name = "MyFailStep", DependsOn = ["TestStep", "SecondTestStep"], ErrorMessage = "Test error message" }]),
            "Steps[2]")
        {
            Run = new RunCheck { Steps = ["TestStep:Succeeded", "SecondTestStep:Succeeded", "MyFailStep:Failed"], FailureContains = "Test error message" },
        }),
        ("test_fail_step/test_fail_step_with_no_error_message", () => new(
            Pipeline([Stub.Processing("TestStep"), Stub.Processing("SecondTestStep"), new FailStep { Name = "MyFailStep", DependsOn = ["TestStep", "SecondTestStep"] }]),
            "Steps[2]")
        {
            Run = new RunCheck { Steps = ["TestStep:Succeeded", "SecondTestStep:Succeeded", "MyFailStep:Failed"], FailureContains = "the pipeline failed on purpose" },
        }),
        ("test_fail_step/test_fail_step_with_join_fn_in_error_message", () =>
        {
            var myInt = Parameter.Integer("MyInt", 2);
            var condition = new ConditionStep { Name = "CondStep", Conditions = [Condition.EqualTo(myInt, 1)] };
            var fail = new FailStep { Name = "FailStep", ErrorMessage = Functions.Join(": ", "Failed due to xxx == yyy returns", condition.Outcome) };
            return new(Pipeline([condition, fail], myInt), "Steps")
            {
                Run = new RunCheck { Steps = ["CondStep:Succeeded", "FailStep:Failed"], FailureContains = "Failed due to xxx == yyy returns: false" },
            };
        }),
    ];

    private static IEnumerable<(string, Func<string>)> FailStepRejections() =>
    [
        ("test_fail_step/test_fail_step_with_properties_ref", () =>
        {
            var fail = new FailStep { Name = "MyFailStep", ErrorMessage = "Test error message" };
            Assert.Throws<ArgumentException>(() => fail.Property("ErrorMessage"));
            var definition = JsonNode.Parse(Pipeline([fail, Stub.Probe("placeholder")]).ToJson())!;
            definition["Steps"]![1]!["Arguments"]!["AppSpecification"]!["ContainerArguments"]![Stub.ProbeArgument] = new JsonObject { ["Get"] = "Steps.MyFailStep.ErrorMessage" };
            return definition.ToJsonString();
        }),
    ];

    private static IEnumerable<(string, Func<Built>)> RetryCases() =>
    [
        ("test_retry/test_valid_step_retry_policy__max_attempts", () => RetryCase(new RetryPolicy
        {
            ExceptionType = ["Step.SERVICE_FAULT", "Step.THROTTLING"], IntervalSeconds = 5, BackoffRate = 2.0, MaxAttempts = 3,
        })),
        ("test_retry/test_valid_step_retry_policy__expire_after", () => RetryCase(new RetryPolicy
        {
            ExceptionType = ["Step.SERVICE_FAULT", "Step.THROTTLING"], IntervalSeconds = 5, BackoffRate = 2.0, ExpireAfterMin = 30,
        })),
        ("test_retry/test_valid_sagemaker_job_step_retry_policy", () => RetryCase(new RetryPolicy
        {
            ExceptionType = ["SageMaker.RESOURCE_LIMIT", "SageMaker.JOB_INTERNAL_ERROR", "SageMaker.CAPACITY_ERROR"], IntervalSeconds = 5, BackoffRate = 2.0, MaxAttempts = 3,
        })),
    ];

    private static IEnumerable<(string, Func<string>)> RetryRejections() =>
    [
        ("test_retry/test_invalid_retry_policy__negative_interval", () => RetryRejection(-5, 2.0, 3, null)),
        ("test_retry/test_invalid_retry_policy__negative_backoff", () => RetryRejection(5, -2.0, 3, null)),
        ("test_retry/test_invalid_retry_policy__negative_max_attempts", () => RetryRejection(5, 2.0, -3, null)),
        ("test_retry/test_invalid_retry_policy__max_attempts_over_20", () => RetryRejection(5, 2.0, 21, null)),
        ("test_retry/test_invalid_retry_policy__negative_expire_after", () => RetryRejection(5, 2.0, null, -1)),
        ("test_retry/test_invalid_retry_policy__expire_after_over_14400", () => RetryRejection(5, 2.0, null, 14401)),
        ("test_retry/test_invalid_retry_policy__max_attempts_and_expire_after", () => RetryRejection(5, 2.0, 10, 30)),
    ];

    /// <summary>The SDK test's retry policy (with a valid exception type, which its base class has none of) on a stub step.</summary>
    private static string RetryRejection(int interval, double backoff, int? maxAttempts, int? expireAfter)
    {
        var policy = new RetryPolicy { ExceptionType = ["Step.THROTTLING"], IntervalSeconds = interval, BackoffRate = backoff, MaxAttempts = maxAttempts, ExpireAfterMin = expireAfter };
        return RetryCase(policy).Pipeline.ToJson();
    }

    /// <summary>A processing step with <paramref name="policy"/>; the local runner runs it once (it does not retry).</summary>
    private static Built RetryCase(RetryPolicy policy) =>
        new(Pipeline([Stub.Processing("MyStep") with { RetryPolicies = [policy] }]), "Steps[0].RetryPolicies[0]")
        {
            Run = new RunCheck { Steps = ["MyStep:Succeeded"] },
        };
}
