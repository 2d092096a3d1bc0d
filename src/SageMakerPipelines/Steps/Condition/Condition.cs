namespace MlPipeline.SageMakerPipelines;

/// <summary>
/// A condition a <see cref="ConditionStep"/> tests. Make one with <see cref="EqualTo"/>, <see cref="GreaterThan"/>,
/// <see cref="GreaterThanOrEqualTo"/>, <see cref="LessThan"/>, <see cref="LessThanOrEqualTo"/>, <see cref="In"/>,
/// <see cref="Not"/> or <see cref="Or"/>.
/// </summary>
public abstract record Condition
{
    private protected Condition()
    {
    }

    /// <summary>The condition's <c>Type</c> in the definition.</summary>
    public abstract string Type { get; }

    /// <summary><c>Equals</c>: the two values are equal.</summary>
    /// <param name="left">The left value.</param>
    /// <param name="right">The right value.</param>
    public static ComparisonCondition EqualTo(PipelineValue left, PipelineValue right) => new("Equals", left, right);

    /// <summary><c>GreaterThan</c>.</summary>
    /// <param name="left">The left value.</param>
    /// <param name="right">The right value.</param>
    public static ComparisonCondition GreaterThan(PipelineValue left, PipelineValue right) => new("GreaterThan", left, right);

    /// <summary><c>GreaterThanOrEqualTo</c>.</summary>
    /// <param name="left">The left value.</param>
    /// <param name="right">The right value.</param>
    public static ComparisonCondition GreaterThanOrEqualTo(PipelineValue left, PipelineValue right) => new("GreaterThanOrEqualTo", left, right);

    /// <summary><c>LessThan</c>.</summary>
    /// <param name="left">The left value.</param>
    /// <param name="right">The right value.</param>
    public static ComparisonCondition LessThan(PipelineValue left, PipelineValue right) => new("LessThan", left, right);

    /// <summary><c>LessThanOrEqualTo</c>.</summary>
    /// <param name="left">The left value.</param>
    /// <param name="right">The right value.</param>
    public static ComparisonCondition LessThanOrEqualTo(PipelineValue left, PipelineValue right) => new("LessThanOrEqualTo", left, right);

    /// <summary><c>In</c>: the value is one of the values.</summary>
    /// <param name="value">The value to look for.</param>
    /// <param name="values">The values it may be.</param>
    public static InCondition In(PipelineValue value, params PipelineValue[] values) => new(value, values);

    /// <summary><c>Not</c>: the condition does not hold.</summary>
    /// <param name="condition">The condition to negate.</param>
    public static NotCondition Not(Condition condition) => new(condition);

    /// <summary><c>Or</c>: at least one of the conditions holds.</summary>
    /// <param name="conditions">The conditions.</param>
    public static OrCondition Or(params Condition[] conditions) => new(conditions);
}
