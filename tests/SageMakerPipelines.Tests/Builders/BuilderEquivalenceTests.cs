using System.Text;
using MlPipeline.SageMakerPipelines.Code;
using MlPipeline.SageMakerPipelines.Images;

namespace MlPipeline.SageMakerPipelines.Tests.Builders;

/// <summary>
/// The builders write exactly the request records a pipeline written at the request level writes: each case builds
/// the same step both ways (the request-level side is what the generated pipeline class spelled out before it used
/// the builders) and compares the definitions byte for byte.
/// </summary>
public class BuilderEquivalenceTests
{
    private static readonly CodeBundle Prepare = Bundle("prepare", "prepare.py", "common.py");
    private static readonly CodeBundle Trainer = Bundle("train", "train.py", "common.py");
    private static readonly CodeBundle Serving = Bundle("inference", "inference.py");

    public static TheoryData<string, string, string> Sessions => new()
    {
        { "churn-test", "churn", "us-east-1" },
        { "my.bucket-2", "", "eu-west-1" },
        { "b", "deep/prefix/", "ap-southeast-2" },
    };

    [Theory]
    [MemberData(nameof(Sessions))]
    public void A_framework_processor_step_writes_the_request_records(string bucket, string prefix, string region)
    {
        var session = Session(bucket, prefix, region);
        var count = Parameter.Integer("Count", 2);
        var type = Parameter.String("Type", "ml.c5.xlarge");
        var input = Parameter.String("Input", "s3://in/");
        var processor = FrameworkProcessor.Xgboost(session) with { InstanceType = type, InstanceCount = count, VolumeSizeInGB = 50, MaxRuntimeInSeconds = 1200 };

        var built = processor.Step("Prepare", Prepare, "prepare.py", job =>
        [
            "--in", job.Input("raw", input, "/opt/ml/processing/input/raw", S3DataDistributionType.ShardedByS3Key), "--n", count,
            "--out", job.Output("train"), "--report", job.Output("report", "Report", "metrics/report.json"),
        ]);

        var written = new ProcessingStep
        {
            Name = "Prepare",
            Arguments = new ProcessingJobArguments
            {
                ProcessingResources = new ProcessingResources { ClusterConfig = new ProcessingClusterConfig { InstanceType = type, InstanceCount = count, VolumeSizeInGB = 50 } },
                AppSpecification = new AppSpecification
                {
                    ImageUri = ImageUris.Xgboost(region),
                    ContainerEntrypoint = ["python3", "/opt/ml/processing/input/code/prepare.py"],
                    ContainerArguments = ["--in", "/opt/ml/processing/input/raw", "--n", count, "--out", "/opt/ml/processing/train", "--report", "/opt/ml/processing/report"],
                },
                RoleArn = session.RoleArn,
                ProcessingInputs = [Input("raw", input, "/opt/ml/processing/input/raw", S3DataDistributionType.ShardedByS3Key), Input("code", Prepare.S3Prefix(bucket, prefix), "/opt/ml/processing/input/code")],
                ProcessingOutputConfig = new ProcessingOutputConfig { Outputs = [Output(session, "Prepare", "train"), Output(session, "Prepare", "report")] },
                StoppingCondition = new StoppingCondition { MaxRuntimeInSeconds = 1200 },
            },
            PropertyFiles = [new PropertyFile { PropertyFileName = "Report", OutputName = "report", FilePath = "metrics/report.json" }],
            CacheConfig = session.CacheConfig,
        };

        Assert.Equal(Json(written), Json(built));
        Assert.Equal(Json(written with { CacheConfig = null }), Json(built with { CacheConfig = null }));
    }

    [Fact]
    public void A_processor_without_arguments_outputs_or_runtime_leaves_them_out_as_the_records_do()
    {
        var session = Session("b", "p", "us-east-1") with { CacheConfig = null };
        var built = FrameworkProcessor.Sklearn(session, "1.0-1").Step("Only", Prepare, "common.py", _ => []);

        var written = new ProcessingStep
        {
            Name = "Only",
            Arguments = new ProcessingJobArguments
            {
                ProcessingResources = new ProcessingResources { ClusterConfig = new ProcessingClusterConfig { InstanceType = "ml.m5.large", InstanceCount = 1, VolumeSizeInGB = 30 } },
                AppSpecification = new AppSpecification { ImageUri = ImageUris.Sklearn("us-east-1", "1.0-1"), ContainerEntrypoint = ["python3", "/opt/ml/processing/input/code/common.py"] },
                RoleArn = session.RoleArn,
                ProcessingInputs = [Input("code", Prepare.S3Prefix("b", "p"), "/opt/ml/processing/input/code")],
            },
        };

        Assert.Equal(Json(written), Json(built));
    }

