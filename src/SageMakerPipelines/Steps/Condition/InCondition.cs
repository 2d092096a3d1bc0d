namespace MlPipeline.SageMakerPipelines;

/// <summary><c>In</c>: a value is one of a list.</summary>
public sealed record InCondition : Condition
{
    internal InCondition(PipelineValue queryValue, IReadOnlyList<PipelineValue> values)
    {
        QueryValue = queryValue;
        Values = values;
    }

    /// <inheritdoc />
    public override string Type => "In";

    /// <summary>The value to look for.</summary>
    public PipelineValue QueryValue { get; }

    /// <summary>The values it may be.</summary>
    public IReadOnlyList<PipelineValue> Values { get; }
}
