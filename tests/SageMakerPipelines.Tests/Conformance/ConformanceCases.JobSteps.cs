namespace MlPipeline.SageMakerPipelines.Tests.Conformance;

/// <summary>
/// tests/unit/sagemaker/workflow/test_training_step.py, test_processing_step.py, test_model_step.py and
/// test_step_collections.py: the parts of job steps their tests pin down as JSON.
/// </summary>
internal static partial class ConformanceCases
{
    private static IEnumerable<(string, Func<Built>)> TrainingStepCases() =>
    [
        ("test_training_step/test_training_step_with_estimator__metric_condition", () =>
        {
            var train = Stub.Training(
                "MyTrainingStep",
                new Dictionary<string, PipelineString> { ["print"] = "val:acc=0.97" },
                [new MetricDefinition { Name = "val:acc", Regex = "val:acc=([0-9.]+)" }]);
            var condition = new ConditionStep
            {
                Name = "MyConditionStep",
                Conditions = [Condition.GreaterThanOrEqualTo(train.FinalMetric("val:acc"), 0.95)],
                IfSteps = [Stub.Processing("SecondTestStep")],
            };
            return new(Pipeline([train, condition]), "Steps[1].Arguments.Conditions[0].LeftValue")
            {
                Run = new RunCheck { Steps = ["MyTrainingStep:Succeeded", "MyConditionStep:Succeeded", "SecondTestStep:Succeeded"] },
            };
        }),
        ("test_training_step/test_training_step_estimator_with_param_code_input__program", () => ParameterCodeCase("sagemaker_program")),
        ("test_training_step/test_training_step_estimator_with_param_code_input__submit_directory", () => ParameterCodeCase("sagemaker_submit_directory")),
        ("test_training_step/test_training_step_with_jsonget_instance_type", () =>
        {
            var processing = Stub.Processing("inputProcessingStep", outputs: ["TestOutputName"], files: [("TestOutputName/processing_output.json", """{"mse": "ml.m5.large"}""")]) with
            {
                PropertyFiles = [new PropertyFile { PropertyFileName = "my-property-file", OutputName = "TestOutputName", FilePath = "processing_output.json" }],
            };
            var train = Stub.Training("MyTrainingStep", instanceType: Functions.JsonGet(processing.PropertyFile("my-property-file"), "mse"));
            return new(Pipeline([processing, train]), "Steps[1].Arguments.ResourceConfig.InstanceType")
            {
                Run = new RunCheck { Steps = ["inputProcessingStep:Succeeded", "MyTrainingStep:Succeeded"] },
            };
        }),
    ];

    private static IEnumerable<(string, Func<Built>)> ProcessingStepCases() =>
    [
        ("test_processing_step/test_spark_processor__py_spark_entrypoint", () => SparkCase(
            "Steps[0].Arguments.AppSpecification.ContainerEntrypoint",
            ["smspark-submit", "--py-files", SparkList("s3://my-py-files", "MyPyFiles", "s3://her-pyfiles", "OurPyFiles")])),
        ("test_processing_step/test_spark_processor__jar_entrypoint", () => SparkCase(
            "Steps[0].Arguments.AppSpecification.ContainerEntrypoint",
            ["smspark-submit", "--class", "com.amazonaws.sagemaker.spark.test.HelloJavaSparkApp"])),
        ("test_processing_step/test_spark_processor__event_log_output", () => SparkCase(
            "Steps[0].Arguments.ProcessingOutputConfig.Outputs",
            ["smspark-submit", "--class", "com.amazonaws.sagemaker.spark.test.HelloJavaSparkApp"])),
        ("test_processing_step/test_processor_with_role_as_pipeline_parameter", () =>
        {
            var role = Parameter.String("Role", Stub.Role);
            var step = Stub.Processing("MyProcessingStep");
            return new(Pipeline([step with { Arguments = step.Arguments with { RoleArn = role } }], role), "Steps[0].Arguments.RoleArn")
            {
                Run = new RunCheck { Steps = ["MyProcessingStep:Succeeded"] },
            };
        }),
    ];

