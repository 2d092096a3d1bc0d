using System.Text;
using MlPipeline.SageMakerPipelines.Code;
using MlPipeline.SageMakerPipelines.Images;
using MlPipeline.SageMakerPipelines.Local;
using MlPipeline.Tests.Shared;

namespace MlPipeline.SageMakerPipelines.Tests.Local;

/// <summary>
/// A small real pipeline in a temporary project folder: prepare (processing) → train (script-mode training) →
/// evaluate (processing, property file) → condition on the MSE → register, else fail. The scripts are real Python
/// (standard library only) and run with the machine's /usr/bin/python3.
/// </summary>
internal sealed class LocalProject : IDisposable
{
    public const string Bucket = "local-bucket";
    public const string Python = "/usr/bin/python3";

    private readonly TempDirectory? _temp;
    private string? _trainingArchive;

    // root: where the project lives (default: a new temporary folder, deleted on dispose).
    public LocalProject(string? trainScript = null, string? prepareScript = null, string? evaluateScript = null, string? root = null)
    {
        _temp = root is null ? new TempDirectory() : null;
        Root = root ?? _temp!.Path;
        Directory.CreateDirectory(Root);
        Scripts = new Dictionary<string, string>
        {
            ["prepare.py"] = prepareScript ?? PrepareScript,
            ["train.py"] = trainScript ?? TrainScript,
            ["evaluate.py"] = evaluateScript ?? EvaluateScript,
        };
        var store = Store;
        var rows = new StringBuilder("x,y\n");
        for (var i = 0; i < 200; i++)
        {
            rows.Append(i).Append(',').Append(3 * i + 7 + ((i * 37) % 11) - 5).Append('\n');
        }

        store.Put($"s3://{Bucket}/data/input.csv", Encoding.UTF8.GetBytes(rows.ToString()));
        foreach (var (name, text) in Scripts)
        {
            SetScript(name, text);
        }
    }

    public LocalObjectStore Store => new(Path.Combine(Root, ".mlpipeline", "s3"));

    /// <summary>Changes a script, as a developer's fix would: a new content key, so a new definition.</summary>
    public void SetScript(string name, string text)
    {
        Scripts[name] = text;
        Store.Put(Code(name).S3Uri(Bucket, "project"), Encoding.UTF8.GetBytes(text));
    }

    public string Root { get; }

    /// <summary>Makes the training step take its code from this sourcedir.tar.gz instead of the script's folder.</summary>
    public void UseTrainingArchive(string uri) => _trainingArchive = uri;

    public Dictionary<string, string> Scripts { get; }

    public CodeAsset Code(string name) => CodeAsset.FromBytes(name, Encoding.UTF8.GetBytes(Scripts[name]));

    public LocalRunner Runner(IReadOnlyDictionary<string, string>? parameters = null, bool noCache = false, StepCacheKey cacheKey = StepCacheKey.SageMaker) =>
        new(new LocalRunOptions { ProjectRoot = Root, Python = Python, Parameters = parameters ?? new Dictionary<string, string>(), NoCache = noCache, CacheKey = cacheKey });

    public static readonly Parameter<double> Threshold = Parameter.Float("MseThreshold", 50.0);
    public static readonly Parameter<string> InputData = Parameter.String("InputData", $"s3://{Bucket}/data/input.csv");
    public static readonly Parameter<long> Seed = Parameter.Integer("Seed", 42);

