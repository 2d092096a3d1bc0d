namespace MlPipeline.SageMakerPipelines.Tests.Conformance;

/// <summary>tests/unit/sagemaker/workflow/test_steps.py: whole steps of each kind, as the SDK's tests write them.</summary>
internal static partial class ConformanceCases
{
    private const string DummyRole = "DummyRole";

    private static IEnumerable<(string, Func<Built>)> StepCases() =>
    [
        ("test_steps/test_custom_step_with_retry_policy__two_policies", () => CustomRetryCase(CustomRetryPolicies[..2])),
        ("test_steps/test_custom_step_with_retry_policy__three_policies", () => CustomRetryCase(CustomRetryPolicies)),
        ("test_steps/test_training_step_base_estimator", () =>
        {
            var instanceType = Parameter.String("InstanceType", "c4.4xlarge");
            var instanceCount = Parameter.Integer("InstanceCount", 1);
            var dataSource = Parameter.String("DataSourceS3Uri", "s3://my-bucket/train_manifest");
            var epochs = Parameter.Integer("TrainingEpochs", 5);
            var batchSize = Parameter.Integer("TrainingBatchSize", 500);
            var spot = Parameter.Boolean("UseSpotInstances", false);
            var outputPath = Functions.Join("/", "s3:/", "a", "b");
            var step = new TrainingStep
            {
                Name = "MyTrainingStep",
                Description = "TrainingStep description",
                DisplayName = "MyTrainingStep",
                DependsOn = ["TestStep", "AnotherTestStep"],
                CacheConfig = new CacheConfig { Enabled = true, ExpireAfter = "PT1H" },
                Arguments = new TrainingJobArguments
                {
                    AlgorithmSpecification = new AlgorithmSpecification { TrainingImage = "fakeimage", TrainingInputMode = TrainingInputMode.File },
                    EnableManagedSpotTraining = spot,
                    HyperParameters = new Dictionary<string, PipelineString> { ["batch-size"] = batchSize, ["epochs"] = epochs },
                    InputDataConfig =
                    [
                        new Channel
                        {
                            ChannelName = "training",
                            DataSource = new DataSource
                            {
                                S3DataSource = new S3DataSource { S3DataDistributionType = S3DataDistributionType.FullyReplicated, S3DataType = S3DataType.S3Prefix, S3Uri = dataSource },
                            },
                        },
                    ],
                    OutputDataConfig = new OutputDataConfig { S3OutputPath = outputPath },
                    ResourceConfig = new ResourceConfig { InstanceCount = instanceCount, InstanceType = instanceType, VolumeSizeInGB = 30 },
                    RoleArn = DummyRole,
                    StoppingCondition = new StoppingCondition { MaxRuntimeInSeconds = 86400 },
                },
            };
            return new(Pipeline([step, Stub.Training("TestStep"), Stub.Training("AnotherTestStep")], instanceType, instanceCount, dataSource, epochs, batchSize, spot), "Steps[0]")
            {
                NotRunnable = "The SDK test's estimator runs the image's own algorithm (no script) as the placeholder role DummyRole, which the validator refuses.",
            };
        }),
        ("test_steps/test_single_algo_tuning_step", () =>
        {
            var dataSource = Parameter.String("DataSourceS3Uri", "s3://my-bucket/train_manifest");
            var spot = Parameter.Boolean("UseSpotInstances", false);
            return new(Pipeline([SingleAlgoTuningStep(dataSource, spot)], dataSource, spot), "Steps[0]")
            {
                NotRunnable = "Tuning steps need SageMaker's tuning service; the local runner refuses them.",
            };
        }),
        ("test_steps/test_single_algo_tuning_step__top_model", () =>
        {
            var dataSource = Parameter.String("DataSourceS3Uri", "s3://my-bucket/train_manifest");
            var spot = Parameter.Boolean("UseSpotInstances", false);
            var tuning = SingleAlgoTuningStep(dataSource, spot);
            return new(Pipeline([tuning, Stub.Probe(tuning.TopModelArtifacts(0, "my-bucket", "my-prefix"))], dataSource, spot), $"Steps[1].Arguments.AppSpecification.ContainerArguments[{Stub.ProbeArgument}]")
            {
                NotRunnable = "Tuning steps need SageMaker's tuning service; the local runner refuses them.",
            };
        }),
        ("test_steps/test_processing_step", () =>
        {
            var inputData = Parameter.String("ProcessingInputDataUri", "s3://my-bucket/processing_manifest");
            var instanceType = Parameter.String("InstanceType", "ml.m4.4xlarge");
            var instanceCount = Parameter.Integer("InstanceCount", 1);
            var step = new ProcessingStep
            {
                Name = "MyProcessingStep",
                Description = "ProcessingStep description",
                DisplayName = "MyProcessingStep",
                DependsOn = ["TestStep", "SecondTestStep", "ThirdTestStep"],
                CacheConfig = new CacheConfig { Enabled = true, ExpireAfter = "PT1H" },
                PropertyFiles = [new PropertyFile { PropertyFileName = "EvaluationReport", OutputName = "evaluation", FilePath = "evaluation.json" }],
                Arguments = new ProcessingJobArguments
                {
                    AppSpecification = new AppSpecification { ImageUri = "fakeimage" },
                    ProcessingInputs =
                    [
                        new ProcessingInput
                        {
                            InputName = "input-1",
                            AppManaged = false,
                            S3Input = new ProcessingS3Input
                            {
                                S3Uri = inputData,
                                LocalPath = "processing_manifest",
                                S3DataType = S3DataType.S3Prefix,
                                S3InputMode = S3InputMode.File,
                                S3DataDistributionType = S3DataDistributionType.FullyReplicated,
                                S3CompressionType = S3CompressionType.None,
                            },
                        },
                    ],
                    ProcessingResources = new ProcessingResources
                    {
                        ClusterConfig = new ProcessingClusterConfig { InstanceCount = instanceCount, InstanceType = instanceType, VolumeSizeInGB = 30 },
                    },
                    RoleArn = DummyRole,
                },
            };
            return new(Pipeline([Stub.Processing("TestStep"), Stub.Processing("SecondTestStep"), Stub.Processing("ThirdTestStep"), step], inputData, instanceType, instanceCount), "Steps[3]")
            {
                NotRunnable = "The SDK test's step runs the image's own entrypoint (no script) as the placeholder role DummyRole, which the validator refuses.",
            };
        }),
        ("test_steps/test_create_model_step", () => new(
            Pipeline([Stub.Processing("TestStep"), Stub.Processing("SecondTestStep"), new CreateModelStep
            {
                Name = "MyCreateModelStep",
                DependsOn = ["TestStep", "SecondTestStep"],
                DisplayName = "MyCreateModelStep",
                Description = "TestDescription",
                Arguments = new CreateModelArguments
                {
                    ExecutionRoleArn = DummyRole,
                    PrimaryContainer = new ContainerDefinition { Image = "fakeimage", Environment = new Dictionary<string, PipelineString>() },
                },
            }]),
            "Steps[2]")
        {
            NotRunnable = "The SDK test's role is the placeholder DummyRole, which the validator refuses, and the runner runs only valid definitions.",
        }),
        ("test_steps/test_transform_step", () => new(
            Pipeline([Stub.Processing("TestStep"), Stub.Processing("SecondTestStep"), new TransformStep
            {
                Name = "MyTransformStep",
                DependsOn = ["TestStep", "SecondTestStep"],
                DisplayName = "TransformStep",
                Description = "TestDescription",
                CacheConfig = new CacheConfig { Enabled = true, ExpireAfter = "PT1H" },
                Arguments = new TransformJobArguments
                {
                    ModelName = "gisele",
                    TransformInput = new TransformInput
                    {
                        DataSource = new TransformDataSource { S3DataSource = new TransformS3DataSource { S3DataType = S3DataType.S3Prefix, S3Uri = "s3://my-bucket/transform_manifest" } },
                    },
                    TransformOutput = new TransformOutput { S3OutputPath = "s3://my-bucket/transform-output" },
                    TransformResources = new TransformResources { InstanceCount = 1, InstanceType = "c4.4xlarge" },
                },
            }]),
            "Steps[2]")
        {
            NotRunnable = "Transform steps need SageMaker's batch transform service; the local runner refuses them.",
        }),
    ];

