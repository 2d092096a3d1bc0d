namespace Acme.Churn2.Pipeline;

// Inside the namespace and from global::, so that no project name can hide them (a project named Path would).
using global::MlPipeline.SageMakerPipelines;
using global::MlPipeline.SageMakerPipelines.Cli;
using global::MlPipeline.SageMakerPipelines.Code;
using global::MlPipeline.SageMakerPipelines.Images;
using global::System.Collections.Generic;
using global::System.IO;
using global::System.Linq;

/// <summary>
/// The Acme.Churn-2 pipeline: Clean → Feature → Train → Evaluate → CheckAuc → ServeCheck → Register, or Fail
/// when the model's AUC on the test split is below the threshold. ServeCheck serves the model archive with the
/// endpoint's code on held-out rows, so a model the endpoint cannot score is never registered. The same definition
/// runs locally and on SageMaker.
/// </summary>
public static class AcmeChurn2Pipeline
{
    /// <summary>The S3 prefix of the input data: every CSV file under it (new files there start the pipeline in the cloud).</summary>
    public static Parameter InputData(PipelineSettings settings) => Parameter.String("InputData", $"s3://{settings.Bucket}/{PipelineSettings.Prefix}/data/");

    /// <summary>The instance type of the processing steps.</summary>
    public static readonly Parameter ProcessingInstanceType = Parameter.String("ProcessingInstanceType", "ml.m5.large");

    /// <summary>How many instances each processing step uses.</summary>
    public static readonly Parameter ProcessingInstanceCount = Parameter.Integer("ProcessingInstanceCount", 1);

    /// <summary>The instance type of the training step.</summary>
    public static readonly Parameter TrainingInstanceType = Parameter.String("TrainingInstanceType", "ml.m5.large");

    /// <summary>The approval status of a newly registered model: a person approves it before it is deployed.</summary>
    public static readonly Parameter ModelApprovalStatus = Parameter.String("ModelApprovalStatus", "PendingManualApproval");

    /// <summary>The least test AUC a model needs to be registered.</summary>
    public static readonly Parameter AucThreshold = Parameter.Float("AucThreshold", 0.75);

    /// <summary>The seed of the data split and the model, so a run can be repeated exactly.</summary>
    public static readonly Parameter Seed = Parameter.Integer("Seed", 42);

    /// <summary>The script the endpoint serves the model with (SAGEMAKER_PROGRAM), and the content type of its requests and answers.</summary>
    public const string ServingProgram = "inference.py";

    private const string ServingContentType = "text/csv";

