using MlPipeline.SageMakerPipelines.Definition;
using MlPipeline.SageMakerPipelines.Local;

namespace MlPipeline.SageMakerPipelines;

/// <summary>The fail step kind (<see cref="FailStep"/>): no SageMaker request, no properties; it ends the execution.</summary>
internal static class FailKind
{
    public static StepKindDescriptor Descriptor { get; } = new()
    {
        Kind = StepKind.Fail,
        TypeName = "Fail",
        Properties = new Dictionary<string, string>(StringComparer.Ordinal),
        Shape = GraphShape.End,
        RunLocally = LocalRunner.Kinds.Fail,
    };
}
