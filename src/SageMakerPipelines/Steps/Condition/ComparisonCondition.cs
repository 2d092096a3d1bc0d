namespace MlPipeline.SageMakerPipelines;

/// <summary>A comparison of two values: <c>Equals</c>, <c>GreaterThan</c>, <c>GreaterThanOrEqualTo</c>, <c>LessThan</c>, <c>LessThanOrEqualTo</c>.</summary>
public sealed record ComparisonCondition : Condition
{
    internal ComparisonCondition(string type, PipelineValue leftValue, PipelineValue rightValue)
    {
        Type = type;
        LeftValue = leftValue;
        RightValue = rightValue;
    }

    /// <inheritdoc />
    public override string Type { get; }

    /// <summary>The left value.</summary>
    public PipelineValue LeftValue { get; }

    /// <summary>The right value.</summary>
    public PipelineValue RightValue { get; }
}
