using System.Text.Json.Nodes;
using MlPipeline.SageMakerPipelines.Tests.Fixtures;
using MlPipeline.SageMakerPipelines.Validation;

namespace MlPipeline.SageMakerPipelines.Tests.Validation;

/// <summary>
/// What CreateHyperParameterTuningJob refuses (SMP028), on the every-step-kind fixture's tuning step: each finding's
/// exact path and message, and the values at the edge of each limit that SageMaker takes.
/// </summary>
public class TuningValidationTests
{
    private const string Config = "Steps[2].Arguments.IfSteps[0].Arguments.HyperParameterTuningJobConfig";

    private static JsonObject Tuning(JsonObject d) => d["Steps"]![2]!["Arguments"]!["IfSteps"]![0]!["Arguments"]!.AsObject();

    private static JsonObject JobConfig(JsonObject d) => Tuning(d)["HyperParameterTuningJobConfig"]!.AsObject();

    private static JsonObject Ranges(JsonObject d) => JobConfig(d)["ParameterRanges"]!.AsObject();

    private static JsonObject Range(JsonObject d, string kind) => Ranges(d)[kind]![0]!.AsObject();

    private static JsonObject Integer(JsonObject d) => Range(d, "IntegerParameterRanges");

    private static JsonObject Continuous(JsonObject d) => Range(d, "ContinuousParameterRanges");

    private static JsonArray Values(int count) => [.. Enumerable.Range(0, count).Select(i => (JsonNode)$"v{i}")];

    /// <summary>Adds continuous ranges named extra0, extra1, … so the job has <paramref name="total"/> ranges in all (it has 3).</summary>
    private static void RangesInAll(JsonObject d, int total)
    {
        for (var i = 3; i < total; i++)
        {
            Ranges(d)["ContinuousParameterRanges"]!.AsArray().Add(new JsonObject { ["Name"] = $"extra{i}", ["MinValue"] = "0", ["MaxValue"] = "1" });
        }
    }

    private static void SetBounds(JsonObject range, JsonNode? min, JsonNode? max, string? scaling = null)
    {
        range["MinValue"] = min;
        range["MaxValue"] = max;
        if (scaling is not null)
        {
            range["ScalingType"] = scaling;
        }
    }

    private static void ObjectiveAucWithTwoMetrics(JsonObject d)
    {
        JobConfig(d)["HyperParameterTuningJobObjective"]!["MetricName"] = "validation:auc";
        Tuning(d)["TrainingJobDefinition"]!["AlgorithmSpecification"]!["MetricDefinitions"]!.AsArray()
            .Add(new JsonObject { ["Name"] = "train:rmse", ["Regex"] = ".*train-rmse:([-+]?[0-9]*\\.?[0-9]+)" });
    }

    private static IReadOnlyList<ValidationFinding> Validate(Action<JsonObject> change)
    {
        var definition = JsonNode.Parse(EveryStepKindPipeline.Create().ToJson())!.AsObject();
        change(definition);
        return PipelineValidator.Validate(definition.ToJsonString());
    }

