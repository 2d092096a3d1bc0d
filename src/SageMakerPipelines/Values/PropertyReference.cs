namespace MlPipeline.SageMakerPipelines;

/// <summary>
/// <c>{"Get": "..."}</c>: a property of a step (<c>Steps.Train.ModelArtifacts.S3ModelArtifacts</c>), a parameter
/// (<c>Parameters.InputData</c>) or an execution variable (<c>Execution.PipelineExecutionId</c>). Steps and
/// parameters hand these out; the validator checks every path against the definition.
/// </summary>
public sealed record PropertyReference : PipelineValue
{
    internal PropertyReference(string path, PipelineValueType valueType)
    {
        Path = path;
        ValueType = valueType;
    }

    /// <summary>The dotted path SageMaker resolves.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public override PipelineValueType ValueType { get; }

    /// <inheritdoc />
    public override string Describe() => $"Get {Path}";
}
