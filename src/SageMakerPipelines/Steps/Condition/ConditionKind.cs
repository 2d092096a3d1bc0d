using MlPipeline.SageMakerPipelines.Definition;
using MlPipeline.SageMakerPipelines.Local;
using MlPipeline.SageMakerPipelines.Validation;

namespace MlPipeline.SageMakerPipelines;

/// <summary>The condition step kind (<see cref="ConditionStep"/>): no SageMaker request; its one property is its outcome.</summary>
internal static class ConditionKind
{
    public static StepKindDescriptor Descriptor { get; } = new()
    {
        Kind = StepKind.Condition,
        TypeName = "Condition",
        Properties = new Dictionary<string, string>(StringComparer.Ordinal) { ["Outcome"] = "boolean" },
        Required = ["Conditions"],
        Shape = GraphShape.Decision,
        Check = PipelineValidator.CheckConditions,
        RunLocally = LocalRunner.Kinds.Condition,
    };
}