    public Pipeline Pipeline(int? maxRuntimeInSeconds = null, Step? extra = null)
    {
        var prepare = Processing("Prepare", "prepare.py", [Input("data", InputData, "/opt/ml/processing/input")], ["train", "test"], ["--seed", Seed], maxRuntimeInSeconds);
        var train = new TrainingStep
        {
            Name = "Train",
            Arguments = new TrainingJobArguments
            {
                AlgorithmSpecification = new AlgorithmSpecification
                {
                    TrainingImage = ImageUris.Sklearn("us-east-1"),
                    TrainingInputMode = TrainingInputMode.File,
                    MetricDefinitions = [new MetricDefinition { Name = "train:mse", Regex = "train_mse=([0-9.]+)" }],
                },
                RoleArn = "arn:aws:iam::123456789012:role/Pipeline",
                InputDataConfig =
                [
                    new Channel
                    {
                        ChannelName = "train",
                        DataSource = new DataSource { S3DataSource = new S3DataSource { S3DataType = S3DataType.S3Prefix, S3Uri = prepare.OutputS3Uri("train") } },
                    },
                ],
                OutputDataConfig = new OutputDataConfig { S3OutputPath = $"s3://{Bucket}/models" },
                ResourceConfig = new ResourceConfig { InstanceType = "ml.m5.large", InstanceCount = 1, VolumeSizeInGB = 10 },
                StoppingCondition = new StoppingCondition { MaxRuntimeInSeconds = maxRuntimeInSeconds ?? 600 },
                HyperParameters = new Dictionary<string, PipelineString>
                {
                    ["sagemaker_program"] = "\"train.py\"",
                    ["sagemaker_submit_directory"] = $"\"{_trainingArchive ?? $"s3://{Bucket}/project/code/{Code("train.py").Sha256}/"}\"",
                    ["epochs"] = 3,
                    ["seed"] = Seed,
                },
            },
        };
        var evaluate = Processing(
            "Evaluate", "evaluate.py",
            [Input("model", train.ModelArtifacts, "/opt/ml/processing/model"), Input("test", prepare.OutputS3Uri("test"), "/opt/ml/processing/test")],
            ["evaluation"], [], maxRuntimeInSeconds) with
        {
            PropertyFiles = [new PropertyFile { PropertyFileName = "Evaluation", OutputName = "evaluation", FilePath = "evaluation.json" }],
        };
        var register = new RegisterModelStep
        {
            Name = "Register",
            Arguments = new CreateModelPackageArguments
            {
                ModelPackageGroupName = "local-models",
                ModelApprovalStatus = "PendingManualApproval",
                InferenceSpecification = new InferenceSpecification
                {
                    Containers = [new ModelPackageContainerDefinition { Image = ImageUris.Sklearn("us-east-1"), ModelDataUrl = train.ModelArtifacts }],
                    SupportedContentTypes = ["text/csv"],
                    SupportedResponseMIMETypes = ["text/csv"],
                },
                ModelMetrics = new ModelMetrics
                {
                    ModelQuality = new ModelQuality
                    {
                        Statistics = new MetricsSource { ContentType = "application/json", S3Uri = Functions.Join("/", evaluate.OutputS3Uri("evaluation"), "evaluation.json") },
                    },
                },
                // A baseline file a step writes (the report stands in for statistics) and one that no step writes.
                DriftCheckBaselines = new DriftCheckBaselines
                {
                    ModelDataQuality = new DriftCheckModelDataQuality
                    {
                        Statistics = new MetricsSource { ContentType = "application/json", S3Uri = Functions.Join("/", evaluate.OutputS3Uri("evaluation"), "evaluation.json") },
                        Constraints = new MetricsSource { ContentType = "application/json", S3Uri = Functions.Join("/", evaluate.OutputS3Uri("evaluation"), "constraints.json") },
                    },
                },
            },
        };
        var check = new ConditionStep
        {
            Name = "CheckMse",
            Conditions = [Condition.LessThanOrEqualTo(Functions.JsonGet(evaluate.PropertyFile("Evaluation"), "regression_metrics.mse.value"), Threshold)],
            IfSteps = [register],
            ElseSteps = [new FailStep { Name = "TooInaccurate", ErrorMessage = Functions.Join(" ", "MSE above", Threshold) }],
        };
        return new Pipeline
        {
            Name = "local-test",
            Parameters = [Threshold, InputData, Seed],
            Steps = extra is null ? [prepare, train, evaluate, check] : [prepare, train, evaluate, check, extra],
        };
    }

