using System.Text.Json.Nodes;
using MlPipeline.SageMakerPipelines.Local;

namespace MlPipeline.SageMakerPipelines.Tests.Local;

/// <summary>
/// A Condition step's conditions as the local runner evaluates them: every condition kind, each comparison below, at
/// and above its threshold, several conditions in one step. A wrong answer here sends a local run down the wrong branch.
/// </summary>
public class ConditionEvaluatorTests
{
    private static readonly RunValues Values = new(
        new Dictionary<string, JsonNode?>
        {
            ["Threshold"] = 0.5,
            ["Epochs"] = JsonValue.Create(3L),
            ["Region"] = "eu-west-1",
            ["Enabled"] = true,
        },
        new Dictionary<string, string> { ["StartDateTime"] = "2024-05-01T10:00:00Z" });

    private static JsonObject Compare(string type, JsonNode? left, JsonNode? right) =>
        new() { ["Type"] = type, ["LeftValue"] = left, ["RightValue"] = right };

    private static JsonObject Parameter(string name) => new() { ["Get"] = $"Parameters.{name}" };

    private static (bool Outcome, string Explanation) Explain(params JsonObject[] conditions) =>
        ConditionEvaluator.Explain([.. conditions.Select(c => c.DeepClone())], Values, "Check");

    [Theory]
    [InlineData("GreaterThan", 0.4, false)]
    [InlineData("GreaterThan", 0.5, false)]
    [InlineData("GreaterThan", 0.6, true)]
    [InlineData("GreaterThanOrEqualTo", 0.4, false)]
    [InlineData("GreaterThanOrEqualTo", 0.5, true)]
    [InlineData("GreaterThanOrEqualTo", 0.6, true)]
    [InlineData("LessThan", 0.4, true)]
    [InlineData("LessThan", 0.5, false)]
    [InlineData("LessThan", 0.6, false)]
    [InlineData("LessThanOrEqualTo", 0.4, true)]
    [InlineData("LessThanOrEqualTo", 0.5, true)]
    [InlineData("LessThanOrEqualTo", 0.6, false)]
    [InlineData("Equals", 0.4, false)]
    [InlineData("Equals", 0.5, true)]
    [InlineData("Equals", 0.6, false)]
    public void Each_comparison_holds_below_at_and_above_its_threshold(string type, double metric, bool expected)
    {
        var (outcome, _) = Explain(Compare(type, metric, Parameter("Threshold")));

        Assert.Equal(expected, outcome);
    }

    [Theory]
    [InlineData("GreaterThan", ">")]
    [InlineData("GreaterThanOrEqualTo", ">=")]
    [InlineData("LessThan", "<")]
    [InlineData("LessThanOrEqualTo", "<=")]
    [InlineData("Equals", "==")]
    public void The_explanation_shows_the_compared_values_and_the_outcome(string type, string symbol)
    {
        var (outcome, explanation) = Explain(Compare(type, 0.5, Parameter("Threshold")));

        Assert.Equal($"0.5 {symbol} 0.5 is {(outcome ? "true" : "false")}", explanation);
    }

    [Fact]
    public void A_whole_number_parameter_equals_the_same_number_written_as_a_float()
    {
        Assert.True(Explain(Compare("Equals", Parameter("Epochs"), 3.0)).Outcome);
        Assert.True(Explain(Compare("GreaterThan", Parameter("Epochs"), "2.5")).Outcome);
    }

    [Fact]
    public void Equals_compares_text_and_booleans_exactly()
    {
        Assert.True(Explain(Compare("Equals", Parameter("Region"), "eu-west-1")).Outcome);
        Assert.False(Explain(Compare("Equals", Parameter("Region"), "EU-WEST-1")).Outcome);
        Assert.True(Explain(Compare("Equals", Parameter("Enabled"), true)).Outcome);
        Assert.False(Explain(Compare("Equals", Parameter("Enabled"), false)).Outcome);
        Assert.Equal("\"eu-west-1\" == \"eu-west-2\" is false", Explain(Compare("Equals", Parameter("Region"), "eu-west-2")).Explanation);
    }

    [Theory]
    [InlineData("2024-04-30", "GreaterThan", true)]
    [InlineData("2024-05-01T10:00:00Z", "GreaterThanOrEqualTo", true)]
    [InlineData("2024-05-01T10:00:00Z", "GreaterThan", false)]
    [InlineData("2024-05-01T12:00:00+01:00", "LessThan", true)]
    [InlineData("2024-05-02", "LessThan", true)]
    public void The_start_time_compares_with_a_date_as_an_instant(string date, string type, bool expected)
    {
        var start = new JsonObject { ["Get"] = "Execution.StartDateTime" };

        Assert.Equal(expected, Explain(Compare(type, start, date)).Outcome);
    }

