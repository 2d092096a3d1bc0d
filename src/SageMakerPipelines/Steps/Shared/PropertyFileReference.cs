namespace MlPipeline.SageMakerPipelines;

/// <summary>A property file of a step, for <see cref="Functions.JsonGet(PropertyFileReference, string)"/>.</summary>
/// <param name="StepName">The step that writes it.</param>
/// <param name="PropertyFileName">The file's name in the pipeline.</param>
public sealed record PropertyFileReference(string StepName, string PropertyFileName)
{
    /// <summary><c>{"Get": "Steps.STEP.PropertyFiles.NAME"}</c>.</summary>
    public PropertyReference Reference => new($"Steps.{StepName}.PropertyFiles.{PropertyFileName}", PipelineValueType.Unknown);

    /// <summary>
    /// The value at <paramref name="path"/> in the file, read when the pipeline runs (<c>Std:JsonGet</c>): a condition
    /// on a property file in one expression, <c>Condition.GreaterThanOrEqualTo(step.PropertyFile("Report").Get("metrics.auc.value"), threshold)</c>.
    /// </summary>
    /// <param name="path">The JSON path, as SageMaker reads it (<c>a.b[0].c</c>).</param>
    public JsonGetFunction Get(string path) => Functions.JsonGet(this, path);
}