    public ProcessingStep Processing(string name, string script, ProcessingInput[] inputs, string[] outputs, PipelineString[] arguments, int? maxRuntimeInSeconds) => new()
    {
        Name = name,
        Arguments = new ProcessingJobArguments
        {
            ProcessingResources = new ProcessingResources { ClusterConfig = new ProcessingClusterConfig { InstanceType = "ml.m5.large", InstanceCount = 1, VolumeSizeInGB = 10 } },
            AppSpecification = new AppSpecification
            {
                ImageUri = ImageUris.Sklearn("us-east-1"),
                ContainerEntrypoint = ["python3", $"/opt/ml/processing/input/code/{script}"],
                ContainerArguments = [.. arguments, "--root", "/opt/ml/processing"],
            },
            RoleArn = "arn:aws:iam::123456789012:role/Pipeline",
            ProcessingInputs = [.. inputs, Input("code", Code(script).S3Uri(Bucket, "project"), "/opt/ml/processing/input/code")],
            ProcessingOutputConfig = new ProcessingOutputConfig
            {
                Outputs = [.. outputs.Select(o => new ProcessingOutput
                {
                    OutputName = o,
                    S3Output = new ProcessingS3Output
                    {
                        S3Uri = Functions.Join("/", $"s3://{Bucket}/runs", ExecutionVariables.PipelineExecutionId, name, o),
                        LocalPath = $"/opt/ml/processing/{o}",
                        S3UploadMode = S3UploadMode.EndOfJob,
                    },
                })],
            },
            StoppingCondition = maxRuntimeInSeconds is null ? null : new StoppingCondition { MaxRuntimeInSeconds = maxRuntimeInSeconds.Value },
        },
    };

    public static ProcessingInput Input(string name, PipelineValue uri, string localPath) => new()
    {
        InputName = name,
        S3Input = new ProcessingS3Input { S3Uri = uri, LocalPath = localPath, S3DataType = S3DataType.S3Prefix, S3InputMode = S3InputMode.File },
    };

    public void Dispose()
    {
        if (_temp is not null)
        {
            _temp.Dispose();
        }
        else if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }

    public const string PrepareScript = """
        import argparse, csv, os, random
        parser = argparse.ArgumentParser()
        parser.add_argument("--seed", type=int, required=True)
        parser.add_argument("--root", required=True)
        args = parser.parse_args()
        with open(os.path.join(args.root, "input", "input.csv")) as f:
            rows = list(csv.DictReader(f))
        random.Random(args.seed).shuffle(rows)
        cut = int(len(rows) * 0.8)
        for name, part in (("train", rows[:cut]), ("test", rows[cut:])):
            with open(os.path.join(args.root, name, name + ".csv"), "w", newline="") as f:
                writer = csv.DictWriter(f, fieldnames=["x", "y"])
                writer.writeheader()
                writer.writerows(part)
        print(f"prepared {cut} training rows")
        """;

    public const string TrainScript = """
        import csv, json, os, sys
        hps = json.loads(os.environ["SM_HPS"])
        assert hps["epochs"] == 3 and sys.argv[1:3] == ["--epochs", "3"], (hps, sys.argv)
        with open(os.path.join(os.environ["SM_CHANNEL_TRAIN"], "train.csv")) as f:
            rows = [(float(r["x"]), float(r["y"])) for r in csv.DictReader(f)]
        n = len(rows)
        mx = sum(x for x, _ in rows) / n
        my = sum(y for _, y in rows) / n
        slope = sum((x - mx) * (y - my) for x, y in rows) / sum((x - mx) ** 2 for x, _ in rows)
        intercept = my - slope * mx
        mse = sum((y - (slope * x + intercept)) ** 2 for x, y in rows) / n
        print(f"train_mse={mse:.6f}")
        with open(os.path.join(os.environ["SM_MODEL_DIR"], "model.json"), "w") as f:
            json.dump({"slope": round(slope, 12), "intercept": round(intercept, 12)}, f, sort_keys=True)
        """;

    public const string EvaluateScript = """
        import argparse, csv, json, os, tarfile
        parser = argparse.ArgumentParser()
        parser.add_argument("--root", required=True)
        args = parser.parse_args()
        with tarfile.open(os.path.join(args.root, "model", "model.tar.gz")) as archive:
            model = json.load(archive.extractfile("model.json"))
        with open(os.path.join(args.root, "test", "test.csv")) as f:
            rows = [(float(r["x"]), float(r["y"])) for r in csv.DictReader(f)]
        mse = sum((y - (model["slope"] * x + model["intercept"])) ** 2 for x, y in rows) / len(rows)
        report = {"regression_metrics": {"mse": {"value": mse, "standard_deviation": 0.0}}}
        with open(os.path.join(args.root, "evaluation", "evaluation.json"), "w") as f:
            json.dump(report, f)
        print(f"test mse {mse}")
        """;
}
