namespace MlPipeline.SageMakerPipelines;

/// <summary>A property file of a step, for <see cref="Functions.JsonGet(PropertyFileReference, string)"/>.</summary>
/// <param name="StepName">The step that writes it.</param>
/// <param name="PropertyFileName">The file's name in the pipeline.</param>
public sealed record PropertyFileReference(string StepName, string PropertyFileName)
{
    /// <summary><c>{"Get": "Steps.STEP.PropertyFiles.NAME"}</c>.</summary>
    public PropertyReference Reference => new($"Steps.{StepName}.PropertyFiles.{PropertyFileName}", PipelineValueType.Unknown);
}
