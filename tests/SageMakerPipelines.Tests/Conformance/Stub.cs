using System.Text;
using MlPipeline.SageMakerPipelines.Code;
using MlPipeline.SageMakerPipelines.Images;
using MlPipeline.SageMakerPipelines.Local;
using MlPipeline.Tests.Shared;

namespace MlPipeline.SageMakerPipelines.Tests.Conformance;

/// <summary>
/// The steps the suite builds around an SDK fact so the pipeline validates and runs: processing and training steps
/// that run <c>stub.py</c> from a code bundle, with SageMaker's container paths (/opt/ml/...), a real image and role.
/// </summary>
internal static class Stub
{
    public const string Bucket = "conformance";

    public const string Role = "arn:aws:iam::123456789012:role/Conformance";

    public const string CodePrefix = "code";

    public const string InputData = "s3://conformance/data/input.csv";

    public static CodeBundle Code { get; } = CodeBundle.Create("stub", [("stub.py", File.ReadAllBytes(
        Path.Combine(TestPaths.RepoRoot, "tests", "SageMakerPipelines.Tests", "Conformance", "stub.py")))]);

    public static string Image { get; } = ImageUris.Sklearn("us-east-1");

    /// <summary>Where a stub processing step's output goes.</summary>
    public static string OutputUri(string step, string output) => $"s3://{Bucket}/out/{step}/{output}";

    /// <summary>
    /// A processing step running stub.py: <paramref name="values"/> go after <c>--</c> and are written to args.json in
    /// every output; each file (OUTPUT/FILE, JSON) is written too, for property files.
    /// </summary>
    public static ProcessingStep Processing(
        string name,
        IEnumerable<PipelineString>? values = null,
        IEnumerable<string>? outputs = null,
        IEnumerable<(string Path, string Json)>? files = null,
        IEnumerable<ProcessingInput>? inputs = null)
    {
        var outputNames = (outputs ?? []).ToList();
        var arguments = new List<PipelineString> { "--root", "/opt/ml/processing" };
        arguments.AddRange(outputNames.SelectMany(o => new PipelineString[] { "--out", o }));
        arguments.AddRange((files ?? []).SelectMany(f => new PipelineString[] { "--file", $"{f.Path}={f.Json}" }));
        arguments.Add("--");
        arguments.AddRange(values ?? []);
        return new ProcessingStep
        {
            Name = name,
            Arguments = new ProcessingJobArguments
            {
                ProcessingResources = new ProcessingResources
                {
                    ClusterConfig = new ProcessingClusterConfig { InstanceType = "ml.m5.large", InstanceCount = 1, VolumeSizeInGB = 10 },
                },
                AppSpecification = new AppSpecification
                {
                    ImageUri = Image,
                    ContainerEntrypoint = ["python3", "/opt/ml/processing/input/code/stub.py"],
                    ContainerArguments = arguments,
                },
                RoleArn = Role,
                ProcessingInputs = [.. inputs ?? [], Input("code", Code.S3Prefix(Bucket, CodePrefix), "/opt/ml/processing/input/code")],
                ProcessingOutputConfig = outputNames.Count == 0 ? null : new ProcessingOutputConfig
                {
                    Outputs = [.. outputNames.Select(o => new ProcessingOutput
                    {
                        OutputName = o,
                        S3Output = new ProcessingS3Output { S3Uri = OutputUri(name, o), LocalPath = $"/opt/ml/processing/{o}", S3UploadMode = S3UploadMode.EndOfJob },
                    })],
                },
            },
        };
    }

    /// <summary>The index of the probe's first value in its ContainerArguments (after --root, --out probe and --).</summary>
    public const int ProbeArgument = 5;

    /// <summary>A processing step that records the values it receives in its output "probe" (args.json).</summary>
    public static ProcessingStep Probe(params PipelineString[] values) => Processing("Probe", values, ["probe"]);

