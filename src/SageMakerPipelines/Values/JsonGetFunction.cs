namespace MlPipeline.SageMakerPipelines;

/// <summary>
/// <c>Std:JsonGet</c>: a value read from a JSON file when the pipeline runs: a step's property file, or a JSON
/// object in S3 whose URI is a <c>Std:Join</c>.
/// </summary>
public sealed record JsonGetFunction : PipelineValue
{
    internal JsonGetFunction(PropertyReference propertyFile, string path)
    {
        PropertyFile = propertyFile;
        Path = path;
    }

    internal JsonGetFunction(JoinFunction s3Uri, string path)
    {
        S3Uri = s3Uri;
        Path = path;
    }

    /// <summary>The property file: <c>Steps.Evaluate.PropertyFiles.EvaluationReport</c>; null when the file is <see cref="S3Uri"/>.</summary>
    public PropertyReference? PropertyFile { get; }

    /// <summary>The S3 URI of the JSON object; null when the file is a <see cref="PropertyFile"/>.</summary>
    public JoinFunction? S3Uri { get; }

    /// <summary>The JSON path inside the file: <c>regression_metrics.mse.value</c>.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public override PipelineValueType ValueType => PipelineValueType.Unknown;

    /// <inheritdoc />
    public override string Describe() => $"Std:JsonGet({PropertyFile?.Path ?? S3Uri!.Describe()}, {Path})";
}
