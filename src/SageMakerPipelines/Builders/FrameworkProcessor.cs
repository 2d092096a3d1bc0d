using MlPipeline.SageMakerPipelines.Code;
using MlPipeline.SageMakerPipelines.Images;

namespace MlPipeline.SageMakerPipelines;

/// <summary>
/// A processing job in a framework container running one of your scripts, the Python SDK's <c>SKLearnProcessor</c> /
/// <c>FrameworkProcessor</c>: the instance settings once, then <see cref="Step"/> per step with its script, inputs,
/// outputs and arguments. The code bundle is mounted at <c>/opt/ml/processing/input/code</c> and the entry point runs
/// with <c>python3</c>. The steps are ordinary <see cref="ProcessingStep"/> records; change one with <c>with</c>.
/// </summary>
public sealed record FrameworkProcessor
{
    /// <summary>Where the code bundle is mounted in the container.</summary>
    public const string CodePath = "/opt/ml/processing/input/code";

    /// <summary>The session: role, region, S3 layout, cache.</summary>
    public required PipelineSession Session { get; init; }

    /// <summary>The container image.</summary>
    public required PipelineValue<string> ImageUri { get; init; }

    /// <summary>The instance type; ml.m5.large unless set.</summary>
    public PipelineValue<string> InstanceType { get; init; } = "ml.m5.large";

    /// <summary>The number of instances; 1 unless set.</summary>
    public PipelineValue<long> InstanceCount { get; init; } = 1;

    /// <summary>The size of each instance's storage volume in GB; 30 unless set.</summary>
    public PipelineValue<long> VolumeSizeInGB { get; init; } = 30;

    /// <summary>The longest a job may run; null for SageMaker's default.</summary>
    public PipelineValue<long>? MaxRuntimeInSeconds { get; init; }

    /// <summary>Environment variables of the container; null for none.</summary>
    public IReadOnlyDictionary<string, PipelineString>? Environment { get; init; }

    /// <summary>A processor in SageMaker's scikit-learn container.</summary>
    /// <param name="session">The session.</param>
    /// <param name="version">The container's framework version (<see cref="ImageUris.SklearnVersions"/>).</param>
    public static FrameworkProcessor Sklearn(PipelineSession session, string version = "1.2-1") =>
        new() { Session = session, ImageUri = ImageUris.Sklearn(Region(session), version) };

    /// <summary>A processor in SageMaker's XGBoost container.</summary>
    /// <param name="session">The session.</param>
    /// <param name="version">The container's framework version (<see cref="ImageUris.XgboostVersions"/>).</param>
    public static FrameworkProcessor Xgboost(PipelineSession session, string version = "1.7-1") =>
        new() { Session = session, ImageUri = ImageUris.Xgboost(Region(session), version) };

    /// <summary>
    /// A step that runs <paramref name="entryPoint"/> from <paramref name="code"/>. <paramref name="job"/> declares the
    /// inputs and outputs where the arguments name them and returns the container arguments:
    /// <c>job =&gt; ["--input-dir", job.Input("data", source), "--output-dir", job.Output("cleaned")]</c>. Inputs and
    /// outputs keep the order they are declared in; the code input comes last.
    /// </summary>
    /// <param name="name">The step's name.</param>
    /// <param name="code">The step's code bundle.</param>
    /// <param name="entryPoint">The script to run, one of the bundle's files.</param>
    /// <param name="job">Declares inputs, outputs and property files; returns the container arguments.</param>
    /// <exception cref="ArgumentException">The entry point is not in the bundle, or an input or output is refused (see <see cref="ProcessingJobBuilder"/>).</exception>
    public ProcessingStep Step(string name, CodeBundle code, string entryPoint, Func<ProcessingJobBuilder, IReadOnlyList<PipelineString>> job)
    {
        ArgumentNullException.ThrowIfNull(job);
        ScriptCode.CheckEntryPoint(code, entryPoint);
        var builder = new ProcessingJobBuilder(name, Session);
        var arguments = job(builder);
        var inputs = builder.Inputs.ToList();
        inputs.Add(ProcessingJobBuilder.S3Input("code", Session.CodeS3Prefix(code), CodePath));
        return new ProcessingStep
        {
            Name = name,
            Arguments = new ProcessingJobArguments
            {
                ProcessingResources = new ProcessingResources
                {
                    ClusterConfig = new ProcessingClusterConfig { InstanceType = InstanceType, InstanceCount = InstanceCount, VolumeSizeInGB = VolumeSizeInGB, VolumeKmsKeyId = Session.KmsKey },
                },
                AppSpecification = new AppSpecification
                {
                    ImageUri = ImageUri,
                    ContainerEntrypoint = ["python3", $"{CodePath}/{entryPoint}"],
                    ContainerArguments = arguments.Count == 0 ? null : arguments,
                },
                RoleArn = Session.RoleArn,
                ProcessingInputs = inputs,
                ProcessingOutputConfig = builder.Outputs.Count == 0 ? null : new ProcessingOutputConfig { Outputs = builder.Outputs, KmsKeyId = Session.KmsKey },
                Environment = Environment,
                StoppingCondition = MaxRuntimeInSeconds is { } seconds ? new StoppingCondition { MaxRuntimeInSeconds = seconds } : null,
            },
            PropertyFiles = builder.PropertyFiles,
            CacheConfig = Session.CacheConfig,
        };
    }

    private static string Region(PipelineSession session) => (session ?? throw new ArgumentNullException(nameof(session))).Region;
}