    /// <summary>A training step running stub.py in script mode; the hyperparameter "print" is printed to the log.</summary>
    public static TrainingStep Training(
        string name,
        IReadOnlyDictionary<string, PipelineString>? hyperParameters = null,
        IReadOnlyList<MetricDefinition>? metrics = null,
        PipelineValue? instanceType = null)
    {
        var all = new Dictionary<string, PipelineString>(hyperParameters ?? new Dictionary<string, PipelineString>())
        {
            ["sagemaker_program"] = "\"stub.py\"",
            ["sagemaker_submit_directory"] = $"\"{Code.ArchiveS3Uri(Bucket, CodePrefix)}\"",
        };
        return new TrainingStep
        {
            Name = name,
            Arguments = new TrainingJobArguments
            {
                AlgorithmSpecification = new AlgorithmSpecification { TrainingImage = Image, TrainingInputMode = TrainingInputMode.File, MetricDefinitions = metrics },
                RoleArn = Role,
                OutputDataConfig = new OutputDataConfig { S3OutputPath = $"s3://{Bucket}/models" },
                ResourceConfig = new ResourceConfig { InstanceType = instanceType ?? "ml.m5.large", InstanceCount = 1, VolumeSizeInGB = 10 },
                StoppingCondition = new StoppingCondition { MaxRuntimeInSeconds = 600 },
                HyperParameters = all,
            },
        };
    }

    /// <summary>A tuning step searching one range of a stub training job (the local runner does not run tuning steps).</summary>
    public static TuningStep Tuning(string name) => new()
    {
        Name = name,
        Arguments = new TuningJobArguments
        {
            HyperParameterTuningJobConfig = new HyperParameterTuningJobConfig
            {
                Strategy = "Bayesian",
                HyperParameterTuningJobObjective = new HyperParameterTuningJobObjective { Type = "Maximize", MetricName = "val:acc" },
                ResourceLimits = new ResourceLimits { MaxNumberOfTrainingJobs = 2, MaxParallelTrainingJobs = 1 },
                ParameterRanges = new ParameterRanges { ContinuousParameterRanges = [new ContinuousParameterRange { Name = "eta", MinValue = 0.1, MaxValue = 0.5 }] },
            },
            TrainingJobDefinition = new HyperParameterTrainingJobDefinition
            {
                AlgorithmSpecification = new AlgorithmSpecification
                {
                    TrainingImage = Image,
                    TrainingInputMode = TrainingInputMode.File,
                    MetricDefinitions = [new MetricDefinition { Name = "val:acc", Regex = "val:acc=([0-9.]+)" }],
                },
                RoleArn = Role,
                OutputDataConfig = new OutputDataConfig { S3OutputPath = $"s3://{Bucket}/models" },
                ResourceConfig = new ResourceConfig { InstanceType = "ml.m5.large", InstanceCount = 1, VolumeSizeInGB = 10 },
                StoppingCondition = new StoppingCondition { MaxRuntimeInSeconds = 600 },
                StaticHyperParameters = new Dictionary<string, PipelineString>
                {
                    ["sagemaker_program"] = "\"stub.py\"",
                    ["sagemaker_submit_directory"] = $"\"{Code.ArchiveS3Uri(Bucket, CodePrefix)}\"",
                },
            },
        },
    };

    /// <summary>A register-model step putting a model artifact in the group conformance-models.</summary>
    public static RegisterModelStep RegisterModel(string name, PipelineValue modelDataUrl) => new()
    {
        Name = name,
        Arguments = new CreateModelPackageArguments
        {
            ModelPackageGroupName = "conformance-models",
            ModelApprovalStatus = "PendingManualApproval",
            InferenceSpecification = new InferenceSpecification
            {
                Containers = [new ModelPackageContainerDefinition { Image = Image, ModelDataUrl = modelDataUrl }],
                SupportedContentTypes = ["text/csv"],
                SupportedResponseMIMETypes = ["text/csv"],
            },
        },
    };

    /// <summary>A create-model step for a model artifact.</summary>
    public static CreateModelStep CreateModel(string name, PipelineValue modelDataUrl) => new()
    {
        Name = name,
        Arguments = new CreateModelArguments { ExecutionRoleArn = Role, PrimaryContainer = new ContainerDefinition { Image = Image, ModelDataUrl = modelDataUrl } },
    };

    public static ProcessingInput Input(string name, PipelineValue uri, string localPath) => new()
    {
        InputName = name,
        S3Input = new ProcessingS3Input { S3Uri = uri, LocalPath = localPath, S3DataType = S3DataType.S3Prefix, S3InputMode = S3InputMode.File },
    };

    /// <summary>Everything a local run of a stub pipeline reads from S3: the code bundle and a small input file.</summary>
    public static void Seed(LocalObjectStore store)
    {
        foreach (var item in Code.Objects(Bucket, CodePrefix))
        {
            store.Put(item.S3Uri, item.Content.Span);
        }

        store.Put(InputData, Encoding.UTF8.GetBytes("x,y\n1,2\n"));
    }
}
