using MlPipeline.SageMakerPipelines.Code;
using MlPipeline.SageMakerPipelines.Images;

namespace MlPipeline.SageMakerPipelines;

/// <summary>
/// Training in a framework container in script mode, the Python SDK's <c>SKLearn</c> / <c>XGBoost</c> estimator:
/// the container runs your entry point from the code bundle's <c>sourcedir.tar.gz</c> with the channels under
/// <c>/opt/ml/input/data</c> and the typed <see cref="HyperParameters"/>, and uploads <c>/opt/ml/model</c> to
/// <see cref="OutputPath"/>. <see cref="Register(string, TrainingStep, ModelRegistration)"/> registers what a training step made. The steps are ordinary
/// <see cref="TrainingStep"/> and <see cref="RegisterModelStep"/> records; change one with <c>with</c>.
/// </summary>
public sealed record FrameworkEstimator
{
    /// <summary>The session: role, region, S3 layout, cache.</summary>
    public required PipelineSession Session { get; init; }

    /// <summary>The container image, for training and for serving the registered model.</summary>
    public required PipelineValue<string> ImageUri { get; init; }

    /// <summary>The instance type; ml.m5.large unless set.</summary>
    public PipelineValue<string> InstanceType { get; init; } = "ml.m5.large";

    /// <summary>The number of instances; 1 unless set.</summary>
    public PipelineValue<long> InstanceCount { get; init; } = 1;

    /// <summary>The size of each instance's storage volume in GB; 30 unless set.</summary>
    public PipelineValue<long> VolumeSizeInGB { get; init; } = 30;

    /// <summary>The longest a job may run; a day (the Python SDK's default) unless set.</summary>
    public PipelineValue<long> MaxRuntimeInSeconds { get; init; } = 86400;

    /// <summary>Where model artifacts go; <c>s3://Bucket/Prefix/models</c> of the session unless set.</summary>
    public PipelineValue<string>? OutputPath { get; init; }

    /// <summary>The metrics read from the training log with a regular expression each.</summary>
    public IReadOnlyList<MetricDefinition>? MetricDefinitions { get; init; }

    /// <summary>Environment variables of the container; null for none.</summary>
    public IReadOnlyDictionary<string, PipelineString>? Environment { get; init; }

    /// <summary>An estimator in SageMaker's scikit-learn container.</summary>
    /// <param name="session">The session.</param>
    /// <param name="version">The container's framework version (<see cref="ImageUris.SklearnVersions"/>).</param>
    public static FrameworkEstimator Sklearn(PipelineSession session, string version = "1.2-1") =>
        new() { Session = session, ImageUri = ImageUris.Sklearn(Region(session), version) };

    /// <summary>An estimator in SageMaker's XGBoost container (its script mode).</summary>
    /// <param name="session">The session.</param>
    /// <param name="version">The container's framework version (<see cref="ImageUris.XgboostVersions"/>).</param>
    public static FrameworkEstimator Xgboost(PipelineSession session, string version = "1.7-1") =>
        new() { Session = session, ImageUri = ImageUris.Xgboost(Region(session), version) };

