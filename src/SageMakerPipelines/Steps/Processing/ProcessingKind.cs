using MlPipeline.SageMakerPipelines.Definition;
using MlPipeline.SageMakerPipelines.Local;

namespace MlPipeline.SageMakerPipelines;

/// <summary>The processing step kind (<see cref="ProcessingStep"/>): a CreateProcessingJob request.</summary>
internal static class ProcessingKind
{
    public static StepKindDescriptor Descriptor { get; } = new()
    {
        Kind = StepKind.Processing,
        TypeName = "Processing",
        RequestShape = "CreateProcessingJobRequest",
        PropertyShapes = ["DescribeProcessingJobResponse"],
        MapLimits = [new("Environment", 256)],
        ContainerArgumentLimits = [new("AppSpecification.ContainerEntrypoint", 256), new("AppSpecification.ContainerArguments", 256)],
        NumberLimits =
        [
            new("ProcessingResources.ClusterConfig.InstanceCount", 1, 100),
            new("ProcessingResources.ClusterConfig.VolumeSizeInGB", 1, 16384),
            new("StoppingCondition.MaxRuntimeInSeconds", 1, 777600),
        ],
        Cacheable = true,
        Retryable = true,
        ImagePath = "AppSpecification.ImageUri",
        RunLocally = LocalRunner.Kinds.Processing,
    };
}
