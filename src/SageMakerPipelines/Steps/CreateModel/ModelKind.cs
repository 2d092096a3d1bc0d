using MlPipeline.SageMakerPipelines.Definition;
using MlPipeline.SageMakerPipelines.Local;

namespace MlPipeline.SageMakerPipelines;

/// <summary>The model step kind (<see cref="CreateModelStep"/>, Type <c>Model</c>): a CreateModel request.</summary>
internal static class ModelKind
{
    public static StepKindDescriptor Descriptor { get; } = new()
    {
        Kind = StepKind.Model,
        TypeName = "Model",
        RequestShape = "CreateModelInput",
        PropertyShapes = ["DescribeModelOutput"],
        MapLimits = [new("PrimaryContainer.Environment", 1024)],
        Retryable = true,
        RunLocally = LocalRunner.Kinds.Model,
    };
}