    private static IEnumerable<(string, Func<Built>)> ModelStepCases() =>
    [
        ("test_model_step/test_register_model_with_runtime_repack__register_retry", () =>
        {
            var repack = Stub.Training("MyModelStep-RepackModel-MyModel");
            var register = Stub.RegisterModel("MyModelStep-RegisterModel", repack.ModelArtifacts) with { RetryPolicies = [Retry(3, "Step.THROTTLING")] };
            return new(Pipeline([repack, register]), "Steps[1].RetryPolicies") { Run = AllSucceed(repack, register) };
        }),
        ("test_model_step/test_register_model_with_runtime_repack__repack_retry", () =>
        {
            var repack = Stub.Training("MyModelStep-RepackModel-MyModel") with { RetryPolicies = [Retry(3, "SageMaker.CAPACITY_ERROR")] };
            return new(Pipeline([repack, Stub.RegisterModel("MyModelStep-RegisterModel", repack.ModelArtifacts)]), "Steps[0].RetryPolicies")
            {
                Run = new RunCheck { Steps = ["MyModelStep-RepackModel-MyModel:Succeeded", "MyModelStep-RegisterModel:Succeeded"] },
            };
        }),
        ("test_model_step/test_create_model_with_runtime_repack__create_retry", () =>
        {
            var repack = Stub.Training("MyModelStep-RepackModel-MyModel");
            var create = Stub.CreateModel("MyModelStep-CreateModel", repack.ModelArtifacts) with { RetryPolicies = [Retry(3, "Step.THROTTLING")] };
            return new(Pipeline([repack, create]), "Steps[1].RetryPolicies") { Run = AllSucceed(repack, create) };
        }),
    ];

    private static IEnumerable<(string, Func<Built>)> StepCollectionCases() =>
    [
        ("test_step_collections/test_register_model", () =>
        {
            var register = RegisterModelStep("012345678901.dkr.ecr.us-west-2.amazonaws.com/my-custom-image-uri");
            register = register with
            {
                DependsOn = ["TestStep"],
                DisplayName = "RegisterModelStep",
                Arguments = register.Arguments with { Tags = [new Tag("myKey", "myValue")] },
            };
            var test = Stub.Processing("TestStep");
            return new(Pipeline([test, register]), "Steps[1]") { Run = AllSucceed(test, register) };
        }),
        ("test_step_collections/test_register_model_tf", () =>
        {
            var register = RegisterModelStep("763104351884.dkr.ecr.us-west-2.amazonaws.com/tensorflow-inference:1.15.2-cpu");
            return new(Pipeline([register]), "Steps[0]") { Run = AllSucceed(register) };
        }),
        ("test_step_collections/test_condition_step_depends_on_step_collection", () =>
        {
            IReadOnlyList<Step> collection = [Stub.Training("MyStep1"), Stub.Training("MyStep2")];
            var condition = new ConditionStep { Name = "MyConditionStep", DependsOn = [.. collection.Select(s => s.Name)], Conditions = [Condition.EqualTo(2, 1)] };
            return new(Pipeline([.. collection, condition]), "Steps[2]") { Run = AllSucceed([.. collection, condition]) };
        }),
    ];

    /// <summary>The SDK test's RegisterModel: one container, metrics and a drift baseline in my-bucket, approved.</summary>
    private static RegisterModelStep RegisterModelStep(string image) => new()
    {
        Name = "RegisterModelStep-RegisterModel",
        Description = "description",
        Arguments = new CreateModelPackageArguments
        {
            ModelPackageGroupName = "mpg",
            ModelPackageDescription = "description",
            ModelApprovalStatus = "Approved",
            InferenceSpecification = new InferenceSpecification
            {
                Containers = [new ModelPackageContainerDefinition { Image = image, ModelDataUrl = "s3://my-bucket/model.tar.gz" }],
                SupportedContentTypes = ["content_type"],
                SupportedRealtimeInferenceInstanceTypes = ["inference_instance"],
                SupportedResponseMIMETypes = ["response_type"],
                SupportedTransformInstanceTypes = ["transform_instance"],
            },
            ModelMetrics = new ModelMetrics
            {
                ModelQuality = new ModelQuality { Statistics = new MetricsSource { ContentType = "text/csv", S3Uri = "s3://my-bucket/metrics.csv" } },
            },
            DriftCheckBaselines = new DriftCheckBaselines
            {
                ModelQuality = new DriftCheckModelQuality { Constraints = new MetricsSource { ContentType = "text/csv", S3Uri = "s3://my-bucket/constraints_metrics.csv" } },
            },
            SamplePayloadUrl = "s3://test-bucket/model",
            Task = "IMAGE_CLASSIFICATION",
        },
    };

