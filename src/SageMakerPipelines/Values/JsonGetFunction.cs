namespace MlPipeline.SageMakerPipelines;

/// <summary><c>Std:JsonGet</c>: a value read from a step's property file (a JSON file it wrote) when the pipeline runs.</summary>
public sealed record JsonGetFunction : PipelineValue
{
    internal JsonGetFunction(PropertyReference propertyFile, string path)
    {
        PropertyFile = propertyFile;
        Path = path;
    }

    /// <summary>The property file: <c>Steps.Evaluate.PropertyFiles.EvaluationReport</c>.</summary>
    public PropertyReference PropertyFile { get; }

    /// <summary>The JSON path inside the file: <c>regression_metrics.mse.value</c>.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public override PipelineValueType ValueType => PipelineValueType.Unknown;

    /// <inheritdoc />
    public override string Describe() => $"Std:JsonGet({PropertyFile.Path}, {Path})";
}