    [Theory]
    [MemberData(nameof(Sessions))]
    public void A_framework_estimator_step_writes_the_request_records(string bucket, string prefix, string region)
    {
        var session = Session(bucket, prefix, region);
        var seed = Parameter.Integer("Seed", 7);
        var rate = Parameter.Float("Rate", 0.3);
        var objective = Parameter.String("Objective", "binary:logistic");
        var data = Parameter.String("Data", "s3://data/");
        var estimator = FrameworkEstimator.Sklearn(session) with
        {
            InstanceType = InstanceType.MlM5Xlarge,
            InstanceCount = 2,
            MaxRuntimeInSeconds = 600,
            MetricDefinitions = [new MetricDefinition { Name = "auc", Regex = "auc=([0-9.]+)" }],
        };

        var built = estimator.Step(
            "Fit", Trainer, "train.py",
            [new TrainingInput("train", data) { ContentType = ContentType.TextCsv }, new TrainingInput("extra", "s3://x/") { S3DataType = S3DataType.ManifestFile, InputMode = TrainingInputMode.Pipe }],
            new HyperParameters { { "seed", seed }, { "rate", rate }, { "objective", objective }, { "depth", 3 }, { "eta", 0.25 }, { "label", "y \"quoted\"" }, { "early", true } });

        var written = new TrainingStep
        {
            Name = "Fit",
            Arguments = new TrainingJobArguments
            {
                AlgorithmSpecification = new AlgorithmSpecification
                {
                    TrainingImage = ImageUris.Sklearn(region),
                    TrainingInputMode = TrainingInputMode.File,
                    MetricDefinitions = [new MetricDefinition { Name = "auc", Regex = "auc=([0-9.]+)" }],
                },
                RoleArn = session.RoleArn,
                InputDataConfig =
                [
                    new Channel
                    {
                        ChannelName = "train", ContentType = ContentType.TextCsv,
                        DataSource = new DataSource { S3DataSource = new S3DataSource { S3DataType = S3DataType.S3Prefix, S3Uri = data, S3DataDistributionType = S3DataDistributionType.FullyReplicated } },
                    },
                    new Channel
                    {
                        ChannelName = "extra", InputMode = TrainingInputMode.Pipe,
                        DataSource = new DataSource { S3DataSource = new S3DataSource { S3DataType = S3DataType.ManifestFile, S3Uri = "s3://x/", S3DataDistributionType = S3DataDistributionType.FullyReplicated } },
                    },
                ],
                OutputDataConfig = new OutputDataConfig { S3OutputPath = $"s3://{bucket}/{(prefix.Trim('/').Length == 0 ? "" : prefix.Trim('/') + "/")}models" },
                ResourceConfig = new ResourceConfig { InstanceType = "ml.m5.xlarge", InstanceCount = 2, VolumeSizeInGB = 30 },
                StoppingCondition = new StoppingCondition { MaxRuntimeInSeconds = 600 },
                HyperParameters = new Dictionary<string, PipelineString>
                {
                    ["sagemaker_program"] = "\"train.py\"",
                    ["sagemaker_submit_directory"] = $"\"{Trainer.ArchiveS3Uri(bucket, prefix)}\"",
                    ["sagemaker_region"] = $"\"{region}\"",
                    ["seed"] = seed,
                    ["rate"] = rate,
                    ["objective"] = objective,
                    ["depth"] = 3,
                    ["eta"] = 0.25,
                    ["label"] = "\"y \\\"quoted\\\"\"",
                    ["early"] = true,
                },
            },
            CacheConfig = session.CacheConfig,
        };

        Assert.Equal(Json(written), Json(built));
    }

