namespace MlPipeline.SageMakerPipelines;

/// <summary><c>Or</c>: at least one of the conditions holds.</summary>
public sealed record OrCondition : Condition
{
    internal OrCondition(IReadOnlyList<Condition> conditions) => Conditions = conditions;

    /// <inheritdoc />
    public override string Type => "Or";

    /// <summary>The conditions.</summary>
    public IReadOnlyList<Condition> Conditions { get; }
}
