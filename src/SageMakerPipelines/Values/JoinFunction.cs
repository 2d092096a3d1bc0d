namespace MlPipeline.SageMakerPipelines;

/// <summary><c>Std:Join</c>: the values as text, joined with a separator, when the pipeline runs.</summary>
public sealed record JoinFunction : PipelineValue
{
    internal JoinFunction(string on, IReadOnlyList<PipelineValue> values)
    {
        On = on;
        Values = values;
    }

    /// <summary>The separator.</summary>
    public string On { get; }

    /// <summary>The values to join.</summary>
    public IReadOnlyList<PipelineValue> Values { get; }

    /// <inheritdoc />
    public override PipelineValueType ValueType => PipelineValueType.String;

    /// <inheritdoc />
    public override string Describe() => $"Std:Join(\"{On}\", {string.Join(", ", Values.Select(v => v.Describe()))})";
}
