using System.Globalization;
using System.Text.Json.Nodes;
using MlPipeline.SageMakerPipelines.Images;

namespace MlPipeline.SageMakerPipelines.Tests.Local;

/// <summary>
/// A tuning step over a real training script (standard-library Python) in a <see cref="LocalProject"/>. The script's
/// score depends on its hyperparameters: <c>score = kind bonus - (x - 3)^2</c> (bonus a=0, b=1, c=2), printed twice (a
/// first, lower value, then the final one), so a MetricDefinitions regex sees several matches. kind=silent never prints
/// the score; kind=fail exits with code 3. Every job logs the wall-clock times its process started and ended, and the cores it was given.
/// </summary>
internal static class TuningProject
{
    public const string TrainScript = """
        import json, os, sys, time
        started = time.time()
        with open(os.path.join(os.environ["SM_INPUT_CONFIG_DIR"], "hyperparameters.json")) as f:
            hps = json.load(f)
        assert os.listdir(os.environ["SM_CHANNEL_TRAIN"]), "no training data"
        x = float(hps.get("x", "0"))
        kind = hps.get("kind", "a")
        time.sleep(float(hps.get("sleep", "0")))
        if kind == "fail":
            raise SystemExit("kind=fail: this candidate cannot train")
        score = {"a": 0.0, "b": 1.0, "c": 2.0, "silent": 0.0}[kind] - (x - 3) ** 2
        if kind != "silent":
            print(f"epoch 1 score={score - 100:.6f}")
            print(f"epoch 2 score={score:.6f}")
        with open(os.path.join(os.environ["SM_MODEL_DIR"], "model.json"), "w") as f:
            json.dump({"x": x, "kind": kind, "score": score}, f, sort_keys=True)
        print(f"process-times {started!r} {time.time()!r}")
        print(f"cores {os.environ['SM_NUM_CPUS']} {os.environ['OMP_NUM_THREADS']} {os.environ['OPENBLAS_NUM_THREADS']}")
        """;

    public static TuningStep Step(
        LocalProject project,
        string strategy,
        ParameterRanges ranges,
        long maxJobs,
        long maxParallel,
        string objectiveType = "Maximize",
        IReadOnlyDictionary<string, PipelineString>? statics = null,
        string name = "Tune") => new()
        {
            Name = name,
            Arguments = new TuningJobArguments
            {
                HyperParameterTuningJobConfig = new HyperParameterTuningJobConfig
                {
                    Strategy = strategy,
                    HyperParameterTuningJobObjective = new HyperParameterTuningJobObjective { Type = objectiveType, MetricName = "validation:score" },
                    ResourceLimits = new ResourceLimits { MaxNumberOfTrainingJobs = maxJobs, MaxParallelTrainingJobs = maxParallel },
                    ParameterRanges = ranges,
                },
                TrainingJobDefinition = new HyperParameterTrainingJobDefinition
                {
                    AlgorithmSpecification = new AlgorithmSpecification
                    {
                        TrainingImage = ImageUris.Sklearn("us-east-1"),
                        TrainingInputMode = TrainingInputMode.File,
                        MetricDefinitions = [new MetricDefinition { Name = "validation:score", Regex = "score=(-?[0-9.]+)" }],
                    },
                    RoleArn = "arn:aws:iam::123456789012:role/Pipeline",
                    InputDataConfig =
                [
                    new Channel
                    {
                        ChannelName = "train",
                        DataSource = new DataSource { S3DataSource = new S3DataSource { S3DataType = S3DataType.S3Prefix, S3Uri = LocalProject.InputData } },
                    },
                ],
                    OutputDataConfig = new OutputDataConfig { S3OutputPath = $"s3://{LocalProject.Bucket}/tuning" },
                    ResourceConfig = new ResourceConfig { InstanceType = "ml.m5.large", InstanceCount = 1, VolumeSizeInGB = 10 },
                    StoppingCondition = new StoppingCondition { MaxRuntimeInSeconds = 600 },
                    StaticHyperParameters = new Dictionary<string, PipelineString>(statics ?? new Dictionary<string, PipelineString>())
                    {
                        ["sagemaker_program"] = "\"train.py\"",
                        ["sagemaker_submit_directory"] = $"\"s3://{LocalProject.Bucket}/project/code/{project.Code("train.py").Sha256}/\"",
                    },
                },
            },
        };

    public static Pipeline Pipeline(params Step[] steps) => new() { Name = "tuning-test", Parameters = [LocalProject.InputData], Steps = steps };

    public static ParameterRanges Categorical(params (string Name, string[] Values)[] ranges) => new()
    {
        CategoricalParameterRanges = [.. ranges.Select(r => new CategoricalParameterRange { Name = r.Name, Values = [.. r.Values.Select(v => (PipelineString)v)] })],
    };

    /// <summary>The training jobs the lineage records for a tuning step, in the order they were made.</summary>
    public static List<JsonObject> Jobs(string lineagePath, string step = "Tune") =>
        [.. JsonNode.Parse(File.ReadAllText(lineagePath))!["Steps"]![step]!["TrainingJobs"]!.AsArray().Select(j => j!.AsObject())];

    public static string Tuned(JsonObject job) =>
        string.Join(' ', job["TunedHyperParameters"]!.AsObject().OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value!.GetValue<string>()}"));

    /// <summary>When each job's Python process started and ended, as the process itself logged it.</summary>
    public static (double Start, double End) ProcessTimes(JsonObject job)
    {
        var line = File.ReadLines(job["Log"]!.GetValue<string>()).Last(l => l.StartsWith("process-times ", StringComparison.Ordinal)).Split(' ');
        return (double.Parse(line[1], CultureInfo.InvariantCulture), double.Parse(line[2], CultureInfo.InvariantCulture));
    }

    /// <summary>The largest number of intervals open at one instant.</summary>
    public static int MaxOverlap(IEnumerable<(double Start, double End)> intervals)
    {
        var events = intervals.SelectMany(i => new[] { (Time: i.Start, Delta: 1), (Time: i.End, Delta: -1) })
            .OrderBy(e => e.Time).ThenBy(e => e.Delta);
        var (open, max) = (0, 0);
        foreach (var (_, delta) in events)
        {
            open += delta;
            max = Math.Max(max, open);
        }

        return max;
    }
}
