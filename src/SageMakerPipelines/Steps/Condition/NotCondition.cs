namespace MlPipeline.SageMakerPipelines;

/// <summary><c>Not</c>: a condition does not hold.</summary>
public sealed record NotCondition : Condition
{
    internal NotCondition(Condition expression) => Expression = expression;

    /// <inheritdoc />
    public override string Type => "Not";

    /// <summary>The condition to negate.</summary>
    public Condition Expression { get; }
}
