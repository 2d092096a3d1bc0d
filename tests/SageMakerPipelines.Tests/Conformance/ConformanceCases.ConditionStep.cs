namespace MlPipeline.SageMakerPipelines.Tests.Conformance;

/// <summary>tests/unit/sagemaker/workflow/test_condition_step.py: condition steps, their branches, Outcome and a whole definition.</summary>
internal static partial class ConformanceCases
{
    private static IEnumerable<(string, Func<Built>)> ConditionStepCases() =>
    [
        ("test_condition_step/test_condition_step__request", () => new(
            Pipeline([Stub.Processing("TestStep"), Stub.Processing("SecondTestStep"), MyConditionStep(Condition.EqualTo(MyInt, 1)) with { DependsOn = ["TestStep", "SecondTestStep"] }], MyInt),
            "Steps[2]")
        {
            Run = new RunCheck
            {
                Parameters = new Dictionary<string, string> { ["MyInt"] = "1" },
                Steps = ["TestStep:Succeeded", "SecondTestStep:Succeeded", "MyConditionStep:Succeeded", "MyStep1:Succeeded", "MyStep2:Skipped"],
            },
        }),
        ("test_condition_step/test_condition_step__outcome", () =>
        {
            var condition = MyConditionStep(Condition.EqualTo(MyInt, 1));
            var check = new ConditionStep { Name = "CheckOutcome", Conditions = [Condition.EqualTo(condition.Outcome, true)], IfSteps = [Stub.Processing("OutcomeHeld")] };
            return new(Pipeline([condition, check], MyInt), "Steps[1].Arguments.Conditions[0].LeftValue")
            {
                Run = new RunCheck
                {
                    Parameters = new Dictionary<string, string> { ["MyInt"] = "1" },
                    Steps = ["MyConditionStep:Succeeded", "MyStep1:Succeeded", "MyStep2:Skipped", "CheckOutcome:Succeeded", "OutcomeHeld:Succeeded"],
                },
            };
        }),
        ("test_condition_step/test_pipeline_condition_step_interpolated", () =>
        {
            var first = Parameter.Integer("MyInt1");
            var second = Parameter.Integer("MyInt2");
            var myStep0 = Stub.Training("MyStep0");
            var equal = Condition.EqualTo(first, second);
            var greater = Condition.GreaterThan(ExecutionVariables.StartDateTime, "2020-12-01");
            var isIn = Condition.In(MyStr, "abc", "def");
            var step = MyConditionStep(
                equal,
                greater,
                Condition.GreaterThanOrEqualTo(ExecutionVariables.StartDateTime, MyStr),
                Condition.LessThan(ExecutionVariables.StartDateTime, "2020-12-01"),
                Condition.LessThanOrEqualTo(ExecutionVariables.StartDateTime, MyStr),
                isIn,
                Condition.In(MyStr, "abc", myStep0.Property("TrainingJobName"), ExecutionVariables.StartDateTime),
                Condition.Not(equal),
                Condition.Not(isIn),
                Condition.Or(greater, isIn));
            return new(Pipeline([step, myStep0], first, second, MyStr))
            {
                Run = new RunCheck
                {
                    Parameters = new Dictionary<string, string> { ["MyInt1"] = "1", ["MyInt2"] = "1", ["MyStr"] = "2020-01-01" },
                    Steps = ["MyConditionStep:Succeeded", "MyStep1:Skipped", "MyStep2:Succeeded", "MyStep0:Succeeded"],
                },
            };
        }),
        ("test_condition_step/test_condition_step_with_delayed_return", () => DelayedReturnCase("Result")),
        ("test_condition_step/test_condition_step_with_delayed_return_sequence_return", () => DelayedReturnCase("Result[1]")),
    ];

    /// <summary>
    /// The SDK's @step function step_name returns a value the condition reads from its results.json; ours is a training
    /// step of that name, the JsonGet reading the same S3 URI.
    /// </summary>
    private static Built DelayedReturnCase(string path)
    {
        var function = Stub.Training("step_name");
        var read = Functions.JsonGet(Functions.Join("/", function.Property("OutputDataConfig.S3OutputPath"), "results.json"), path);
        return new(Pipeline([function, MyConditionStep(Condition.GreaterThan(read, 1)) with { DependsOn = [function.Name] }]), "Steps[1].Arguments.Conditions[0]")
        {
            NotRunnable = "An @step function's results.json is written by SageMaker's remote-function driver, which local runs do not have.",
        };
    }

    /// <summary>The SDK tests' condition step: MyStep1 if the conditions hold, MyStep2 otherwise.</summary>
    private static ConditionStep MyConditionStep(params Condition[] conditions) => new()
    {
        Name = "MyConditionStep",
        Conditions = conditions,
        IfSteps = [Stub.Training("MyStep1")],
        ElseSteps = [Stub.Training("MyStep2")],
    };
}
