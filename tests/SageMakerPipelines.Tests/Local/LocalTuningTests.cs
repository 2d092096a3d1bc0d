using System.Globalization;
using System.Text.Json.Nodes;
using MlPipeline.SageMakerPipelines.Images;
using MlPipeline.SageMakerPipelines.Local;
using MlPipeline.SageMakerPipelines.Validation;

namespace MlPipeline.SageMakerPipelines.Tests.Local;

/// <summary>Tuning steps run locally: real training processes, the objective read from their logs, SageMaker's properties.</summary>
public class LocalTuningTests
{
    private static readonly string[] Kinds = ["a", "b", "c"];

    [Fact]
    public async Task Grid_trains_the_categorical_combinations_in_order_up_to_MaxNumberOfTrainingJobs_and_picks_the_best()
    {
        using var project = new LocalProject(trainScript: TuningProject.TrainScript);
        var tune = TuningProject.Step(project, "Grid", TuningProject.Categorical(("kind", Kinds), ("x", ["1", "3"])), maxJobs: 4, maxParallel: 2);

        var result = await project.Runner().RunAsync(TuningProject.Pipeline(tune));

        Assert.True(result.Succeeded, result.Failure);
        var jobs = TuningProject.Jobs(result.LineagePath);
        // itertools.product order, the last range fastest, cut at MaxNumberOfTrainingJobs = 4 of the 6 combinations.
        Assert.Equal(["kind=a x=1", "kind=a x=3", "kind=b x=1", "kind=b x=3"], jobs.Select(TuningProject.Tuned));
        Assert.Equal([-4.0, 0.0, -3.0, 1.0], jobs.Select(j => j["ObjectiveValue"]!.GetValue<double>()));
        var lineage = JsonNode.Parse(File.ReadAllText(result.LineagePath))!["Steps"]!["Tune"]!;
        Assert.Equal(jobs[3]["TrainingJobName"]!.GetValue<string>(), lineage["BestTrainingJob"]!.GetValue<string>());
        Assert.Equal("sklearn", lineage["Framework"]!["Name"]!.GetValue<string>());
        // Each job ran as a training job of its own, in its own folder, with its model where get_top_model_s3_uri looks.
        var store = project.Runner().Store;
        foreach (var job in jobs)
        {
            var name = job["TrainingJobName"]!.GetValue<string>();
            Assert.Matches(@"-00[1-4]-[0-9a-f]{8}$", name);
            var hyperParameters = JsonNode.Parse(File.ReadAllText(Path.Combine(result.RunFolder, "steps", "Tune", "jobs", name, "container", "opt", "ml", "input", "config", "hyperparameters.json")))!;
            Assert.Equal(job["TunedHyperParameters"]!["kind"]!.GetValue<string>(), hyperParameters["kind"]!.GetValue<string>());
            Assert.Equal("\"train.py\"", hyperParameters["sagemaker_program"]!.GetValue<string>());
            Assert.True(File.Exists(store.PathOf($"s3://{LocalProject.Bucket}/tuning/{name}/output/model.tar.gz")), name);
        }
    }

