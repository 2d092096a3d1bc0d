using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace MlPipeline.SageMakerPipelines.Local;

/// <summary>
/// The hyperparameter values a local Tuning step trains with, from the evaluated HyperParameterTuningJobConfig (the
/// ranges as CreateHyperParameterTuningJob takes them; the validator has refused ranges SageMaker refuses).
/// <list type="bullet">
/// <item><b>Grid</b>: every combination of the categorical values (SageMaker's grid takes categorical ranges only),
/// ranges in the definition's order, the last range varying fastest, each range's values in its own order; at most
/// MaxNumberOfTrainingJobs of them when that is given.</item>
/// <item><b>Random</b>: MaxNumberOfTrainingJobs draws; per draw, integer ranges, then continuous, then categorical, each
/// list in the definition's order. Linear (and Auto) draws uniformly, Logarithmic uniformly in log space,
/// ReverseLogarithmic uniformly in log(1 - value). The generator is <see cref="Random"/> seeded with the config's
/// RandomSeed, or, without one, with the first four bytes of the SHA-256 of the evaluated config's JSON less its
/// ResourceLimits: the same definition with the same parameter values gives the same candidates on every machine,
/// however many jobs run at once, and more jobs add draws after the same first ones.</item>
/// <item><b>Bayesian</b> and <b>Hyperband</b> need SageMaker's own optimizer: they run as Random here, with a warning.</item>
/// </list>
/// </summary>
internal static class TuningCandidates
{
    /// <summary>What to train: the candidates in order, how many at once, the seed, and how the run differs from SageMaker.</summary>
    public sealed record Plan(string Strategy, IReadOnlyList<IReadOnlyDictionary<string, string>> Candidates, int MaxParallel, int? Seed, string? Warning);

    /// <summary>The config as the seed sees it: how many jobs, how many at once and for how long change no candidate.</summary>
    private static JsonObject WithoutLimits(JsonObject config)
    {
        var copy = (JsonObject)config.DeepClone();
        copy.Remove("ResourceLimits");
        return copy;
    }

    public static Plan Make(JsonObject config)
    {
        var strategy = RunValues.Text(config["Strategy"]);
        var limits = config["ResourceLimits"] as JsonObject ?? [];
        var maxJobs = Count(limits["MaxNumberOfTrainingJobs"]);
        var maxParallel = Count(limits["MaxParallelTrainingJobs"]) ?? 1;
        var ranges = config["ParameterRanges"] as JsonObject ?? [];
        if (strategy == "Grid")
        {
            var grid = Grid(Items(ranges, "CategoricalParameterRanges")
                .Select(r => (Name: RunValues.Text(r["Name"]), Values: (r["Values"] as JsonArray ?? []).Select(RunValues.Text).ToList())).ToList());
            var candidates = maxJobs is { } cap ? grid.Take(cap).ToList() : grid;
            return new Plan(strategy, candidates, Math.Max(1, maxParallel), null, null);
        }

        var seed = config["RandomSeed"] is JsonValue given && given.TryGetValue<long>(out var number)
            ? unchecked((int)number)
            : BitConverter.ToInt32(SHA256.HashData(Encoding.UTF8.GetBytes(WithoutLimits(config).ToJsonString())), 0) & int.MaxValue;
        var random = new Random(seed);
        var draws = new List<IReadOnlyDictionary<string, string>>();
        for (var i = 0; i < (maxJobs ?? 1); i++)
        {
            var candidate = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var range in Items(ranges, "IntegerParameterRanges"))
            {
                var (min, max) = (long.Parse(RunValues.Text(range["MinValue"]), CultureInfo.InvariantCulture), long.Parse(RunValues.Text(range["MaxValue"]), CultureInfo.InvariantCulture));
                var value = Scaling(range) == "Logarithmic"
                    ? (long)Math.Round(Math.Exp(Uniform(random, Math.Log(min), Math.Log(max))))
                    : random.NextInt64(min, max + 1);
                candidate[RunValues.Text(range["Name"])] = Math.Clamp(value, min, max).ToString(CultureInfo.InvariantCulture);
            }

            foreach (var range in Items(ranges, "ContinuousParameterRanges"))
            {
                var (min, max) = (Number(range["MinValue"]), Number(range["MaxValue"]));
                var value = Scaling(range) switch
                {
                    "Logarithmic" => Math.Exp(Uniform(random, Math.Log(min), Math.Log(max))),
                    "ReverseLogarithmic" => 1 - Math.Exp(Uniform(random, Math.Log(1 - max), Math.Log(1 - min))),
                    _ => Uniform(random, min, max),
                };
                candidate[RunValues.Text(range["Name"])] = Math.Clamp(value, min, max).ToString("R", CultureInfo.InvariantCulture);
            }

            foreach (var range in Items(ranges, "CategoricalParameterRanges"))
            {
                var values = range["Values"] as JsonArray ?? [];
                candidate[RunValues.Text(range["Name"])] = RunValues.Text(values[random.Next(values.Count)]);
            }

            draws.Add(candidate);
        }

        var warning = strategy is "Random"
            ? null
            : $"its {strategy} strategy needs SageMaker's optimizer; the local run draws its {draws.Count} candidates at random instead (seed {seed}), so its best job can differ from SageMaker's.";
        return new Plan(strategy, draws, Math.Max(1, maxParallel), seed, warning);
    }

    /// <summary>Every combination, the last range varying fastest (itertools.product's order).</summary>
    private static List<IReadOnlyDictionary<string, string>> Grid(List<(string Name, List<string> Values)> ranges)
    {
        IEnumerable<Dictionary<string, string>> combinations = [new Dictionary<string, string>(StringComparer.Ordinal)];
        foreach (var (name, values) in ranges)
        {
            combinations = combinations.SelectMany(c => values.Select(v => new Dictionary<string, string>(c, StringComparer.Ordinal) { [name] = v }));
        }

        return ranges.Count == 0 ? [] : [.. combinations];
    }

    private static IEnumerable<JsonObject> Items(JsonObject ranges, string kind) => (ranges[kind] as JsonArray ?? []).OfType<JsonObject>();

    private static string Scaling(JsonObject range) => range["ScalingType"] is { } scaling ? RunValues.Text(scaling) : "Auto";

    private static double Uniform(Random random, double min, double max) => min + (random.NextDouble() * (max - min));

    private static double Number(JsonNode? node) => double.Parse(RunValues.Text(node), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static int? Count(JsonNode? node) =>
        node is null ? null : (int)Math.Min(long.Parse(RunValues.Text(node), CultureInfo.InvariantCulture), 10_000);
}