    [Theory]
    [MemberData(nameof(Sessions))]
    public void Registering_a_training_steps_model_writes_the_request_records(string bucket, string prefix, string region)
    {
        var session = Session(bucket, prefix, region);
        var estimator = FrameworkEstimator.Xgboost(session);
        var train = estimator.Step("Train", Trainer, "train.py", []);
        var status = Parameter.String("Status", "PendingManualApproval");
        var report = Functions.Join("/", "s3://r", ExecutionVariables.PipelineExecutionId, "evaluation.json");

        var built = estimator.Register("Register", train, new ModelRegistration
        {
            ModelPackageGroupName = "group",
            ApprovalStatus = status,
            Code = Serving,
            EntryPoint = "inference.py",
            ContentTypes = ["text/csv"],
            ResponseTypes = ["application/json"],
            InferenceInstanceTypes = ["ml.c5.xlarge"],
            ModelQualityStatistics = report,
            DataQualityStatistics = "s3://b/baseline/statistics.json",
            DataQualityConstraints = "s3://b/baseline/constraints.json",
        });

        var statistics = new MetricsSource { ContentType = "application/json", S3Uri = "s3://b/baseline/statistics.json" };
        var constraints = new MetricsSource { ContentType = "application/json", S3Uri = "s3://b/baseline/constraints.json" };
        var written = new RegisterModelStep
        {
            Name = "Register",
            Arguments = new CreateModelPackageArguments
            {
                ModelPackageGroupName = "group",
                ModelApprovalStatus = status,
                InferenceSpecification = new InferenceSpecification
                {
                    Containers =
                    [
                        new ModelPackageContainerDefinition
                        {
                            Image = ImageUris.Xgboost(region),
                            ModelDataUrl = train.ModelArtifacts,
                            Environment = new Dictionary<string, PipelineString>
                            {
                                ["SAGEMAKER_PROGRAM"] = "inference.py",
                                ["SAGEMAKER_SUBMIT_DIRECTORY"] = Serving.ArchiveS3Uri(bucket, prefix),
                                ["SAGEMAKER_CONTAINER_LOG_LEVEL"] = "20",
                                ["SAGEMAKER_REGION"] = region,
                            },
                        },
                    ],
                    SupportedContentTypes = ["text/csv"],
                    SupportedResponseMIMETypes = ["application/json"],
                    SupportedRealtimeInferenceInstanceTypes = ["ml.c5.xlarge"],
                    SupportedTransformInstanceTypes = ["ml.m5.large"],
                },
                ModelMetrics = new ModelMetrics
                {
                    ModelQuality = new ModelQuality { Statistics = new MetricsSource { ContentType = "application/json", S3Uri = report } },
                    ModelDataQuality = new ModelDataQuality { Statistics = statistics, Constraints = constraints },
                },
                DriftCheckBaselines = new DriftCheckBaselines { ModelDataQuality = new DriftCheckModelDataQuality { Statistics = statistics, Constraints = constraints } },
            },
        };

        Assert.Equal(Json(written), Json(built));
        var bare = Json(estimator.Register("R", train, new ModelRegistration { ModelPackageGroupName = "g", Code = Serving, EntryPoint = "inference.py", ContentTypes = ["text/csv"] }));
        Assert.DoesNotContain("ModelMetrics", bare, StringComparison.Ordinal);
        Assert.DoesNotContain("DriftCheckBaselines", bare, StringComparison.Ordinal);
        // A baseline without a model-quality report: ModelMetrics holds only the data-quality part.
        var baselineOnly = System.Text.Json.Nodes.JsonNode.Parse(Json(estimator.Register("R", train, new ModelRegistration
        {
            ModelPackageGroupName = "g",
            Code = Serving,
            EntryPoint = "inference.py",
            ContentTypes = ["text/csv"],
            DataQualityStatistics = "s3://b/s.json",
        })))!;
        Assert.Equal(["ModelDataQuality"], baselineOnly["Steps"]![0]!["Arguments"]!["ModelMetrics"]!.AsObject().Select(p => p.Key));
        Assert.Equal("s3://b/s.json", baselineOnly["Steps"]![0]!["Arguments"]!["DriftCheckBaselines"]!["ModelDataQuality"]!["Statistics"]!["S3Uri"]!.GetValue<string>());
    }

    [Fact]
    public void A_condition_on_a_property_file_is_one_expression_and_the_same_json_get()
    {
        var session = Session("b", "p", "us-east-1");
        var evaluate = FrameworkProcessor.Sklearn(session).Step("Evaluate", Prepare, "prepare.py", job => ["--out", job.Output("evaluation", "EvaluationReport", "evaluation.json")]);
        var threshold = Parameter.Float("Threshold", 0.7);

        var oneExpression = Condition.GreaterThanOrEqualTo(evaluate.PropertyFile("EvaluationReport").Get("metrics.auc.value"), threshold);
        var spelledOut = Condition.GreaterThanOrEqualTo(Functions.JsonGet(evaluate.PropertyFile("EvaluationReport"), "metrics.auc.value"), threshold);

        Assert.Equal(Json(new ConditionStep { Name = "C", Conditions = [spelledOut] }), Json(new ConditionStep { Name = "C", Conditions = [oneExpression] }));
        Assert.Throws<ArgumentException>(() => evaluate.PropertyFile("Other"));
    }

    internal static PipelineSession Session(string bucket, string prefix, string region) => new()
    {
        RoleArn = "arn:aws:iam::123456789012:role/Pipeline",
        Region = region,
        Bucket = bucket,
        Prefix = prefix,
        CacheConfig = new CacheConfig { ExpireAfter = "P30D" },
    };

    internal static CodeBundle Bundle(string name, params string[] files) =>
        CodeBundle.Create(name, files.Select(f => (f, Encoding.UTF8.GetBytes($"# {f}\n"))));

    private static ProcessingInput Input(string name, PipelineValue<string> source, string localPath, S3DataDistributionType? distribution = null) => new()
    {
        InputName = name,
        S3Input = new ProcessingS3Input
        {
            S3Uri = source,
            LocalPath = localPath,
            S3DataType = S3DataType.S3Prefix,
            S3InputMode = S3InputMode.File,
            S3DataDistributionType = distribution ?? S3DataDistributionType.FullyReplicated,
        },
    };

    private static ProcessingOutput Output(PipelineSession session, string step, string name) => new()
    {
        OutputName = name,
        S3Output = new ProcessingS3Output
        {
            S3Uri = Functions.Join("/", session.S3Uri("runs"), ExecutionVariables.PipelineExecutionId, step, name),
            LocalPath = $"/opt/ml/processing/{name}",
            S3UploadMode = S3UploadMode.EndOfJob,
        },
    };

    private static string Json(Step step) => new Pipeline { Name = "p", Steps = [step] }.ToJson();
}
