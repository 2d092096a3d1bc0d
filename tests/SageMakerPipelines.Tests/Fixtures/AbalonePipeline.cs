using System.Text;
using MlPipeline.SageMakerPipelines.Code;
using MlPipeline.SageMakerPipelines.Images;

namespace MlPipeline.SageMakerPipelines.Tests.Fixtures;

/// <summary>
/// The reference pipeline, shaped like the SageMaker Python SDK's documented abalone example: processing →
/// training → evaluation with a property file → condition on regression_metrics.mse.value → register, else fail.
/// </summary>
internal static class AbalonePipeline
{
    public const string Role = "arn:aws:iam::123456789012:role/SageMakerPipelineRole";
    public const string Bucket = "sagemaker-us-east-1-123456789012";

    public static readonly Parameter<long> ProcessingInstanceCount = Parameter.Integer("ProcessingInstanceCount", 1);
    public static readonly Parameter<string> InstanceType = Parameter.String("InstanceType", "ml.m5.xlarge");
    public static readonly Parameter<string> ModelApprovalStatus = Parameter.String("ModelApprovalStatus", "PendingManualApproval");
    public static readonly Parameter<string> InputData = Parameter.String("InputData", "s3://sagemaker-sample-files/datasets/tabular/uci_abalone/abalone.csv");
    public static readonly Parameter<double> MseThreshold = Parameter.Float("MseThreshold", 6.0);

    public static CodeAsset Script(string name) => CodeAsset.FromBytes(name, Encoding.UTF8.GetBytes($"# {name}\nprint('hello')\n"));

    public static ProcessingStep Process() => new()
    {
        Name = "AbaloneProcess",
        Arguments = new ProcessingJobArguments
        {
            ProcessingResources = new ProcessingResources
            {
                ClusterConfig = new ProcessingClusterConfig { InstanceType = InstanceType, InstanceCount = ProcessingInstanceCount, VolumeSizeInGB = 30 },
            },
            AppSpecification = new AppSpecification
            {
                ImageUri = ImageUris.Sklearn("us-east-1"),
                ContainerEntrypoint = ["python3", "/opt/ml/processing/input/code/preprocessing.py"],
            },
            RoleArn = Role,
            ProcessingInputs =
            [
                Input("input-1", InputData, "/opt/ml/processing/input"),
                Input("code", Script("preprocessing.py").S3Uri(Bucket, "abalone"), "/opt/ml/processing/input/code"),
            ],
            ProcessingOutputConfig = new ProcessingOutputConfig
            {
                Outputs = [Output("train", "/opt/ml/processing/train"), Output("validation", "/opt/ml/processing/validation"), Output("test", "/opt/ml/processing/test")],
            },
        },
    };

    public static TrainingStep Train(ProcessingStep process) => new()
    {
        Name = "AbaloneTrain",
        Arguments = new TrainingJobArguments
        {
            AlgorithmSpecification = new AlgorithmSpecification { TrainingImage = ImageUris.Xgboost("us-east-1"), TrainingInputMode = TrainingInputMode.File },
            RoleArn = Role,
            InputDataConfig = [Channel("train", process.OutputS3Uri("train")), Channel("validation", process.OutputS3Uri("validation"))],
            OutputDataConfig = new OutputDataConfig { S3OutputPath = $"s3://{Bucket}/abalone/AbaloneTrain" },
            ResourceConfig = new ResourceConfig { InstanceType = "ml.m5.xlarge", InstanceCount = 1, VolumeSizeInGB = 30 },
            StoppingCondition = new StoppingCondition { MaxRuntimeInSeconds = 86400 },
            HyperParameters = new Dictionary<string, PipelineString>
            {
                ["objective"] = "reg:linear",
                ["num_round"] = 50,
                ["max_depth"] = 5,
                ["eta"] = 0.2,
                ["gamma"] = 4,
                ["min_child_weight"] = 6,
                ["subsample"] = 0.7,
            },
        },
    };