    [Fact]
    public async Task Random_draws_MaxNumberOfTrainingJobs_candidates_within_the_ranges_and_the_same_ones_on_every_run()
    {
        using var project = new LocalProject(trainScript: TuningProject.TrainScript);
        var ranges = new ParameterRanges
        {
            IntegerParameterRanges = [new IntegerParameterRange { Name = "x", MinValue = "1", MaxValue = "5" }],
            ContinuousParameterRanges = [new ContinuousParameterRange { Name = "rate", MinValue = "0.001", MaxValue = "0.5", ScalingType = "Logarithmic" }],
            CategoricalParameterRanges = [new CategoricalParameterRange { Name = "kind", Values = ["a", "b", "c"] }],
        };
        var tune = TuningProject.Step(project, "Random", ranges, maxJobs: 5, maxParallel: 2);

        var first = await project.Runner(noCache: true).RunAsync(TuningProject.Pipeline(tune));
        var second = await project.Runner(noCache: true).RunAsync(TuningProject.Pipeline(tune));

        Assert.True(first.Succeeded && second.Succeeded, first.Failure ?? second.Failure);
        var jobs = TuningProject.Jobs(first.LineagePath);
        Assert.Equal(5, jobs.Count);
        Assert.Equal(jobs.Select(TuningProject.Tuned), TuningProject.Jobs(second.LineagePath).Select(TuningProject.Tuned));
        foreach (var job in jobs)
        {
            var tuned = job["TunedHyperParameters"]!;
            Assert.InRange(long.Parse(tuned["x"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture), 1, 5);
            Assert.InRange(double.Parse(tuned["rate"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture), 0.001, 0.5);
            Assert.Contains(tuned["kind"]!.GetValue<string>(), Kinds);
        }

        Assert.True(jobs.Select(TuningProject.Tuned).Distinct().Count() > 1, "five random draws should not all be the same candidate");
        Assert.Equal(JsonNode.Parse(File.ReadAllText(first.LineagePath))!["Steps"]!["Tune"]!["RandomSeed"]!.GetValue<int>(),
            JsonNode.Parse(File.ReadAllText(second.LineagePath))!["Steps"]!["Tune"]!["RandomSeed"]!.GetValue<int>());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Training_processes_overlap_up_to_MaxParallelTrainingJobs_and_never_more(int maxParallel)
    {
        using var project = new LocalProject(trainScript: TuningProject.TrainScript);
        var tune = TuningProject.Step(project, "Grid", TuningProject.Categorical(("x", ["1", "2", "3", "4"])), maxJobs: 4, maxParallel: maxParallel,
            statics: new Dictionary<string, PipelineString> { ["sleep"] = "1.5" });

        var result = await project.Runner().RunAsync(TuningProject.Pipeline(tune));

        Assert.True(result.Succeeded, result.Failure);
        var jobs = TuningProject.Jobs(result.LineagePath);
        Assert.Equal(4, jobs.Count);
        // Measured from the processes' own clocks: with 1.5 s of work each, the overlap reaches the limit and stays there.
        Assert.Equal(maxParallel, TuningProject.MaxOverlap(jobs.Select(TuningProject.ProcessTimes)));
        // Each job at once has its share of the cores, as on an instance of its own: its threads do not spin over another's.
        var share = Math.Max(1, Environment.ProcessorCount / maxParallel).ToString(CultureInfo.InvariantCulture);
        Assert.All(jobs, job => Assert.Equal($"cores {share} {share} {share}", File.ReadLines(job["Log"]!.GetValue<string>()).Single(l => l.StartsWith("cores ", StringComparison.Ordinal))));
    }

    [Fact]
    public async Task The_objective_is_the_last_match_in_the_log_and_a_job_that_never_logs_it_or_fails_is_never_best()
    {
        using var project = new LocalProject(trainScript: TuningProject.TrainScript);
        // Minimize: a job without a value must not win by default, and 'a' at x=3 (score 0, logged after -100) is the best
        // of the jobs with a value only if the last match counts (the first match, -100, would be lower than b's).
        var tune = TuningProject.Step(project, "Grid", TuningProject.Categorical(("kind", ["silent", "fail", "a", "b"]), ("x", ["3"])), maxJobs: 4, maxParallel: 2,
            objectiveType: "Minimize");
        var after = new FailStep { Name = "Report", ErrorMessage = Functions.Join(" ", tune.Property("BestTrainingJob.TunedHyperParameters['kind']"), tune.Property("ObjectiveStatusCounters.Failed"), tune.Property("TrainingJobStatusCounters.NonRetryableError")) };

        var result = await project.Runner().RunAsync(TuningProject.Pipeline(tune, after));

        Assert.Equal(LocalStepStatus.Succeeded, result.Steps.Single(s => s.Name == "Tune").Status);
        var jobs = TuningProject.Jobs(result.LineagePath);
        Assert.Equal(["Failed", "Failed", "Succeeded", "Succeeded"], jobs.Select(j => j["ObjectiveStatus"]!.GetValue<string>()));
        Assert.Equal(["Completed", "Failed", "Completed", "Completed"], jobs.Select(j => j["TrainingJobStatus"]!.GetValue<string>()));
        Assert.Null(jobs[0]["ObjectiveValue"]);
        Assert.Contains("kind=fail: this candidate cannot train", jobs[1]["FailureReason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal([0.0, 1.0], jobs.Skip(2).Select(j => j["ObjectiveValue"]!.GetValue<double>()));
        // The later step read the best job (a: 0 is the minimum), 2 objectives failed, 1 job failed.
        Assert.Contains("the pipeline failed on purpose: a 2 1", result.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Maximize_and_Minimize_choose_different_best_jobs()
    {
        using var project = new LocalProject(trainScript: TuningProject.TrainScript);
        var ranges = TuningProject.Categorical(("x", ["1", "3", "6"]));

        var max = await project.Runner().RunAsync(TuningProject.Pipeline(TuningProject.Step(project, "Grid", ranges, 3, 2, "Maximize")));
        var min = await project.Runner().RunAsync(TuningProject.Pipeline(TuningProject.Step(project, "Grid", ranges, 3, 2, "Minimize")));

        string Best(LocalRunResult r)
        {
            var lineage = JsonNode.Parse(File.ReadAllText(r.LineagePath))!["Steps"]!["Tune"]!;
            var best = lineage["BestTrainingJob"]!.GetValue<string>();
            return TuningProject.Tuned(TuningProject.Jobs(r.LineagePath).Single(j => j["TrainingJobName"]!.GetValue<string>() == best));
        }

        Assert.True(max.Succeeded && min.Succeeded, max.Failure ?? min.Failure);
        Assert.Equal("x=3", Best(max));
        Assert.Equal("x=6", Best(min));
    }

    [Fact]
    public async Task BestTrainingJob_and_the_top_model_resolve_in_a_later_condition_and_registration_and_the_step_is_cached()
    {
        using var project = new LocalProject(trainScript: TuningProject.TrainScript);
        var tune = TuningProject.Step(project, "Grid", TuningProject.Categorical(("kind", Kinds), ("x", ["2"])), maxJobs: 3, maxParallel: 3);
        var register = new RegisterModelStep
        {
            Name = "Register",
            Arguments = new CreateModelPackageArguments
            {
                ModelPackageGroupName = "tuned-models",
                InferenceSpecification = new InferenceSpecification
                {
                    Containers = [new ModelPackageContainerDefinition { Image = ImageUris.Sklearn("us-east-1"), ModelDataUrl = tune.TopModelArtifacts(0, $"s3://{LocalProject.Bucket}/tuning") }],
                    SupportedContentTypes = ["text/csv"],
                    SupportedResponseMIMETypes = ["text/csv"],
                },
                CustomerMetadataProperties = new Dictionary<string, PipelineString> { ["BestJob"] = tune.Property("BestTrainingJob.TrainingJobName") },
            },
        };
        var check = new ConditionStep
        {
            Name = "GoodEnough",
            Conditions = [Condition.GreaterThanOrEqualTo(tune.Property("BestTrainingJob.FinalHyperParameterTuningJobObjectiveMetric.Value"), 0.5)],
            IfSteps = [register],
            ElseSteps = [],
        };

        var result = await project.Runner().RunAsync(TuningProject.Pipeline(tune, check));
        var again = await project.Runner().RunAsync(TuningProject.Pipeline(tune, check));

        Assert.True(result.Succeeded, result.Failure);
        var package = Assert.Single(result.Registered);
        var best = JsonNode.Parse(File.ReadAllText(result.LineagePath))!["Steps"]!["Tune"]!["BestTrainingJob"]!.GetValue<string>();
        Assert.Equal(best, package.Document["CustomerMetadataProperties"]!["BestJob"]!.GetValue<string>());
        var url = package.Document["InferenceSpecification"]!["Containers"]![0]!["ModelDataUrl"]!.GetValue<string>();
        Assert.Equal($"s3://{LocalProject.Bucket}/tuning/{best}/output/model.tar.gz", url);
        Assert.Contains("\"kind\": \"c\"", ModelJson(project.Runner().Store.PathOf(url)), StringComparison.Ordinal);
        // Rerun: the tuning step comes from the cache with its properties, so the condition and registration still resolve.
        Assert.True(again.Succeeded, again.Failure);
        Assert.Equal(LocalStepStatus.Cached, again.Steps.Single(s => s.Name == "Tune").Status);
        Assert.Equal(best, Assert.Single(again.Registered).Document["CustomerMetadataProperties"]!["BestJob"]!.GetValue<string>());
    }

    [Fact]
    public async Task Every_property_a_tuning_step_gives_is_a_member_of_botocores_DescribeHyperParameterTuningJob_response()
    {
        using var project = new LocalProject(trainScript: TuningProject.TrainScript);
        var tune = TuningProject.Step(project, "Grid", TuningProject.Categorical(("kind", ["a", "fail"])), maxJobs: 2, maxParallel: 2);

        var result = await project.Runner().RunAsync(TuningProject.Pipeline(tune));

        Assert.True(result.Succeeded, result.Failure);
        // The step cache keeps the properties the run gave later steps; every path must be one botocore's model has.
        var entry = Assert.Single(Directory.GetFiles(Path.Combine(project.Root, ".mlpipeline", "cache"), "*.json"));
        var properties = JsonNode.Parse(File.ReadAllText(entry))!["Properties"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("BestTrainingJob.FinalHyperParameterTuningJobObjectiveMetric.Value", properties);
        Assert.Contains("TrainingJobSummaries[1].FailureReason", properties);
        Assert.All(properties, path => Assert.True(TuningKind.Descriptor.PropertyType(path) is not null, path));
    }

    [Fact]
    public async Task A_tuning_step_fails_when_no_training_job_gives_the_objective()
    {
        using var project = new LocalProject(trainScript: TuningProject.TrainScript);
        var tune = TuningProject.Step(project, "Grid", TuningProject.Categorical(("kind", ["fail", "silent"])), maxJobs: 2, maxParallel: 2);

        var result = await project.Runner().RunAsync(TuningProject.Pipeline(tune));

        Assert.False(result.Succeeded);
        Assert.Contains("Step 'Tune' failed: none of its 2 training jobs gave the objective metric validation:score", result.Failure, StringComparison.Ordinal);
        Assert.Contains("kind=fail: this candidate cannot train", result.Failure, StringComparison.Ordinal);
        Assert.Contains("never logged validation:score", result.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bayesian_runs_as_random_search_with_a_warning()
    {
        using var project = new LocalProject(trainScript: TuningProject.TrainScript);
        var ranges = new ParameterRanges { IntegerParameterRanges = [new IntegerParameterRange { Name = "x", MinValue = "0", MaxValue = "6" }] };

        var result = await project.Runner().RunAsync(TuningProject.Pipeline(TuningProject.Step(project, "Bayesian", ranges, 2, 2)));

        Assert.True(result.Succeeded, result.Failure);
        Assert.Equal(2, TuningProject.Jobs(result.LineagePath).Count);
        Assert.Contains(result.Warnings, w => w.Contains("Bayesian strategy needs SageMaker's optimizer", StringComparison.Ordinal));
    }

    public static TheoryData<string, ParameterRanges, string> RefusedTuningJobs => new()
    {
        { "Random", new ParameterRanges { IntegerParameterRanges = [new IntegerParameterRange { Name = "x", MinValue = "9", MaxValue = "2" }] }, "Range 'x' has MinValue 9 above MaxValue 2" },
        { "Random", new ParameterRanges { ContinuousParameterRanges = [new ContinuousParameterRange { Name = "rate", MinValue = "small", MaxValue = "1" }] }, "The MinValue of range 'rate' is 'small', not a number" },
        { "Random", new ParameterRanges { IntegerParameterRanges = [new IntegerParameterRange { Name = "x", MinValue = "1.5", MaxValue = "4" }] }, "The MinValue of range 'x' is '1.5', not a whole number" },
        { "Random", new ParameterRanges { ContinuousParameterRanges = [new ContinuousParameterRange { Name = "rate", MinValue = "0", MaxValue = "1", ScalingType = "Logarithmic" }] }, "Range 'rate' is Logarithmic, so its values must be above 0" },
        { "Random", TuningProject.Categorical(("kind", [.. Enumerable.Range(0, 31).Select(i => $"v{i}")])), "Categorical range 'kind' has 31 values; SageMaker takes 1 to 30" },
        { "Grid", new ParameterRanges { IntegerParameterRanges = [new IntegerParameterRange { Name = "x", MinValue = "1", MaxValue = "4" }] }, "the Grid strategy takes categorical ranges only" },
        { "Annealing", TuningProject.Categorical(("kind", ["a"])), "Strategy 'Annealing' is not one of Bayesian, Random, Hyperband, Grid" },
        { "Random", TuningProject.Categorical(("sagemaker_program", ["a"])), "Hyperparameter 'sagemaker_program' is both tuned and in StaticHyperParameters" },
    };

    [Theory]
    [MemberData(nameof(RefusedTuningJobs))]
    public async Task Ranges_SageMaker_refuses_stop_the_run_before_any_step_runs(string strategy, ParameterRanges ranges, string expected)
    {
        using var project = new LocalProject(trainScript: TuningProject.TrainScript);
        var pipeline = TuningProject.Pipeline(TuningProject.Step(project, strategy, ranges, 2, 1));

        var error = await Assert.ThrowsAsync<LocalRunException>(() => project.Runner().RunAsync(pipeline));

        Assert.Contains(ValidationRules.InvalidTuningJob, error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(project.Root, ".mlpipeline", "runs")));
    }

    [Fact]
    public void An_objective_metric_the_training_job_does_not_define_is_refused()
    {
        using var project = new LocalProject(trainScript: TuningProject.TrainScript);
        var tune = TuningProject.Step(project, "Random", TuningProject.Categorical(("kind", Kinds)), 2, 1);
        tune = tune with
        {
            Arguments = tune.Arguments with
            {
                HyperParameterTuningJobConfig = tune.Arguments.HyperParameterTuningJobConfig with
                {
                    HyperParameterTuningJobObjective = new HyperParameterTuningJobObjective { Type = "Maximize", MetricName = "validation:auc" },
                },
            },
        };

        var findings = PipelineValidator.Validate(TuningProject.Pipeline(tune).ToJson(), "tuning-test");

        var finding = Assert.Single(findings);
        Assert.Equal(ValidationRules.InvalidTuningJob, finding.Code);
        Assert.Contains("'validation:auc' is not one of the training job's MetricDefinitions (validation:score)", finding.Message, StringComparison.Ordinal);
    }

    private static string ModelJson(string archive)
    {
        using var file = File.OpenRead(archive);
        using var gzip = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionMode.Decompress);
        using var tar = new System.Formats.Tar.TarReader(gzip);
        while (tar.GetNextEntry() is { } entry)
        {
            if (entry.Name.EndsWith("model.json", StringComparison.Ordinal))
            {
                return new StreamReader(entry.DataStream!).ReadToEnd();
            }
        }

        return "";
    }
}