    /// <summary>
    /// A training step that runs <paramref name="entryPoint"/> from <paramref name="code"/>. The hyperparameters
    /// start with script mode's own (<c>sagemaker_program</c>, <c>sagemaker_submit_directory</c>,
    /// <c>sagemaker_region</c>), then <paramref name="hyperParameters"/> in their order.
    /// </summary>
    /// <param name="name">The step's name.</param>
    /// <param name="code">The training code bundle.</param>
    /// <param name="entryPoint">The script to run, one of the bundle's files.</param>
    /// <param name="inputs">The channels.</param>
    /// <param name="hyperParameters">The script's hyperparameters; null for none.</param>
    /// <exception cref="ArgumentException">The entry point is not in the bundle, or two channels share a name.</exception>
    public TrainingStep Step(string name, CodeBundle code, string entryPoint, IReadOnlyList<TrainingInput> inputs, HyperParameters? hyperParameters = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ScriptCode.CheckEntryPoint(code, entryPoint);
        if (inputs.GroupBy(i => i.ChannelName, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new ArgumentException($"Step '{name}' has two channels named '{twice.Key}'.", nameof(inputs));
        }

        var parameters = new Dictionary<string, PipelineString>(StringComparer.Ordinal)
        {
            ["sagemaker_program"] = HyperParameters.Json(entryPoint),
            ["sagemaker_submit_directory"] = HyperParameters.Json(Session.CodeArchiveS3Uri(code)),
            ["sagemaker_region"] = HyperParameters.Json(Session.Region),
        };
        foreach (var (key, value) in hyperParameters ?? [])
        {
            parameters.Add(key, value);
        }

        return new TrainingStep
        {
            Name = name,
            Arguments = new TrainingJobArguments
            {
                AlgorithmSpecification = new AlgorithmSpecification { TrainingImage = ImageUri, TrainingInputMode = TrainingInputMode.File, MetricDefinitions = MetricDefinitions },
                RoleArn = Session.RoleArn,
                InputDataConfig = inputs.Count == 0 ? null : [.. inputs.Select(i => i.ToChannel())],
                OutputDataConfig = new OutputDataConfig { S3OutputPath = OutputPath ?? Session.S3Uri("models"), KmsKeyId = Session.KmsKey },
                ResourceConfig = new ResourceConfig { InstanceType = InstanceType, InstanceCount = InstanceCount, VolumeSizeInGB = VolumeSizeInGB, VolumeKmsKeyId = Session.KmsKey },
                StoppingCondition = new StoppingCondition { MaxRuntimeInSeconds = MaxRuntimeInSeconds },
                HyperParameters = parameters,
                Environment = Environment,
            },
            CacheConfig = Session.CacheConfig,
        };
    }

    /// <summary>
    /// A step that registers the model <paramref name="training"/> made as a new version in a model package group,
    /// served by this estimator's image with the registration's script (the container's script-mode environment:
    /// SAGEMAKER_PROGRAM, SAGEMAKER_SUBMIT_DIRECTORY, SAGEMAKER_CONTAINER_LOG_LEVEL, SAGEMAKER_REGION).
    /// </summary>
    /// <param name="name">The step's name.</param>
    /// <param name="training">The training step whose model artifacts are registered.</param>
    /// <param name="registration">The group, status, serving code, types and report.</param>
    /// <exception cref="ArgumentException">The serving script is not in its bundle.</exception>
    public RegisterModelStep Register(string name, TrainingStep training, ModelRegistration registration) =>
        Register(name, (training ?? throw new ArgumentNullException(nameof(training))).ModelArtifacts, registration);

    /// <summary>
    /// A step that registers the model archive <paramref name="modelData"/> (a tuning step's best model:
    /// <see cref="HyperparameterTuner.BestModel"/>) as a new version in a model package group, served as
    /// <see cref="Register(string, TrainingStep, ModelRegistration)"/> serves it.
    /// </summary>
    /// <param name="name">The step's name.</param>
    /// <param name="modelData">The model.tar.gz in S3.</param>
    /// <param name="registration">The group, status, serving code, types, report and baseline.</param>
    /// <exception cref="ArgumentException">The serving script is not in its bundle.</exception>
    public RegisterModelStep Register(string name, PipelineValue<string> modelData, ModelRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        ScriptCode.CheckEntryPoint(registration.Code, registration.EntryPoint);
        var dataStatistics = registration.DataQualityStatistics is { } statisticsUri ? Json(statisticsUri) : null;
        var dataConstraints = registration.DataQualityConstraints is { } constraintsUri ? Json(constraintsUri) : null;
        var dataQuality = dataStatistics is not null || dataConstraints is not null;
        return new RegisterModelStep
        {
            Name = name,
            Arguments = new CreateModelPackageArguments
            {
                ModelPackageGroupName = registration.ModelPackageGroupName,
                ModelApprovalStatus = registration.ApprovalStatus,
                InferenceSpecification = new InferenceSpecification
                {
                    Containers =
                    [
                        new ModelPackageContainerDefinition
                        {
                            Image = ImageUri,
                            ModelDataUrl = modelData,
                            Environment = ServingEnvironment(registration.Code, registration.EntryPoint),
                        },
                    ],
                    SupportedContentTypes = registration.ContentTypes,
                    SupportedResponseMIMETypes = registration.ResponseTypes ?? registration.ContentTypes,
                    SupportedRealtimeInferenceInstanceTypes = registration.InferenceInstanceTypes,
                    SupportedTransformInstanceTypes = registration.TransformInstanceTypes,
                },
                ModelMetrics = registration.ModelQualityStatistics is null && !dataQuality
                    ? null
                    : new ModelMetrics
                    {
                        ModelQuality = registration.ModelQualityStatistics is { } statistics ? new ModelQuality { Statistics = Json(statistics) } : null,
                        ModelDataQuality = dataQuality ? new ModelDataQuality { Statistics = dataStatistics, Constraints = dataConstraints } : null,
                    },
                DriftCheckBaselines = dataQuality
                    ? new DriftCheckBaselines { ModelDataQuality = new DriftCheckModelDataQuality { Statistics = dataStatistics, Constraints = dataConstraints } }
                    : null,
            },
        };

        static MetricsSource Json(PipelineValue<string> s3Uri) => new() { ContentType = "application/json", S3Uri = s3Uri };
    }

    /// <summary>
    /// A step that makes a SageMaker model of the archive <paramref name="modelData"/>, served by this estimator's image
    /// with <paramref name="entryPoint"/> from <paramref name="code"/> (the environment <see cref="Register(string, TrainingStep, ModelRegistration)"/>
    /// gives), for a <see cref="Transformer"/> to score with: the SDK's <c>ModelStep</c> of <c>model.create()</c>.
    /// </summary>
    /// <param name="name">The step's name.</param>
    /// <param name="modelData">The model.tar.gz in S3.</param>
    /// <param name="code">The serving code bundle.</param>
    /// <param name="entryPoint">The serving script, one of the bundle's files.</param>
    /// <exception cref="ArgumentException">The serving script is not in its bundle.</exception>
    public CreateModelStep Model(string name, PipelineValue<string> modelData, CodeBundle code, string entryPoint)
    {
        ScriptCode.CheckEntryPoint(code, entryPoint);
        return new CreateModelStep
        {
            Name = name,
            Arguments = new CreateModelArguments
            {
                ExecutionRoleArn = Session.RoleArn,
                PrimaryContainer = new ContainerDefinition { Image = ImageUri, ModelDataUrl = modelData, Environment = ServingEnvironment(code, entryPoint) },
            },
        };
    }

    private Dictionary<string, PipelineString> ServingEnvironment(CodeBundle code, string entryPoint) => new(StringComparer.Ordinal)
    {
        ["SAGEMAKER_PROGRAM"] = entryPoint,
        ["SAGEMAKER_SUBMIT_DIRECTORY"] = Session.CodeArchiveS3Uri(code),
        ["SAGEMAKER_CONTAINER_LOG_LEVEL"] = "20",
        ["SAGEMAKER_REGION"] = Session.Region,
    };

    private static string Region(PipelineSession session) => (session ?? throw new ArgumentNullException(nameof(session))).Region;
}
