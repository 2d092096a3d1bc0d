using MlPipeline.SageMakerPipelines.Definition;
using MlPipeline.SageMakerPipelines.Local;

namespace MlPipeline.SageMakerPipelines;

/// <summary>The model registration step kind (<see cref="RegisterModelStep"/>): a CreateModelPackage request.</summary>
internal static class RegisterModelKind
{
    public static StepKindDescriptor Descriptor { get; } = new()
    {
        Kind = StepKind.RegisterModel,
        TypeName = "RegisterModel",
        RequestShape = "CreateModelPackageInput",
        PropertyShapes = ["DescribeModelPackageOutput"],
        MapLimits = [new("CustomerMetadataProperties", 256), new("InferenceSpecification.Containers[].Environment", 1024)],
        Retryable = true,
        RunLocally = LocalRunner.Kinds.RegisterModel,
    };
}
