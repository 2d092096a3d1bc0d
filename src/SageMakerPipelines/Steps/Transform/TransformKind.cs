using MlPipeline.SageMakerPipelines.Definition;
using MlPipeline.SageMakerPipelines.Local;

namespace MlPipeline.SageMakerPipelines;

/// <summary>The batch transform step kind (<see cref="TransformStep"/>): a CreateTransformJob request.</summary>
internal static class TransformKind
{
    public static StepKindDescriptor Descriptor { get; } = new()
    {
        Kind = StepKind.Transform,
        TypeName = "Transform",
        RequestShape = "CreateTransformJobRequest",
        PropertyShapes = ["DescribeTransformJobResponse"],
        MapLimits = [new("Environment", 10240)],
        NumberLimits = [new("TransformResources.InstanceCount", 1, long.MaxValue), new("MaxPayloadInMB", 0, 100)],
        Cacheable = true,
        Retryable = true,
        RunLocally = LocalRunner.Kinds.Transform,
    };
}
