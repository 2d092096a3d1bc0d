namespace Acme.Churn.Pipeline;

// Inside the namespace and from global::, so that no project name can hide them (a project named Path would).
using global::MlPipeline.SageMakerPipelines;
using global::MlPipeline.SageMakerPipelines.Cli;
using global::MlPipeline.SageMakerPipelines.Code;
using global::System.Collections.Generic;
using global::System.IO;
using global::System.Linq;
using PipelineDefinition = global::MlPipeline.SageMakerPipelines.Pipeline;

/// <summary>
/// The Acme.Churn pipeline: Clean → Feature → Train → Evaluate → CheckAuc → ServeCheck → Register, or Fail
/// when the model's AUC on the test split is below the threshold. ServeCheck serves the model archive with the
/// endpoint's code on held-out rows, so a model the endpoint cannot score is never registered. Baseline describes the
/// cleaned data as Model Monitor reads it, and Register records that baseline with the version, so the live endpoint's
/// requests can be compared with what the model learnt from. The same definition runs locally and on SageMaker.
/// </summary>
public static class AcmeChurnPipeline
{
    /// <summary>The S3 prefix of the input data: every CSV file under it (new files there start the pipeline in the cloud).</summary>
    public static Parameter<string> InputData(PipelineSettings settings) => Parameter.String("InputData", $"s3://{settings.Bucket}/{PipelineSettings.Prefix}/data/");

    /// <summary>The instance type of the processing steps.</summary>
    public static readonly Parameter<string> ProcessingInstanceType = Parameter.String("ProcessingInstanceType", "ml.m5.large");

    /// <summary>
    /// How many instances Clean and Feature use: each instance gets its share of the files (ShardedByS3Key) and writes
    /// its own part, so more instances take more data in the same time. The other processing steps use one.
    /// </summary>
    public static readonly Parameter<long> ProcessingInstanceCount = Parameter.Integer("ProcessingInstanceCount", 1);

    /// <summary>The instance type of the training step.</summary>
    public static readonly Parameter<string> TrainingInstanceType = Parameter.String("TrainingInstanceType", "ml.m5.large");

    /// <summary>
    /// How many instances train the model together: Feature writes the training rows as that many files per instance,
    /// each training instance reads its share of them (ShardedByS3Key), and XGBoost builds one model over all.
    /// </summary>
    public static readonly Parameter<long> TrainingInstanceCount = Parameter.Integer("TrainingInstanceCount", 1);

    /// <summary>The approval status of a newly registered model: a person approves it before it is deployed.</summary>
    public static readonly Parameter<string> ModelApprovalStatus = Parameter.String("ModelApprovalStatus", "PendingManualApproval");

    /// <summary>The least test AUC a model needs to be registered.</summary>
    public static readonly Parameter<double> AucThreshold = Parameter.Float("AucThreshold", 0.75);

    /// <summary>The seed of the data split and the model, so a run can be repeated exactly.</summary>
    public static readonly Parameter<long> Seed = Parameter.Integer("Seed", 42);

    /// <summary>The script the endpoint serves the model with (SAGEMAKER_PROGRAM), and the content type of its requests and answers.</summary>
    public const string ServingProgram = "inference.py";

    private const string ServingContentType = "text/csv";

    private static readonly string[] Scripts = ["clean", "feature", "baseline", "train", "evaluation", "inference", "serve_check"];

    private static readonly string[] Channels = ["train", "validation", "transformer"];

    private static readonly string[] FunctionScripts = ["trigger_handler.py", "approval_handler.py", "deploy.py"];

