using MlPipeline.SageMakerPipelines.Images;

namespace MlPipeline.SageMakerPipelines.Tests.Fixtures;

/// <summary>A pipeline with every step kind and step option, for the API-shape and schema conformance checks.</summary>
internal static class EveryStepKindPipeline
{
    public static Pipeline Create()
    {
        var useTuning = Parameter.Boolean("UseTuning", false);
        var region = Parameter.String("Region", "us-east-1");
        var process = AbalonePipeline.Process() with
        {
            CacheConfig = new CacheConfig { ExpireAfter = "P30D" },
            RetryPolicies = [new RetryPolicy { ExceptionType = ["Step.SERVICE_FAULT", "Step.THROTTLING"], IntervalSeconds = 1, BackoffRate = 2.0, MaxAttempts = 5 }],
            DisplayName = "Prepare",
            Description = "Splits the data.",
        };
        var train = AbalonePipeline.Train(process) with
        {
            RetryPolicies = [new RetryPolicy { ExceptionType = ["SageMaker.JOB_INTERNAL_ERROR", "SageMaker.CAPACITY_ERROR"], IntervalSeconds = 60, MaxAttempts = 3 }],
        };
        var tune = new TuningStep
        {
            Name = "Tune",
            DependsOn = [train.Name],
            Arguments = new TuningJobArguments
            {
                HyperParameterTuningJobConfig = new HyperParameterTuningJobConfig
                {
                    Strategy = "Bayesian",
                    HyperParameterTuningJobObjective = new HyperParameterTuningJobObjective { Type = "Minimize", MetricName = "validation:rmse" },
                    ResourceLimits = new ResourceLimits { MaxNumberOfTrainingJobs = 4, MaxParallelTrainingJobs = 2 },
                    ParameterRanges = new ParameterRanges
                    {
                        IntegerParameterRanges = [new IntegerParameterRange { Name = "max_depth", MinValue = 3, MaxValue = 10, ScalingType = "Auto" }],
                        ContinuousParameterRanges = [new ContinuousParameterRange { Name = "eta", MinValue = 0.05, MaxValue = 0.5 }],
                        CategoricalParameterRanges = [new CategoricalParameterRange { Name = "booster", Values = ["gbtree", "dart"] }],
                    },
                },
                TrainingJobDefinition = new HyperParameterTrainingJobDefinition
                {
                    AlgorithmSpecification = train.Arguments.AlgorithmSpecification with
                    {
                        MetricDefinitions = [new MetricDefinition { Name = "validation:rmse", Regex = ".*\\[[0-9]+\\].*#011validation-rmse:([-+]?[0-9]*\\.?[0-9]+)" }],
                    },
                    RoleArn = AbalonePipeline.Role,
                    InputDataConfig = train.Arguments.InputDataConfig,
                    OutputDataConfig = new OutputDataConfig { S3OutputPath = $"s3://{AbalonePipeline.Bucket}/abalone/tuning" },
                    ResourceConfig = train.Arguments.ResourceConfig,
                    StoppingCondition = train.Arguments.StoppingCondition,
                    StaticHyperParameters = new Dictionary<string, PipelineString> { ["objective"] = "reg:squarederror", ["num_round"] = 50 },
                },
            },
            CacheConfig = new CacheConfig { Enabled = false },
        };
        var model = new CreateModelStep
        {
            Name = "CreateModel",
            Arguments = new CreateModelArguments
            {
                ExecutionRoleArn = AbalonePipeline.Role,
                PrimaryContainer = new ContainerDefinition
                {
                    Image = ImageUris.Xgboost("us-east-1"),
                    ModelDataUrl = tune.TopModelArtifacts(0, $"s3://{AbalonePipeline.Bucket}/abalone/tuning"),
                    Environment = new Dictionary<string, PipelineString> { ["REGION"] = region, ["USE_TUNING"] = useTuning },
                },
            },
        };
        var transform = new TransformStep
        {
            Name = "BatchTransform",
            Arguments = new TransformJobArguments
            {
                ModelName = model.ModelName,
                TransformInput = new TransformInput
                {
                    DataSource = new TransformDataSource { S3DataSource = new TransformS3DataSource { S3DataType = S3DataType.S3Prefix, S3Uri = process.OutputS3Uri("test") } },
                    ContentType = ContentType.TextCsv,
                    SplitType = "Line",
                },
                TransformOutput = new TransformOutput { S3OutputPath = $"s3://{AbalonePipeline.Bucket}/abalone/transform", AssembleWith = "Line" },
                TransformResources = new TransformResources { InstanceType = InstanceType.MlM5Xlarge, InstanceCount = 1 },
            },
        };
        // Every report and baseline CreateModelPackage takes for drift checks: model quality and data quality.
        var report = new MetricsSource { ContentType = "application/json", S3Uri = Functions.Join("/", process.OutputS3Uri("test"), "statistics.json") };
        var limits = new MetricsSource { ContentType = "application/json", S3Uri = Functions.Join("/", process.OutputS3Uri("test"), "constraints.json") };
        var register = new RegisterModelStep
        {
            Name = "RegisterTuned",
            Arguments = new CreateModelPackageArguments
            {
                ModelPackageGroupName = "AbaloneModelPackageGroupName",
                InferenceSpecification = new InferenceSpecification
                {
                    Containers = [new ModelPackageContainerDefinition { Image = ImageUris.Xgboost("us-east-1"), ModelDataUrl = tune.TopModelArtifacts(0, $"s3://{AbalonePipeline.Bucket}/abalone/tuning") }],
                    SupportedContentTypes = ["text/csv"],
                    SupportedResponseMIMETypes = ["text/csv"],
                },
                ModelMetrics = new ModelMetrics { ModelDataQuality = new ModelDataQuality { Statistics = report, Constraints = limits } },
                DriftCheckBaselines = new DriftCheckBaselines
                {
                    ModelQuality = new DriftCheckModelQuality { Statistics = report, Constraints = limits },
                    ModelDataQuality = new DriftCheckModelDataQuality { Statistics = report, Constraints = limits },
                },
            },
        };
        var check = new ConditionStep
        {
            Name = "Check",
            Conditions =
            [
                Condition.Or(Condition.EqualTo(useTuning, true), Condition.Not(Condition.In(region, "us-east-1", "eu-west-1"))),
                Condition.GreaterThan(train.FinalMetric("validation:rmse"), 0.0),
            ],
            IfSteps = [tune, model, transform, register],
            ElseSteps = [new FailStep { Name = "Stop", ErrorMessage = "Not tuning." }],
        };
        return new Pipeline
        {
            Name = "every-step-kind",
            Parameters = [AbalonePipeline.ProcessingInstanceCount, AbalonePipeline.InstanceType, AbalonePipeline.InputData, useTuning, region],
            Steps = [process, train, check],
            ExperimentConfig = PipelineExperimentConfig.Default,
        };
    }
}
