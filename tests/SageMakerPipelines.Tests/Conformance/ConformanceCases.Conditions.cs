using System.Text.Json.Nodes;

namespace MlPipeline.SageMakerPipelines.Tests.Conformance;

/// <summary>tests/unit/sagemaker/workflow/test_conditions.py: every condition kind, as it sits in a condition step.</summary>
internal static partial class ConformanceCases
{
    private static readonly Parameter<long> MyInt = Parameter.Integer("MyInt");
    private static readonly Parameter<string> MyStr = Parameter.String("MyStr");
    private static readonly Parameter<string> StartDateTime = Parameter.String("StartDateTime");

    private static IEnumerable<(string, Func<Built>)> ConditionCases() =>
    [
        ("test_conditions/test_condition_equals", () => ConditionCase(Condition.EqualTo(MyInt, 1), Took(true, ("MyInt", "1")), MyInt)),
        ("test_conditions/test_condition_equals_parameter", () =>
        {
            var first = Parameter.Integer("MyInt1");
            var second = Parameter.Integer("MyInt2");
            return ConditionCase(Condition.EqualTo(first, second), Took(false, ("MyInt1", "1"), ("MyInt2", "2")), first, second);
        }),
        ("test_conditions/test_condition_greater_than", () =>
            ConditionCase(Condition.GreaterThan(ExecutionVariables.StartDateTime, "2020-12-01"), Took(true))),
        ("test_conditions/test_condition_greater_than_or_equal_to", () =>
            ConditionCase(Condition.GreaterThanOrEqualTo(ExecutionVariables.StartDateTime, StartDateTime), Took(true, ("StartDateTime", "2020-12-01")), StartDateTime)),
        ("test_conditions/test_condition_less_than", () =>
            ConditionCase(Condition.LessThan(ExecutionVariables.StartDateTime, "2020-12-01"), Took(false))),
        ("test_conditions/test_condition_less_than_or_equal_to", () =>
            ConditionCase(Condition.LessThanOrEqualTo(ExecutionVariables.StartDateTime, StartDateTime), Took(true, ("StartDateTime", "2999-01-01")), StartDateTime)),
        ("test_conditions/test_condition_in", () => ConditionCase(Condition.In(MyStr, "abc", "def"), Took(true, ("MyStr", "def")), MyStr)),
        ("test_conditions/test_condition_not", () =>
            ConditionCase(Condition.Not(Condition.EqualTo(MyStr, "foo")), Took(true, ("MyStr", "bar")), MyStr)),
        ("test_conditions/test_condition_not_in", () =>
            ConditionCase(Condition.Not(Condition.In(MyStr, "abc", "def")), Took(false, ("MyStr", "abc")), MyStr)),
        ("test_conditions/test_condition_or", () =>
            ConditionCase(
                Condition.Or(Condition.GreaterThan(ExecutionVariables.StartDateTime, "2020-12-01"), Condition.In(MyStr, "abc", "def")),
                Took(true, ("MyStr", "xyz")),
                MyStr)),
        ("test_conditions/test_left_and_right_primitives", () => ConditionCase(Condition.EqualTo(2, 1), Took(false))),
    ];

    private static IEnumerable<(string, Func<string>)> ConditionRejections() =>
    [
        ("test_conditions/test_condition_not__expression_key", () =>
        {
            var definition = JsonNode.Parse(ConditionCase(Condition.Not(Condition.EqualTo(MyStr, "foo")), Took(true), MyStr).Pipeline.ToJson())!;
            var not = definition["Steps"]![0]!["Arguments"]!["Conditions"]![0]!.AsObject();
            not["Expression"] = not["Condition"]!.DeepClone();
            not.Remove("Condition");
            return definition.ToJsonString();
        }),
    ];
}