    private static readonly string[] Scripts = ["clean", "feature", "train", "evaluation", "inference", "serve_check"];

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
    /// Each step's scripts: its own script and the helper modules of steps/ it imports (common.py, schema.py…),
    /// followed from import to import. A change to a helper changes the code, and so the cache key, of only the steps
    /// that import it; SageMaker gets the same files.
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
    public static global::MlPipeline.SageMakerPipelines.Pipeline Create(PipelineSettings settings, IReadOnlyDictionary<string, CodeBundle> code)
    {
        var inputData = InputData(settings);
        var image = ImageUris.Sklearn(settings.Region);
        var processingImage = ImageUris.Sklearn(settings.Region);

        var clean = Processing(settings, "Clean", processingImage, code["clean"], "clean.py",
            [Input("data", inputData, "/opt/ml/processing/input/data")],
            ["cleaned"],
            ["--input-dir", "/opt/ml/processing/input/data", "--output-dir", "/opt/ml/processing/cleaned"]);
        var feature = Processing(settings, "Feature", processingImage, code["feature"], "feature.py",
            [Input("cleaned", clean.OutputS3Uri("cleaned"), "/opt/ml/processing/input/data")],
            ["train", "validation", "test", "transformer", "holdout"],
            [
                "--input-dir", "/opt/ml/processing/input/data", "--seed", Seed,
                "--train-dir", "/opt/ml/processing/train", "--validation-dir", "/opt/ml/processing/validation",
                "--test-dir", "/opt/ml/processing/test", "--transformer-dir", "/opt/ml/processing/transformer",
                "--holdout-dir", "/opt/ml/processing/holdout",
            ]);
        var train = new TrainingStep
        {
            Name = "Train",
            Arguments = new TrainingJobArguments
            {
                AlgorithmSpecification = new AlgorithmSpecification
                {
                    TrainingImage = image,
                    TrainingInputMode = TrainingInputMode.File,
                    MetricDefinitions = [new MetricDefinition { Name = "validation:auc", Regex = "validation:auc=([0-9.]+)" }],
                },
                RoleArn = settings.RoleArn,
                InputDataConfig =
                [
                    Channel("train", feature.OutputS3Uri("train")),
                    Channel("validation", feature.OutputS3Uri("validation")),
                    Channel("transformer", feature.OutputS3Uri("transformer")),
                ],
                OutputDataConfig = new OutputDataConfig { S3OutputPath = $"s3://{settings.Bucket}/{PipelineSettings.Prefix}/models" },
                ResourceConfig = new ResourceConfig { InstanceType = TrainingInstanceType, InstanceCount = 1, VolumeSizeInGB = 30 },
                StoppingCondition = new StoppingCondition { MaxRuntimeInSeconds = 3600 },
                HyperParameters = new Dictionary<string, PipelineString>
                {
                    // Script mode: the framework container runs train.py from sourcedir.tar.gz.
                    ["sagemaker_program"] = "\"train.py\"",
                    ["sagemaker_submit_directory"] = $"\"{code["train"].ArchiveS3Uri(settings.Bucket, PipelineSettings.Prefix)}\"",
                    ["sagemaker_region"] = $"\"{settings.Region}\"",
                    ["seed"] = Seed,
                    ["n_estimators"] = 150,
                    ["max_depth"] = 3,
                    ["learning_rate"] = 0.1,
                },
            },
            CacheConfig = new CacheConfig { ExpireAfter = "P30D" },
        };
        var evaluate = Processing(settings, "Evaluate", image, code["evaluation"], "evaluation.py",
            [Input("model", train.ModelArtifacts, "/opt/ml/processing/model"), Input("test", feature.OutputS3Uri("test"), "/opt/ml/processing/test")],
            ["evaluation"],
            ["--model-dir", "/opt/ml/processing/model", "--test-dir", "/opt/ml/processing/test", "--output-dir", "/opt/ml/processing/evaluation", "--seed", Seed]) with
        {
            PropertyFiles = [new PropertyFile { PropertyFileName = "EvaluationReport", OutputName = "evaluation", FilePath = "evaluation.json" }],
        };
        // The endpoint's container and code, on the test split's rows: what the endpoint answers must be what Evaluate
        // scored, or the run stops here and nothing is registered.
        var serveCheck = Processing(settings, "ServeCheck", image, code["serve_check"], "serve_check.py",
            [
                Input("model", train.ModelArtifacts, "/opt/ml/processing/model"),
                Input("serving", code["inference"].ArchiveS3Uri(settings.Bucket, PipelineSettings.Prefix), "/opt/ml/processing/serving"),
                Input("holdout", feature.OutputS3Uri("holdout"), "/opt/ml/processing/holdout"),
                Input("predictions", evaluate.OutputS3Uri("evaluation"), "/opt/ml/processing/predictions"),
            ],
            ["report"],
            [
                "--model-dir", "/opt/ml/processing/model", "--code-dir", "/opt/ml/processing/serving", "--program", ServingProgram,
                "--holdout-dir", "/opt/ml/processing/holdout", "--predictions-dir", "/opt/ml/processing/predictions",
                "--output-dir", "/opt/ml/processing/report", "--content-type", ServingContentType, "--accept", ServingContentType,
            ]);
        var register = new RegisterModelStep
        {
            Name = "Register",
            DependsOn = [serveCheck.Name],
            Arguments = new CreateModelPackageArguments
            {
                ModelPackageGroupName = PipelineSettings.ModelPackageGroup,
                ModelApprovalStatus = ModelApprovalStatus,
                InferenceSpecification = new InferenceSpecification
                {
                    Containers =
                    [
                        new ModelPackageContainerDefinition
                        {
                            Image = image,
                            ModelDataUrl = train.ModelArtifacts,
                            // The framework container serves the model with steps/inference.py.
                            Environment = new Dictionary<string, PipelineString>
                            {
                                ["SAGEMAKER_PROGRAM"] = ServingProgram,
                                ["SAGEMAKER_SUBMIT_DIRECTORY"] = code["inference"].ArchiveS3Uri(settings.Bucket, PipelineSettings.Prefix),
                                ["SAGEMAKER_CONTAINER_LOG_LEVEL"] = "20",
                                ["SAGEMAKER_REGION"] = settings.Region,
                            },
                        },
                    ],
                    SupportedContentTypes = [ServingContentType],
                    SupportedResponseMIMETypes = [ServingContentType],
                    SupportedRealtimeInferenceInstanceTypes = ["ml.m5.large"],
                    SupportedTransformInstanceTypes = ["ml.m5.large"],
                },
                ModelMetrics = new ModelMetrics
                {
                    ModelQuality = new ModelQuality
                    {
                        Statistics = new MetricsSource { ContentType = "application/json", S3Uri = Functions.Join("/", evaluate.OutputS3Uri("evaluation"), "evaluation.json") },
                    },
                },
            },
        };
        var checkAuc = new ConditionStep
        {
            Name = "CheckAuc",
            Conditions = [Condition.GreaterThanOrEqualTo(Functions.JsonGet(evaluate.PropertyFile("EvaluationReport"), "binary_classification_metrics.auc.value"), AucThreshold)],
            IfSteps = [serveCheck, register],
            ElseSteps = [new FailStep { Name = "AucTooLow", ErrorMessage = Functions.Join(" ", "The model's test AUC is below the threshold", AucThreshold) }],
        };

        return new global::MlPipeline.SageMakerPipelines.Pipeline
        {
            Name = PipelineSettings.PipelineName,
            Description = "A machine-learning pipeline for Amazon SageMaker.",
            Parameters = [inputData, ProcessingInstanceType, ProcessingInstanceCount, TrainingInstanceType, ModelApprovalStatus, AucThreshold, Seed],
            Steps = [clean, feature, train, evaluate, checkAuc],
        };
    }