    // Each case breaks one limit; the findings (path after the tuning job config, message) are what a user reads.
    private static readonly Dictionary<string, (string[] Findings, Action<JsonObject> Break)> Refused = new()
    {
        ["unknown strategy"] = (
            [".Strategy: Strategy 'Annealing' is not one of Bayesian, Random, Hyperband, Grid."],
            d => JobConfig(d)["Strategy"] = "Annealing"),
        ["unknown objective type"] = (
            [".HyperParameterTuningJobObjective.Type: The objective Type 'Maximise' is not Maximize or Minimize."],
            d => JobConfig(d)["HyperParameterTuningJobObjective"]!["Type"] = "Maximise"),
        ["objective metric the training job does not define"] = (
            [".HyperParameterTuningJobObjective.MetricName: The objective metric 'validation:auc' is not one of the training job's MetricDefinitions (validation:rmse); "
                + "add a MetricDefinition with that Name and a Regex that reads it from the training log."],
            d => JobConfig(d)["HyperParameterTuningJobObjective"]!["MetricName"] = "validation:auc"),
        ["objective metric the training job does not define among two it does"] = (
            [".HyperParameterTuningJobObjective.MetricName: The objective metric 'validation:auc' is not one of the training job's MetricDefinitions (validation:rmse, train:rmse); "
                + "add a MetricDefinition with that Name and a Regex that reads it from the training log."],
            ObjectiveAucWithTwoMetrics),
        ["objective metric of a training job without metric definitions"] = (
            [".HyperParameterTuningJobObjective.MetricName: The objective metric 'validation:rmse' is not one of the training job's MetricDefinitions (none); "
                + "add a MetricDefinition with that Name and a Regex that reads it from the training log."],
            d => Tuning(d)["TrainingJobDefinition"]!["AlgorithmSpecification"]!.AsObject().Remove("MetricDefinitions")),
        ["hyperparameter with two ranges"] = (
            [".ParameterRanges.ContinuousParameterRanges[1].Name: Hyperparameter 'max_depth' has more than one range; give each hyperparameter one range."],
            d => Ranges(d)["ContinuousParameterRanges"]!.AsArray().Add(new JsonObject { ["Name"] = "max_depth", ["MinValue"] = "1", ["MaxValue"] = "2" })),
        ["hyperparameter both tuned and static"] = (
            [".ParameterRanges.CategoricalParameterRanges[0].Name: Hyperparameter 'objective' is both tuned and in StaticHyperParameters; remove it from StaticHyperParameters."],
            d => Range(d, "CategoricalParameterRanges")["Name"] = "objective"),
        ["categorical range without values"] = (
            [".ParameterRanges.CategoricalParameterRanges[0].Values: Categorical range 'booster' has 0 values; SageMaker takes 1 to 30."],
            d => Range(d, "CategoricalParameterRanges")["Values"] = new JsonArray()),
        ["categorical range with 31 values"] = (
            [".ParameterRanges.CategoricalParameterRanges[0].Values: Categorical range 'booster' has 31 values; SageMaker takes 1 to 30."],
            d => Range(d, "CategoricalParameterRanges")["Values"] = Values(31)),
        ["grid over ranges that are not categorical"] = (
            [
                ".ParameterRanges.IntegerParameterRanges[0]: Range 'max_depth' is not categorical; the Grid strategy takes categorical ranges only (list the values in a CategoricalParameterRange, or use Random).",
                ".ParameterRanges.ContinuousParameterRanges[0]: Range 'eta' is not categorical; the Grid strategy takes categorical ranges only (list the values in a CategoricalParameterRange, or use Random).",
            ],
            d => JobConfig(d)["Strategy"] = "Grid"),
        ["reverse logarithmic integer range"] = (
            [".ParameterRanges.IntegerParameterRanges[0].ScalingType: Range 'max_depth' has ScalingType 'ReverseLogarithmic'; an integer range takes Auto, Linear, Logarithmic."],
            d => Integer(d)["ScalingType"] = "ReverseLogarithmic"),
        ["unknown scaling type"] = (
            [".ParameterRanges.ContinuousParameterRanges[0].ScalingType: Range 'eta' has ScalingType 'Exponential'; a continuous range takes Auto, Linear, Logarithmic, ReverseLogarithmic."],
            d => Continuous(d)["ScalingType"] = "Exponential"),
        ["integer bound with a fraction"] = (
            [".ParameterRanges.IntegerParameterRanges[0].MinValue: The MinValue of range 'max_depth' is '1.5', not a whole number."],
            d => Integer(d)["MinValue"] = "1.5"),
        ["continuous bound that is not a number"] = (
            [".ParameterRanges.ContinuousParameterRanges[0].MaxValue: The MaxValue of range 'eta' is 'small', not a number."],
            d => Continuous(d)["MaxValue"] = "small"),
        ["continuous bound that is infinite"] = (
            [".ParameterRanges.ContinuousParameterRanges[0].MaxValue: The MaxValue of range 'eta' is 'Infinity', not a number."],
            d => Continuous(d)["MaxValue"] = "Infinity"),
        ["reversed integer bounds"] = (
            [".ParameterRanges.IntegerParameterRanges[0]: Range 'max_depth' has MinValue 10 above MaxValue 3; swap them."],
            d => SetBounds(Integer(d), "10", "3")),
        ["reversed bounds a run put in as numbers"] = (
            [".ParameterRanges.ContinuousParameterRanges[0]: Range 'eta' has MinValue 0.5 above MaxValue 0.05; swap them."],
            d => SetBounds(Continuous(d), 0.5, 0.05)),
        ["logarithmic range from 0"] = (
            [".ParameterRanges.ContinuousParameterRanges[0].MinValue: Range 'eta' is Logarithmic, so its values must be above 0; MinValue is 0."],
            d => SetBounds(Continuous(d), "0", "0.5", "Logarithmic")),
        ["logarithmic integer range from a negative number"] = (
            [".ParameterRanges.IntegerParameterRanges[0].MinValue: Range 'max_depth' is Logarithmic, so its values must be above 0; MinValue is -1."],
            d => SetBounds(Integer(d), "-1", "10", "Logarithmic")),
        ["reverse logarithmic range up to 1"] = (
            [".ParameterRanges.ContinuousParameterRanges[0]: Range 'eta' is ReverseLogarithmic, so its values must be at least 0 and below 1; it is 0.05 to 1."],
            d => SetBounds(Continuous(d), "0.05", "1", "ReverseLogarithmic")),
        ["reverse logarithmic range from below 0"] = (
            [".ParameterRanges.ContinuousParameterRanges[0]: Range 'eta' is ReverseLogarithmic, so its values must be at least 0 and below 1; it is -0.1 to 0.5."],
            d => SetBounds(Continuous(d), "-0.1", "0.5", "ReverseLogarithmic")),
        ["31 ranges"] = (
            [".ParameterRanges: The tuning job has 31 ranges; SageMaker takes at most 30 in all."],
            d => RangesInAll(d, 31)),
        ["no ranges"] = (
            [".ParameterRanges: The tuning job has no parameter ranges; give at least one hyperparameter a range."],
            d => JobConfig(d)["ParameterRanges"] = new JsonObject()),
    };

