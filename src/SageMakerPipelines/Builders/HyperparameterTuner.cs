using MlPipeline.SageMakerPipelines.Code;

namespace MlPipeline.SageMakerPipelines;

/// <summary>
/// Hyperparameter tuning over a <see cref="FrameworkEstimator"/>, the Python SDK's <c>HyperparameterTuner</c>: the
/// estimator's training job, with its hyperparameters as the static ones, is trained once per candidate of
/// <see cref="Ranges"/>, and the job with the best <see cref="ObjectiveMetricName"/> (read from the training log by the
/// estimator's <see cref="FrameworkEstimator.MetricDefinitions"/>) is the tuning job's best. <see cref="BestModel"/> is
/// that job's model archive. The step is an ordinary <see cref="TuningStep"/> record; change it with <c>with</c>.
/// </summary>
public sealed record HyperparameterTuner
{
    /// <summary>The estimator each training job runs as.</summary>
    public required FrameworkEstimator Estimator { get; init; }

    /// <summary>The metric that ranks the training jobs: the Name of one of the estimator's MetricDefinitions.</summary>
    public required string ObjectiveMetricName { get; init; }

    /// <summary>The hyperparameters tuned and their ranges.</summary>
    public required ParameterRanges Ranges { get; init; }

    /// <summary>Maximize or Minimize; Maximize unless set.</summary>
    public string ObjectiveType { get; init; } = "Maximize";

    /// <summary>Bayesian, Random, Hyperband or Grid; Bayesian (the Python SDK's default) unless set.</summary>
    public string Strategy { get; init; } = "Bayesian";

    /// <summary>How many training jobs at most; 1 (the Python SDK's default) unless set.</summary>
    public PipelineValue<long> MaxJobs { get; init; } = 1;

    /// <summary>How many training jobs at once at most; 1 unless set.</summary>
    public PipelineValue<long> MaxParallelJobs { get; init; } = 1;

    /// <summary>
    /// A tuning step whose training jobs run <paramref name="entryPoint"/> from <paramref name="code"/>, as
    /// <see cref="FrameworkEstimator.Step"/> would, with <paramref name="staticHyperParameters"/> in every job.
    /// </summary>
    /// <param name="name">The step's name.</param>
    /// <param name="code">The training code bundle.</param>
    /// <param name="entryPoint">The script to run, one of the bundle's files.</param>
    /// <param name="inputs">The channels.</param>
    /// <param name="staticHyperParameters">The hyperparameters every job gets; null for none.</param>
    /// <exception cref="ArgumentException">
    /// The entry point is not in the bundle, two channels share a name, a tuned hyperparameter is also static, the
    /// objective metric is not one of the estimator's MetricDefinitions, or the estimator sets an Environment (a tuning
    /// job's training definition is not modelled with one).
    /// </exception>
    public TuningStep Step(string name, CodeBundle code, string entryPoint, IReadOnlyList<TrainingInput> inputs, HyperParameters? staticHyperParameters = null)
    {
        ArgumentNullException.ThrowIfNull(Ranges);
        var training = Estimator.Step(name, code, entryPoint, inputs, staticHyperParameters).Arguments;
        var tuned = (Ranges.IntegerParameterRanges ?? []).Select(r => r.Name)
            .Concat((Ranges.ContinuousParameterRanges ?? []).Select(r => r.Name))
            .Concat((Ranges.CategoricalParameterRanges ?? []).Select(r => r.Name));
        if (tuned.FirstOrDefault(training.HyperParameters!.ContainsKey) is { } both)
        {
            throw new ArgumentException($"Step '{name}': hyperparameter '{both}' is both tuned and static; leave it out of the static hyperparameters.", nameof(staticHyperParameters));
        }

        if (!(Estimator.MetricDefinitions ?? []).Any(m => m.Name == ObjectiveMetricName))
        {
            throw new ArgumentException($"Step '{name}': the objective metric '{ObjectiveMetricName}' is not one of the estimator's MetricDefinitions; add one whose Regex reads it from the training log.", nameof(name));
        }

        if (training.Environment is not null)
        {
            throw new ArgumentException($"Step '{name}': the estimator sets an Environment, which a tuning step's training job definition does not carry here.", nameof(name));
        }

        return new TuningStep
        {
            Name = name,
            Arguments = new TuningJobArguments
            {
                HyperParameterTuningJobConfig = new HyperParameterTuningJobConfig
                {
                    Strategy = Strategy,
                    HyperParameterTuningJobObjective = new HyperParameterTuningJobObjective { Type = ObjectiveType, MetricName = ObjectiveMetricName },
                    ResourceLimits = new ResourceLimits { MaxNumberOfTrainingJobs = MaxJobs, MaxParallelTrainingJobs = MaxParallelJobs },
                    ParameterRanges = Ranges,
                },
                TrainingJobDefinition = new HyperParameterTrainingJobDefinition
                {
                    AlgorithmSpecification = training.AlgorithmSpecification,
                    RoleArn = training.RoleArn,
                    InputDataConfig = training.InputDataConfig,
                    OutputDataConfig = training.OutputDataConfig,
                    ResourceConfig = training.ResourceConfig,
                    StoppingCondition = training.StoppingCondition,
                    StaticHyperParameters = training.HyperParameters,
                },
            },
            CacheConfig = Estimator.Session.CacheConfig,
        };
    }

    /// <summary>The model archive of the best training job of <paramref name="step"/> (the SDK's <c>get_top_model_s3_uri(top_k=0)</c>).</summary>
    /// <param name="step">A step this tuner made.</param>
    public JoinFunction BestModel(TuningStep step) =>
        (step ?? throw new ArgumentNullException(nameof(step))).TopModelArtifacts(0, Estimator.OutputPath is { } path ? path : Estimator.Session.S3Uri("models"));
}
