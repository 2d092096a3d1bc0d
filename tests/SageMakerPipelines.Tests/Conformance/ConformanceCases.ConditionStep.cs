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
    ];

    /// <summary>The SDK tests' condition step: MyStep1 if the conditions hold, MyStep2 otherwise.</summary>
    private static ConditionStep MyConditionStep(params Condition[] conditions) => new()
    {
        Name = "MyConditionStep",
        Conditions = conditions,
        IfSteps = [Stub.Training("MyStep1")],
        ElseSteps = [Stub.Training("MyStep2")],
    };
}