    public static ProcessingStep Evaluate(ProcessingStep process, TrainingStep train) => new()
    {
        Name = "AbaloneEval",
        Arguments = new ProcessingJobArguments
        {
            ProcessingResources = new ProcessingResources
            {
                ClusterConfig = new ProcessingClusterConfig { InstanceType = InstanceType.Reference, InstanceCount = 1, VolumeSizeInGB = 30 },
            },
            AppSpecification = new AppSpecification
            {
                ImageUri = ImageUris.Xgboost("us-east-1"),
                ContainerEntrypoint = ["python3", "/opt/ml/processing/input/code/evaluation.py"],
            },
            RoleArn = Role,
            ProcessingInputs =
            [
                Input("input-1", train.ModelArtifacts, "/opt/ml/processing/model"),
                Input("input-2", process.OutputS3Uri("test"), "/opt/ml/processing/test"),
                Input("code", Script("evaluation.py").S3Uri(Bucket, "abalone"), "/opt/ml/processing/input/code"),
            ],
            ProcessingOutputConfig = new ProcessingOutputConfig { Outputs = [Output("evaluation", "/opt/ml/processing/evaluation")] },
        },
        PropertyFiles = [new PropertyFile { PropertyFileName = "EvaluationReport", OutputName = "evaluation", FilePath = "evaluation.json" }],
    };

    public static Pipeline Create()
    {
        var process = Process();
        var train = Train(process);
        var evaluate = Evaluate(process, train);
        var register = new RegisterModelStep
        {
            Name = "AbaloneRegisterModel",
            Arguments = new CreateModelPackageArguments
            {
                ModelPackageGroupName = "AbaloneModelPackageGroupName",
                ModelApprovalStatus = ModelApprovalStatus,
                InferenceSpecification = new InferenceSpecification
                {
                    Containers = [new ModelPackageContainerDefinition { Image = ImageUris.Xgboost("us-east-1"), ModelDataUrl = train.ModelArtifacts }],
                    SupportedContentTypes = ["text/csv"],
                    SupportedResponseMIMETypes = ["text/csv"],
                    SupportedRealtimeInferenceInstanceTypes = ["ml.t2.medium", "ml.m5.xlarge"],
                    SupportedTransformInstanceTypes = ["ml.m5.xlarge"],
                },
                ModelMetrics = new ModelMetrics
                {
                    ModelQuality = new ModelQuality
                    {
                        Statistics = new MetricsSource
                        {
                            ContentType = "application/json",
                            S3Uri = Functions.Join("/", evaluate.OutputS3Uri("evaluation"), "evaluation.json"),
                        },
                    },
                },
            },
        };
        var fail = new FailStep
        {
            Name = "AbaloneMSEFail",
            ErrorMessage = Functions.Join(" ", "Execution failed due to MSE >", MseThreshold),
        };
        var condition = new ConditionStep
        {
            Name = "AbaloneMSECond",
            Conditions = [Condition.LessThanOrEqualTo(Functions.JsonGet(evaluate.PropertyFile("EvaluationReport"), "regression_metrics.mse.value"), MseThreshold)],
            IfSteps = [register],
            ElseSteps = [fail],
        };

        return new Pipeline
        {
            Name = "AbalonePipeline",
            Parameters = [ProcessingInstanceCount, InstanceType, ModelApprovalStatus, InputData, MseThreshold],
            Steps = [process, train, evaluate, condition],
        };
    }

    private static ProcessingInput Input(string name, PipelineValue source, string localPath) => new()
    {
        InputName = name,
        AppManaged = false,
        S3Input = new ProcessingS3Input
        {
            S3Uri = source,
            LocalPath = localPath,
            S3DataType = S3DataType.S3Prefix,
            S3InputMode = S3InputMode.File,
            S3DataDistributionType = S3DataDistributionType.FullyReplicated,
            S3CompressionType = S3CompressionType.None,
        },
    };

    private static ProcessingOutput Output(string name, string localPath) => new()
    {
        OutputName = name,
        AppManaged = false,
        S3Output = new ProcessingS3Output
        {
            S3Uri = Functions.Join("/", $"s3://{Bucket}/abalone", ExecutionVariables.PipelineExecutionId, name),
            LocalPath = localPath,
            S3UploadMode = S3UploadMode.EndOfJob,
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