    public static TheoryData<string> RefusedNames() => [.. Refused.Keys];

    [Theory]
    [MemberData(nameof(RefusedNames))]
    public void A_tuning_job_SageMaker_refuses_is_reported_at_the_exact_path(string name)
    {
        var (expected, breakIt) = Refused[name];

        var findings = Validate(breakIt);

        Assert.Equal(string.Join("\n", expected.Select(e => $"{Config}{e[..e.IndexOf(": ", StringComparison.Ordinal)]}: SMP028 {e[(e.IndexOf(": ", StringComparison.Ordinal) + 2)..]}")), string.Join("\n", findings));
    }

    // Values at the edge of each limit, and values the validator leaves to the run: SageMaker takes all of them.
    private static readonly Dictionary<string, Action<JsonObject>> Accepted = new()
    {
        ["Random strategy"] = d => JobConfig(d)["Strategy"] = "Random",
        ["Hyperband strategy"] = d => JobConfig(d)["Strategy"] = "Hyperband",
        ["Grid over categorical ranges only"] = d =>
        {
            JobConfig(d)["Strategy"] = "Grid";
            Ranges(d).Remove("IntegerParameterRanges");
            Ranges(d).Remove("ContinuousParameterRanges");
        },
        ["a strategy given by a pipeline parameter"] = d => JobConfig(d)["Strategy"] = new JsonObject { ["Get"] = "Parameters.Region" },
        ["Maximize"] = d => JobConfig(d)["HyperParameterTuningJobObjective"]!["Type"] = "Maximize",
        ["a built-in algorithm's own metric (no training image)"] = d =>
        {
            var algorithm = Tuning(d)["TrainingJobDefinition"]!["AlgorithmSpecification"]!.AsObject();
            algorithm.Remove("TrainingImage");
            algorithm.Remove("MetricDefinitions");
            algorithm["AlgorithmName"] = "my-marketplace-algorithm";
        },
        ["30 categorical values"] = d => Range(d, "CategoricalParameterRanges")["Values"] = Values(30),
        ["one categorical value"] = d => Range(d, "CategoricalParameterRanges")["Values"] = Values(1),
        ["30 ranges in all"] = d => RangesInAll(d, 30),
        ["equal bounds"] = d => SetBounds(Integer(d), "4", "4"),
        ["negative integer bounds"] = d => SetBounds(Integer(d), "-5", "-1", "Linear"),
        ["bounds a run put in as numbers"] = d => SetBounds(Integer(d), 3, 10),
        ["bounds from pipeline parameters"] = d => SetBounds(Integer(d), new JsonObject { ["Get"] = "Parameters.Region" }, "1"),
        ["logarithmic integer range from 1"] = d => SetBounds(Integer(d), "1", "10", "Logarithmic"),
        ["logarithmic range just above 0"] = d => SetBounds(Continuous(d), "0.0001", "0.5", "Logarithmic"),
        ["reverse logarithmic range from 0 to just below 1"] = d => SetBounds(Continuous(d), "0", "0.999", "ReverseLogarithmic"),
    };

    public static TheoryData<string> AcceptedNames() => [.. Accepted.Keys];

    [Theory]
    [MemberData(nameof(AcceptedNames))]
    public void A_tuning_job_SageMaker_takes_has_no_findings(string name)
    {
        Assert.Empty(Validate(Accepted[name]));
    }
}
