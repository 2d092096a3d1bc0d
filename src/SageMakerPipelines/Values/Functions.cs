namespace MlPipeline.SageMakerPipelines;

/// <summary>The functions SageMaker evaluates inside a pipeline definition.</summary>
public static class Functions
{
    /// <summary><c>Std:Join</c>: the values as text joined with <paramref name="on"/>.</summary>
    public static JoinFunction Join(string on, params PipelineValue[] values) => new(on, values);

    /// <summary><c>Std:JsonGet</c>: the value at <paramref name="path"/> in a property file.</summary>
    public static JsonGetFunction JsonGet(PropertyFileReference propertyFile, string path) =>
        new(propertyFile.Reference, path);
}