    /// <summary>The SDK test's tuner: three continuous ranges over a built-in image's static hyperparameters, warm-started from parent-hpo.</summary>
    private static TuningStep SingleAlgoTuningStep(Parameter<string> dataSource, Parameter<bool> spot) => new()
    {
        Name = "MyTuningStep",
        Arguments = new TuningJobArguments
        {
            HyperParameterTuningJobConfig = new HyperParameterTuningJobConfig
            {
                Strategy = "Bayesian",
                ResourceLimits = new ResourceLimits { MaxNumberOfTrainingJobs = 5, MaxParallelTrainingJobs = 2 },
                TrainingJobEarlyStoppingType = "OFF",
                HyperParameterTuningJobObjective = new HyperParameterTuningJobObjective { Type = "Maximize", MetricName = "val:accuracy" },
                ParameterRanges = new ParameterRanges
                {
                    ContinuousParameterRanges =
                    [
                        new ContinuousParameterRange { Name = "learning_rate", MinValue = 0.0001, MaxValue = 0.05, ScalingType = "Auto" },
                        new ContinuousParameterRange { Name = "momentum", MinValue = 0.0, MaxValue = 0.99, ScalingType = "Auto" },
                        new ContinuousParameterRange { Name = "weight_decay", MinValue = 0.0, MaxValue = 0.99, ScalingType = "Auto" },
                    ],
                    CategoricalParameterRanges = [],
                    IntegerParameterRanges = [],
                },
            },
            TrainingJobDefinition = new HyperParameterTrainingJobDefinition
            {
                StaticHyperParameters = new Dictionary<string, PipelineString>
                {
                    ["num_layers"] = 18,
                    ["image_shape"] = "3,224,224",
                    ["num_classes"] = 257,
                    ["num_training_samples"] = 15420,
                    ["mini_batch_size"] = 128,
                    ["epochs"] = 10,
                    ["optimizer"] = "sgd",
                    ["top_k"] = "2",
                    ["precision_dtype"] = "float32",
                    ["augmentation_type"] = "crop",
                },
                RoleArn = DummyRole,
                OutputDataConfig = new OutputDataConfig { S3OutputPath = "s3://my-bucket/" },
                ResourceConfig = new ResourceConfig { InstanceCount = 1, InstanceType = "ml.c5.4xlarge", VolumeSizeInGB = 30 },
                StoppingCondition = new StoppingCondition { MaxRuntimeInSeconds = 86400 },
                AlgorithmSpecification = new AlgorithmSpecification { TrainingInputMode = TrainingInputMode.File, TrainingImage = "fakeimage" },
                EnableManagedSpotTraining = spot,
                InputDataConfig =
                [
                    new Channel
                    {
                        ChannelName = "training",
                        DataSource = new DataSource
                        {
                            S3DataSource = new S3DataSource { S3DataType = S3DataType.S3Prefix, S3Uri = dataSource, S3DataDistributionType = S3DataDistributionType.FullyReplicated },
                        },
                    },
                ],
            },
            WarmStartConfig = new WarmStartConfig
            {
                WarmStartType = "IdenticalDataAndAlgorithm",
                ParentHyperParameterTuningJobs = [new ParentHyperParameterTuningJob { HyperParameterTuningJobName = "parent-hpo" }],
            },
        },
    };

    private static readonly RetryPolicy[] CustomRetryPolicies =
    [
        new() { ExceptionType = ["Step.SERVICE_FAULT", "Step.THROTTLING"], IntervalSeconds = 1, BackoffRate = 2.0, ExpireAfterMin = 1 },
        new() { ExceptionType = ["SageMaker.CAPACITY_ERROR"], IntervalSeconds = 1, BackoffRate = 2.0, MaxAttempts = 3 },
        new() { ExceptionType = ["SageMaker.JOB_INTERNAL_ERROR"], IntervalSeconds = 5, BackoffRate = 2.0, ExpireAfterMin = 5 },
    ];

    /// <summary>A training step (the SDK's CustomStep is one) with the retry policies.</summary>
    private static Built CustomRetryCase(RetryPolicy[] policies) =>
        new(Pipeline([Stub.Training("MyStep") with { RetryPolicies = policies }]), "Steps[0].RetryPolicies") { Run = new RunCheck { Steps = ["MyStep:Succeeded"] } };
}