    /// <summary>The pipeline with its scripts and sample data, for the command line.</summary>
    public static PipelineApp App(PipelineSettings settings)
    {
        var code = Code(settings.ProjectRoot);
        return new PipelineApp
        {
            Pipeline = Create(settings, code),
            ProjectRoot = settings.ProjectRoot,
            Objects = [.. code.Values.SelectMany(bundle => bundle.Objects(settings.Bucket, PipelineSettings.Prefix))],
            Functions = [FunctionCode(settings.ProjectRoot)],
            LocalData = new Dictionary<string, string> { [$"s3://{settings.Bucket}/{PipelineSettings.Prefix}/data/sample.csv"] = Path.Combine("data", "sample.csv") },
            DataParameter = InputData(settings).Name,
            PythonRequirements = ["steps/requirements.txt"],
            DefinitionBucket = settings.Bucket,
            DefinitionPrefix = PipelineSettings.Prefix,
        };
    }

    /// <summary>
    /// Each step's scripts: its own script and the helper modules of steps/ it imports (common.py, schema.py…), followed
    /// from import to import, so a helper's change changes the cache key of only the steps that import it.
    /// </summary>
    public static IReadOnlyDictionary<string, CodeBundle> Code(string projectRoot)
    {
        var steps = Path.Combine(projectRoot, "steps");
        return Scripts.ToDictionary(name => name, name => CodeBundle.FromScripts(name, steps, [$"{name}.py"]));
    }

    /// <summary>
    /// The code of the infrastructure stack's functions, as one zip (`bundle` writes functions.zip): the one that
    /// starts the pipeline for new data and on the schedule, and the one that serves an approved model on staging.
    /// </summary>
    public static CodeBundle FunctionCode(string projectRoot) => CodeBundle.FromScripts("functions", Path.Combine(projectRoot, "steps"), FunctionScripts);

