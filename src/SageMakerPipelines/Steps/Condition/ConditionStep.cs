namespace MlPipeline.SageMakerPipelines;

/// <summary>Tests conditions (all must hold) and runs the <see cref="IfSteps"/> or the <see cref="ElseSteps"/>.</summary>
public sealed record ConditionStep : Step
{
    /// <summary>The conditions; the step takes the if branch when all hold.</summary>
    public required IReadOnlyList<Condition> Conditions { get; init; }

    /// <summary>The steps run when the conditions hold.</summary>
    public IReadOnlyList<Step> IfSteps { get; init; } = [];

    /// <summary>The steps run otherwise.</summary>
    public IReadOnlyList<Step> ElseSteps { get; init; } = [];

    /// <inheritdoc />
    public override string StepType => ConditionKind.Descriptor.TypeName;

    internal override object ArgumentsObject => this;

    /// <summary>Whether the conditions held, for later steps.</summary>
    public PropertyReference Outcome => Property("Outcome", PipelineValueType.Boolean);
}
