namespace MlPipeline.SageMakerPipelines;

/// <summary>The functions SageMaker evaluates inside a pipeline definition.</summary>
public static class Functions
{
    /// <summary><c>Std:Join</c>: the values as text joined with <paramref name="on"/>.</summary>
    public static JoinFunction Join(string on, params PipelineValue[] values) => new(on, values);

    /// <summary><c>Std:JsonGet</c>: the value at <paramref name="path"/> in a property file.</summary>
    public static JsonGetFunction JsonGet(PropertyFileReference propertyFile, string path) =>
        new(propertyFile.Reference, path);

    /// <summary><c>Std:JsonGet</c>: the value at <paramref name="path"/> in the JSON object at <paramref name="s3Uri"/>.</summary>
    /// <param name="s3Uri">The object's URI, joined from text, parameters, execution variables and step properties.</param>
    /// <param name="path">The JSON path inside the object.</param>
    /// <exception cref="ArgumentException">A value of the URI is itself a function (SageMaker resolves only plain values there).</exception>
    public static JsonGetFunction JsonGet(JoinFunction s3Uri, string path) =>
        s3Uri.Values.FirstOrDefault(v => v is JoinFunction or JsonGetFunction) is { } nested
            ? throw new ArgumentException($"The S3 URI of a JsonGet joins text, parameters, execution variables and step properties only, not {nested.Describe()}.", nameof(s3Uri))
            : new(s3Uri, path);
}