    /// <summary>The pipeline.</summary>
    public static PipelineDefinition Create(PipelineSettings settings, IReadOnlyDictionary<string, CodeBundle> code)
    {
        var inputData = InputData(settings);
        var session = new PipelineSession { RoleArn = settings.RoleArn, Region = settings.Region, Bucket = settings.Bucket, Prefix = PipelineSettings.Prefix, KmsKeyId = settings.KmsKeyArn, CacheConfig = new() { ExpireAfter = "P30D" } };
        var prepare = FrameworkProcessor.Sklearn(session) with { InstanceType = ProcessingInstanceType, InstanceCount = ProcessingInstanceCount, MaxRuntimeInSeconds = 3600 };
        var single = prepare with { InstanceCount = 1 };
        var processor = FrameworkProcessor.Xgboost(session) with { InstanceType = ProcessingInstanceType, MaxRuntimeInSeconds = 3600 };
        var estimator = FrameworkEstimator.Xgboost(session) with
        {
            InstanceType = TrainingInstanceType,
            InstanceCount = TrainingInstanceCount,
            MaxRuntimeInSeconds = 3600,
            MetricDefinitions = [new MetricDefinition { Name = "validation:auc", Regex = "validation:auc=([0-9.]+)" }],
        };

        // Each instance of Clean and Feature reads its share of the files and writes its own part; Feature fits its
        // transformer from every Clean instance's statistics of the training split, as one instance would.
        var clean = prepare.Step("Clean", code["clean"], "clean.py", job =>
        [
            "--input-dir", job.Input("data", inputData, "/opt/ml/processing/input/data", S3DataDistributionType.ShardedByS3Key),
            "--output-dir", job.Output("cleaned"), "--report-dir", job.Output("report"), "--seed", Seed,
        ]);
        var feature = prepare.Step("Feature", code["feature"], "feature.py", job =>
        [
            "--input-dir", job.Input("cleaned", clean.OutputS3Uri("cleaned"), "/opt/ml/processing/input/data", S3DataDistributionType.ShardedByS3Key),
            "--statistics-dir", job.Input("report", clean.OutputS3Uri("report"), "/opt/ml/processing/input/report"), "--seed", Seed,
            "--train-dir", job.Output("train"), "--validation-dir", job.Output("validation"), "--test-dir", job.Output("test"),
            "--transformer-dir", job.Output("transformer"), "--holdout-dir", job.Output("holdout"), "--train-parts", TrainingInstanceCount,
        ]);
        // The data-quality baseline of the cleaned data (statistics.json, constraints.json), registered with the model.
        var baseline = single.Step("Baseline", code["baseline"], "baseline.py", job =>
            ["--input-dir", job.Input("cleaned", clean.OutputS3Uri("cleaned"), "/opt/ml/processing/input/data"), "--output-dir", job.Output("baseline")]);
        var train = estimator.Step("Train", code["train"], "train.py",
            // Each training instance reads its share of the train files; validation and the transformer go to every one.
            [.. Channels.Select(channel => new TrainingInput(channel, feature.OutputS3Uri(channel))
            {
                ContentType = ContentType.TextCsv,
                S3DataDistributionType = channel == "train" ? S3DataDistributionType.ShardedByS3Key : S3DataDistributionType.FullyReplicated,
            })],
            new HyperParameters { { "seed", Seed }, { "num_round", 150 }, { "max_depth", 4 }, { "eta", 0.1 }, { "subsample", 0.9 } });
        var evaluate = processor.Step("Evaluate", code["evaluation"], "evaluation.py", job =>
        [
            "--model-dir", job.Input("model", train.ModelArtifacts), "--test-dir", job.Input("test", feature.OutputS3Uri("test")),
            "--output-dir", job.Output("evaluation", propertyFileName: "EvaluationReport", filePath: "evaluation.json"), "--seed", Seed,
        ]);
        // The endpoint's container and code on held-out rows: it must answer what Evaluate scored, or nothing is registered.
        var serveCheck = processor.Step("ServeCheck", code["serve_check"], "serve_check.py", job =>
        [
            "--model-dir", job.Input("model", train.ModelArtifacts), "--code-dir", job.Input("serving", session.CodeArchiveS3Uri(code["inference"])),
            "--program", ServingProgram, "--holdout-dir", job.Input("holdout", feature.OutputS3Uri("holdout")),
            "--predictions-dir", job.Input("predictions", evaluate.OutputS3Uri("evaluation")), "--output-dir", job.Output("report"),
            "--content-type", ServingContentType, "--accept", ServingContentType,
        ]);
        var register = estimator.Register("Register", train, new ModelRegistration
        {
            ModelPackageGroupName = PipelineSettings.ModelPackageGroup,
            ApprovalStatus = ModelApprovalStatus,
            Code = code["inference"],
            EntryPoint = ServingProgram,
            ContentTypes = [ServingContentType],
            ModelQualityStatistics = Functions.Join("/", evaluate.OutputS3Uri("evaluation"), "evaluation.json"),
            DataQualityStatistics = Functions.Join("/", baseline.OutputS3Uri("baseline"), "statistics.json"),
            DataQualityConstraints = Functions.Join("/", baseline.OutputS3Uri("baseline"), "constraints.json"),
        }) with { DependsOn = [serveCheck.Name] };
        var checkAuc = new ConditionStep
        {
            Name = "CheckAuc",
            Conditions = [Condition.GreaterThanOrEqualTo(evaluate.PropertyFile("EvaluationReport").Get("binary_classification_metrics.auc.value"), AucThreshold)],
            IfSteps = [serveCheck, register],
            ElseSteps = [new FailStep { Name = "AucTooLow", ErrorMessage = Functions.Join(" ", "The model's test AUC is below the threshold", AucThreshold) }],
        };

        return new PipelineDefinition
        {
            Name = PipelineSettings.PipelineName,
            Description = "A machine-learning pipeline for Amazon SageMaker.",
            Parameters = [inputData, ProcessingInstanceType, ProcessingInstanceCount, TrainingInstanceType, TrainingInstanceCount, ModelApprovalStatus, AucThreshold, Seed],
            Steps = [clean, feature, baseline, train, evaluate, checkAuc],
        };
    }
}
