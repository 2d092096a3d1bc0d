using MlPipeline.SageMakerPipelines.Definition;
using MlPipeline.SageMakerPipelines.Local;

namespace MlPipeline.SageMakerPipelines;

/// <summary>The training step kind (<see cref="TrainingStep"/>): a CreateTrainingJob request.</summary>
internal static class TrainingKind
{
    public static StepKindDescriptor Descriptor { get; } = new()
    {
        Kind = StepKind.Training,
        TypeName = "Training",
        RequestShape = "CreateTrainingJobRequest",
        PropertyShapes = ["DescribeTrainingJobResponse"],
        MapLimits = [new("Environment", 512), new("HyperParameters", 2500)],
        // An instance count of 0 fails at run time.
        NumberLimits =
        [
            new("ResourceConfig.InstanceCount", 0, long.MaxValue),
            new("ResourceConfig.VolumeSizeInGB", 0, long.MaxValue),
            new("StoppingCondition.MaxRuntimeInSeconds", 1, long.MaxValue),
        ],
        Cacheable = true,
        Retryable = true,
        ImagePath = "AlgorithmSpecification.TrainingImage",
        RunLocally = LocalRunner.Kinds.Training,
    };
}