    [Fact]
    public void Every_condition_of_a_step_must_hold()
    {
        var holds = Compare("GreaterThan", 0.9, Parameter("Threshold"));
        var fails = Compare("LessThan", 0.9, Parameter("Threshold"));

        Assert.True(Explain(holds, holds).Outcome);
        Assert.False(Explain(holds, fails).Outcome);
        Assert.False(Explain(fails, holds).Outcome);
        Assert.Equal("0.9 > 0.5 is true; 0.9 < 0.5 is false", Explain(holds, fails).Explanation);
    }

    [Fact]
    public void Not_inverts_its_condition()
    {
        var not = new JsonObject { ["Type"] = "Not", ["Condition"] = Compare("GreaterThan", 0.9, Parameter("Threshold")) };
        var notFalse = new JsonObject { ["Type"] = "Not", ["Condition"] = Compare("LessThan", 0.9, Parameter("Threshold")) };

        Assert.Equal((false, "not (0.9 > 0.5) is false"), Explain(not));
        Assert.True(Explain(notFalse).Outcome);
    }

    [Fact]
    public void Or_holds_when_any_of_its_conditions_holds()
    {
        JsonObject Or(params JsonObject[] conditions) => new() { ["Type"] = "Or", ["Conditions"] = new JsonArray([.. conditions.Select(c => c.DeepClone())]) };
        var holds = Compare("GreaterThan", 0.9, Parameter("Threshold"));
        var fails = Compare("LessThan", 0.9, Parameter("Threshold"));

        Assert.True(Explain(Or(fails, holds)).Outcome);
        Assert.True(Explain(Or(holds, fails)).Outcome);
        Assert.False(Explain(Or(fails, fails)).Outcome);
        Assert.Equal("(0.9 < 0.5 or 0.9 > 0.5) is true", Explain(Or(fails, holds)).Explanation);
    }

    [Fact]
    public void In_holds_when_the_query_value_equals_one_of_the_values()
    {
        JsonObject In(JsonNode query, params JsonNode?[] values) =>
            new() { ["Type"] = "In", ["QueryValue"] = query, ["Values"] = new JsonArray(values) };

        Assert.True(Explain(In(Parameter("Region"), "us-east-1", "eu-west-1")).Outcome);
        Assert.False(Explain(In(Parameter("Region"), "us-east-1", "eu-west-2")).Outcome);
        Assert.True(Explain(In(Parameter("Epochs"), 1, 3.0)).Outcome);
        Assert.False(Explain(In(Parameter("Epochs"))).Outcome);
        Assert.Equal("\"eu-west-1\" in [\"us-east-1\", \"eu-west-2\"] is false", Explain(In(Parameter("Region"), "us-east-1", "eu-west-2")).Explanation);
    }

    [Fact]
    public void Equals_between_text_and_a_number_is_false_either_way_round()
    {
        Assert.False(Explain(Compare("Equals", Parameter("Region"), 1)).Outcome);
        Assert.False(Explain(Compare("Equals", 0.5, Parameter("Region"))).Outcome);
        Assert.False(Explain(Compare("Equals", "0.5", Parameter("Threshold"))).Outcome);
    }

    [Theory]
    [InlineData("\"eu-west-1\"", "1", "\"eu-west-1\" and 1")]
    [InlineData("null", "1", "null and 1")]
    [InlineData("1", "null", "1 and null")]
    public void An_order_comparison_of_what_is_no_number_or_date_names_the_values(string left, string right, string shown)
    {
        var error = Assert.Throws<LocalRunException>(() => Explain(Compare("GreaterThan", JsonNode.Parse(left), JsonNode.Parse(right))));

        Assert.Contains($"GreaterThan compares two numbers or two ISO 8601 dates, but got {shown}.", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Between", "condition type 'Between' is unknown.")]
    [InlineData(null, "condition type '' is unknown.")]
    public void An_unknown_condition_type_is_an_error_naming_it(string? type, string message)
    {
        var condition = Compare("Between", 1, 2);
        condition["Type"] = type;

        var error = Assert.Throws<LocalRunException>(() => Explain(condition));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
