namespace MlPipeline.SageMakerPipelines.Tests.Conformance;

/// <summary>tests/unit/sagemaker/workflow/test_conditions.py: every condition kind, as it sits in a condition step.</summary>
internal static partial class ConformanceCases
{
    private static readonly Parameter MyStr = Parameter.String("MyStr");

    private static IEnumerable<(string, Func<Built>)> ConditionCases() =>
    [
        ("test_conditions/test_condition_in", () => ConditionCase(Condition.In(MyStr, "abc", "def"), Took(true, ("MyStr", "def")), MyStr)),
        ("test_conditions/test_left_and_right_primitives", () => ConditionCase(Condition.EqualTo(2, 1), Took(false))),
    ];
}
