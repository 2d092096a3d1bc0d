using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using MlPipeline.SageMakerPipelines.Definition;

namespace MlPipeline.SageMakerPipelines.Validation;

public static partial class PipelineValidator
{
    // CreateHyperParameterTuningJob's limits (botocore's service model and the API reference's ParameterRanges):
    // at most 30 ranges in all, at most 30 values in a categorical range.
    private const int MaxTuningRanges = 30;
    private const int MaxCategoricalValues = 30;

    private static readonly string[] TuningStrategies = ["Bayesian", "Random", "Hyperband", "Grid"];
    private static readonly string[] ObjectiveTypes = ["Maximize", "Minimize"];

    /// <summary>
    /// What CreateHyperParameterTuningJob refuses in a tuning step (SMP028). Values that are pipeline expressions are
    /// judged when the run puts its parameter values in (the runner validates again before any step runs).
    /// </summary>
    internal static void CheckTuning(DefinitionStep step, List<ValidationFinding> findings)
    {
        var prefix = $"{step.Path}.Arguments.HyperParameterTuningJobConfig";
        // Without a config there is nothing more to judge; its finding is made already (SMP001).
        if (step.Arguments["HyperParameterTuningJobConfig"] is not JsonObject config)
        {
            return;
        }

        void Refuse(string path, string message) => findings.Add(new(ValidationRules.InvalidTuningJob, message, $"{prefix}{path}"));

        var strategy = Literal(config["Strategy"]);
        if (strategy is not null && !TuningStrategies.Contains(strategy))
        {
            Refuse(".Strategy", $"Strategy '{strategy}' is not one of {string.Join(", ", TuningStrategies)}.");
        }

        var objective = config["HyperParameterTuningJobObjective"] as JsonObject ?? [];
        if (Literal(objective["Type"]) is { } type && !ObjectiveTypes.Contains(type))
        {
            Refuse(".HyperParameterTuningJobObjective.Type", $"The objective Type '{type}' is not Maximize or Minimize.");
        }

        var training = step.Arguments["TrainingJobDefinition"];
        var algorithm = JsonText.Member(training, "AlgorithmSpecification") as JsonObject ?? [];
        var metrics = (algorithm["MetricDefinitions"] as JsonArray ?? []).Select(m => Literal(JsonText.Member(m, "Name"))).OfType<string>().ToList();
        if (Literal(objective["MetricName"]) is { } metric && algorithm.ContainsKey("TrainingImage") && !metrics.Contains(metric))
        {
            Refuse(".HyperParameterTuningJobObjective.MetricName",
                $"The objective metric '{metric}' is not one of the training job's MetricDefinitions ({(metrics.Count == 0 ? "none" : string.Join(", ", metrics))}); "
                + "add a MetricDefinition with that Name and a Regex that reads it from the training log.");
        }

        var ranges = config["ParameterRanges"] as JsonObject ?? [];
        var names = new HashSet<string>(StringComparer.Ordinal);
        var statics = (JsonText.Member(training, "StaticHyperParameters") as JsonObject ?? []).Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        var count = 0;
        foreach (var kind in new[] { "IntegerParameterRanges", "ContinuousParameterRanges", "CategoricalParameterRanges" })
        {
            var list = ranges[kind] as JsonArray ?? [];
            for (var i = 0; i < list.Count; i++)
            {
                count++;
                var path = $".ParameterRanges.{kind}[{i}]";
                var range = list[i] as JsonObject ?? [];
                // A range without a name has its finding already (SMP001); the checks of names pass it by.
                var name = Literal(range["Name"]);
                if (name is not null && !names.Add(name))
                {
                    Refuse(path + ".Name", $"Hyperparameter '{name}' has more than one range; give each hyperparameter one range.");
                }

                if (name is not null && statics.Contains(name))
                {
                    Refuse(path + ".Name", $"Hyperparameter '{name}' is both tuned and in StaticHyperParameters; remove it from StaticHyperParameters.");
                }

                if (kind == "CategoricalParameterRanges")
                {
                    // Missing Values have their finding already (SMP001).
                    if (range["Values"] is JsonArray values && values.Count is 0 or > MaxCategoricalValues)
                    {
                        Refuse(path + ".Values", string.Create(CultureInfo.InvariantCulture,
                            $"Categorical range '{name}' has {values.Count} values; SageMaker takes 1 to {MaxCategoricalValues}."));
                    }

                    continue;
                }

                if (strategy == "Grid")
                {
                    Refuse(path, $"Range '{name}' is not categorical; the Grid strategy takes categorical ranges only (list the values in a CategoricalParameterRange, or use Random).");
                }

                CheckBounds(kind == "IntegerParameterRanges", range, name, path, Refuse);
            }
        }

        if (count > MaxTuningRanges)
        {
            Refuse(".ParameterRanges", string.Create(CultureInfo.InvariantCulture, $"The tuning job has {count} ranges; SageMaker takes at most {MaxTuningRanges} in all."));
        }

        if (count == 0)
        {
            Refuse(".ParameterRanges", "The tuning job has no parameter ranges; give at least one hyperparameter a range.");
        }
    }

    private static void CheckBounds(bool integer, JsonObject range, string? name, string path, Action<string, string> refuse)
    {
        var scaling = Literal(range["ScalingType"]) ?? "Auto";
        string[] scalings = integer ? ["Auto", "Linear", "Logarithmic"] : ["Auto", "Linear", "Logarithmic", "ReverseLogarithmic"];
        if (!scalings.Contains(scaling))
        {
            refuse(path + ".ScalingType", $"Range '{name}' has ScalingType '{scaling}'; {(integer ? "an integer" : "a continuous")} range takes {string.Join(", ", scalings)}.");
        }

        var kind = integer ? "a whole number" : "a number";
        double? Bound(string member)
        {
            var text = Literal(range[member]);
            if (text is null)
            {
                return null;
            }

            var parsed = integer
                ? long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole) ? whole : (double?)null
                : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && double.IsFinite(real) ? real : null;
            if (parsed is null)
            {
                refuse($"{path}.{member}", $"The {member} of range '{name}' is '{text}', not {kind}.");
            }

            return parsed;
        }

        var (min, max) = (Bound("MinValue"), Bound("MaxValue"));
        if (min is null || max is null)
        {
            return;
        }

        if (min > max)
        {
            refuse(path, string.Create(CultureInfo.InvariantCulture, $"Range '{name}' has MinValue {min} above MaxValue {max}; swap them."));
        }
        else if (scaling == "Logarithmic" && min <= 0)
        {
            refuse(path + ".MinValue", string.Create(CultureInfo.InvariantCulture, $"Range '{name}' is Logarithmic, so its values must be above 0; MinValue is {min}."));
        }
        else if (scaling == "ReverseLogarithmic" && !integer && (min < 0 || max >= 1))
        {
            refuse(path, string.Create(CultureInfo.InvariantCulture, $"Range '{name}' is ReverseLogarithmic, so its values must be at least 0 and below 1; it is {min} to {max}."));
        }
    }

    /// <summary>A literal value as text (a string, or a number a run's parameter value put in); null for an expression.</summary>
    private static string? Literal(JsonNode? node) => node switch
    {
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        JsonValue value when value.GetValueKind() == JsonValueKind.Number => value.ToJsonString(),
        _ => null,
    };
}
