using System.Text.Json.Nodes;
using MlPipeline.SageMakerPipelines.Local;

namespace MlPipeline.SageMakerPipelines.Tests.Local;

/// <summary>
/// Which hyperparameters a local random search trains is part of what the run reproduces: the same tuning job gives the
/// same candidates however many of its jobs run at once, and more jobs only add candidates after the same first ones.
/// </summary>
public sealed class TuningCandidatesTests
{
    private static JsonObject Config(int jobs, int parallel, string rateMax = "0.3", long? seed = null)
    {
        var config = new JsonObject
        {
            ["Strategy"] = "Random",
            ["ResourceLimits"] = new JsonObject { ["MaxNumberOfTrainingJobs"] = jobs, ["MaxParallelTrainingJobs"] = parallel },
            ["ParameterRanges"] = new JsonObject
            {
                ["IntegerParameterRanges"] = new JsonArray(new JsonObject { ["Name"] = "max_depth", ["MinValue"] = "2", ["MaxValue"] = "8", ["ScalingType"] = "Linear" }),
                ["ContinuousParameterRanges"] = new JsonArray(new JsonObject { ["Name"] = "eta", ["MinValue"] = "0.01", ["MaxValue"] = rateMax, ["ScalingType"] = "Logarithmic" }),
            },
            ["HyperParameterTuningJobObjective"] = new JsonObject { ["Type"] = "Maximize", ["MetricName"] = "validation:auc" },
        };
        if (seed is { } s)
        {
            config["RandomSeed"] = s;
        }

        return config;
    }

    private static List<string> Candidates(JsonObject config) =>
        [.. TuningCandidates.Make(config).Candidates.Select(c => string.Join(' ', c.Select(p => $"{p.Key}={p.Value}")))];

    [Fact]
    public void Running_more_or_fewer_jobs_at_once_trains_the_same_candidates()
    {
        var oneByOne = Candidates(Config(jobs: 4, parallel: 1));

        Assert.Equal(oneByOne, Candidates(Config(jobs: 4, parallel: 2)));
        Assert.Equal(oneByOne, Candidates(Config(jobs: 4, parallel: 4)));
        Assert.Equal(4, oneByOne.Distinct().Count());
    }

    [Fact]
    public void More_jobs_add_candidates_after_the_same_first_ones()
    {
        var four = Candidates(Config(jobs: 4, parallel: 2));

        Assert.Equal(four, Candidates(Config(jobs: 7, parallel: 3)).Take(4));
    }

    [Fact]
    public void Other_ranges_or_a_given_seed_draw_other_candidates()
    {
        var derived = Candidates(Config(jobs: 4, parallel: 2));

        Assert.NotEqual(derived, Candidates(Config(jobs: 4, parallel: 2, rateMax: "0.4")));
        Assert.NotEqual(derived, Candidates(Config(jobs: 4, parallel: 2, seed: 11)));
        Assert.Equal(Candidates(Config(jobs: 4, parallel: 1, seed: 11)), Candidates(Config(jobs: 4, parallel: 2, seed: 11)));
    }
}