    /// <summary>The SDK's retry policy with its defaults written out: BackoffRate 2.0, IntervalSeconds 1.</summary>
    private static RetryPolicy Retry(int maxAttempts, params string[] exceptionTypes) =>
        new() { ExceptionType = exceptionTypes, IntervalSeconds = 1, BackoffRate = 2.0, MaxAttempts = maxAttempts };

    private static RunCheck AllSucceed(params Step[] steps) => new() { Steps = [.. steps.Select(s => $"{s.Name}:Succeeded")] };

    /// <summary>A training step whose script and source directory come from the parameters EntryPoint and SourceDir.</summary>
    private static Built ParameterCodeCase(string hyperParameter)
    {
        var entryPoint = Parameter.String("EntryPoint");
        var sourceDir = Parameter.String("SourceDir");
        var train = Stub.Training("MyTrainingStep");
        var hyperParameters = new Dictionary<string, PipelineString>(train.Arguments.HyperParameters!)
        {
            ["test-key"] = "test-val",
            ["sagemaker_program"] = entryPoint,
            ["sagemaker_submit_directory"] = sourceDir,
        };
        return new(Pipeline([train with { Arguments = train.Arguments with { HyperParameters = hyperParameters } }], entryPoint, sourceDir), $"Steps[0].Arguments.HyperParameters.{hyperParameter}")
        {
            Run = new RunCheck
            {
                Parameters = new Dictionary<string, string> { ["EntryPoint"] = "stub.py", ["SourceDir"] = Stub.Code.ArchiveS3Uri(Stub.Bucket, Stub.CodePrefix) },
                Steps = ["MyTrainingStep:Succeeded"],
            },
        };
    }

    /// <summary>The SDK's Spark step: smspark-submit with jar, file and event-log arguments from parameters.</summary>
    private static Built SparkCase(string fragment, IReadOnlyList<PipelineString> head)
    {
        Parameter<string>[] parameters = [.. new[] { "MyPyFiles", "OurPyFiles", "MyJars", "OurJar", "MyFiles", "OurFiles", "MySparkEventLogS3Uri" }.Select(n => Parameter.String(n))];
        var step = Stub.Processing("MyProcessingStep");
        var app = step.Arguments.AppSpecification with
        {
            ContainerEntrypoint =
            [
                .. head, "--jars", SparkList("s3://my-jar", "MyJars", "s3://her-jar", "OurJar"), "--files", SparkList("s3://my-files", "MyFiles", "s3://her-files", "OurFiles"),
                "--local-spark-event-logs-dir", "/opt/ml/processing/spark-events/", "/opt/ml/processing/input/code",
            ],
        };
        var outputs = new ProcessingOutputConfig
        {
            Outputs =
            [
                new ProcessingOutput
                {
                    OutputName = "output-1",
                    AppManaged = false,
                    S3Output = new ProcessingS3Output
                    {
                        S3Uri = parameters[^1], LocalPath = "/opt/ml/processing/spark-events/", S3UploadMode = S3UploadMode.Continuous,
                    },
                },
            ],
        };
        var spark = step with { Arguments = step.Arguments with { AppSpecification = app, ProcessingOutputConfig = outputs } };
        return new(Pipeline([spark], parameters), fragment) { NotRunnable = "smspark-submit runs only in SageMaker's Spark container; the local runner runs Python scripts." };
    }

    private static JoinFunction SparkList(string first, string firstParameter, string second, string secondParameter) =>
        Functions.Join(",", first, Parameter.String(firstParameter), second, Parameter.String(secondParameter));
}
