using MlPipeline.SageMakerPipelines.Definition;
using MlPipeline.SageMakerPipelines.Local;
using MlPipeline.SageMakerPipelines.Validation;

namespace MlPipeline.SageMakerPipelines;

/// <summary>
/// The tuning step kind (<see cref="TuningStep"/>): a CreateHyperParameterTuningJob request, whose properties are the
/// tuning job's and its training jobs' (ListTrainingJobsForHyperParameterTuningJob: <c>TrainingJobSummaries</c>).
/// </summary>
internal static class TuningKind
{
    public static StepKindDescriptor Descriptor { get; } = new()
    {
        Kind = StepKind.Tuning,
        TypeName = "Tuning",
        RequestShape = "CreateHyperParameterTuningJobRequest",
        PropertyShapes = ["DescribeHyperParameterTuningJobResponse", "ListTrainingJobsForHyperParameterTuningJobResponse"],
        MapLimits = [new("TrainingJobDefinition.StaticHyperParameters", 2500)],
        NumberLimits =
        [
            new("HyperParameterTuningJobConfig.ResourceLimits.MaxNumberOfTrainingJobs", 1, long.MaxValue),
            new("HyperParameterTuningJobConfig.ResourceLimits.MaxParallelTrainingJobs", 1, long.MaxValue),
            new("TrainingJobDefinition.StoppingCondition.MaxRuntimeInSeconds", 1, long.MaxValue),
        ],
        Cacheable = true,
        Retryable = true,
        ImagePath = "TrainingJobDefinition.AlgorithmSpecification.TrainingImage",
        Check = PipelineValidator.CheckTuning,
        RunLocally = LocalRunner.Kinds.Tuning,
    };
}