    private static ProcessingStep Processing(
        PipelineSettings settings, string name, string image, CodeBundle code, string script, ProcessingInput[] inputs, string[] outputs, PipelineString[] arguments) => new()
    {
        Name = name,
        Arguments = new ProcessingJobArguments
        {
            ProcessingResources = new ProcessingResources
            {
                ClusterConfig = new ProcessingClusterConfig { InstanceType = ProcessingInstanceType, InstanceCount = ProcessingInstanceCount, VolumeSizeInGB = 30 },
            },
            AppSpecification = new AppSpecification
            {
                ImageUri = image,
                ContainerEntrypoint = ["python3", $"/opt/ml/processing/input/code/{script}"],
                ContainerArguments = arguments,
            },
            RoleArn = settings.RoleArn,
            ProcessingInputs = [.. inputs, Input("code", code.S3Prefix(settings.Bucket, PipelineSettings.Prefix), "/opt/ml/processing/input/code")],
            ProcessingOutputConfig = new ProcessingOutputConfig
            {
                Outputs = [.. outputs.Select(output => new ProcessingOutput
                {
                    OutputName = output,
                    S3Output = new ProcessingS3Output
                    {
                        S3Uri = Functions.Join("/", $"s3://{settings.Bucket}/{PipelineSettings.Prefix}/runs", ExecutionVariables.PipelineExecutionId, name, output),
                        LocalPath = $"/opt/ml/processing/{output}",
                        S3UploadMode = S3UploadMode.EndOfJob,
                    },
                })],
            },
            StoppingCondition = new StoppingCondition { MaxRuntimeInSeconds = 3600 },
        },
        CacheConfig = new CacheConfig { ExpireAfter = "P30D" },
    };

    private static ProcessingInput Input(string name, PipelineValue source, string localPath) => new()
    {
        InputName = name,
        S3Input = new ProcessingS3Input
        {
            S3Uri = source,
            LocalPath = localPath,
            S3DataType = S3DataType.S3Prefix,
            S3InputMode = S3InputMode.File,
            S3DataDistributionType = S3DataDistributionType.FullyReplicated,
        },
    };

    private static Channel Channel(string name, PipelineValue source) => new()
    {
        ChannelName = name,
        DataSource = new DataSource
        {
            S3DataSource = new S3DataSource { S3DataType = S3DataType.S3Prefix, S3Uri = source, S3DataDistributionType = S3DataDistributionType.FullyReplicated },
        },
        ContentType = ContentType.TextCsv,
    };
}
