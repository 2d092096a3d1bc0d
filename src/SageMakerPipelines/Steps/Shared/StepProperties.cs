using System.Text.Json;
using System.Text.RegularExpressions;

namespace MlPipeline.SageMakerPipelines;

/// <summary>
/// What later steps may read from a step of each kind: every member of the response of the step's Describe call
/// (for tuning, also ListTrainingJobsForHyperParameterTuningJob), as SageMaker Pipelines exposes them and the SageMaker
/// Python SDK derives them, with its botocore type. The table (StepProperties.json) is generated from botocore's
/// service model by tests/tools/step_properties.py, and a test checks it against the machine's botocore.
/// </summary>
internal static partial class StepProperties
{
    private static readonly Lazy<Dictionary<string, Dictionary<string, string>>> Table = new(Load);

    /// <summary>The botocore type of <paramref name="path"/> on a step of <paramref name="stepType"/>, or null when it has no such property.</summary>
    /// <param name="stepType">The step's Type: Processing, Training, …</param>
    /// <param name="path">The path after <c>Steps.NAME.</c>: <c>ProcessingOutputConfig.Outputs['train'].S3Output.S3Uri</c>.</param>
    public static string? TypeOf(string stepType, string path) => stepType switch
    {
        "Condition" => path == "Outcome" ? "boolean" : null,
        _ => Table.Value.GetValueOrDefault(stepType)?.GetValueOrDefault(Normalize(path)),
    };

    /// <summary>The path with every list index and map key as <c>[*]</c>: <c>Outputs['train']</c> and <c>Outputs[0]</c> are <c>Outputs[*]</c>.</summary>
    public static string Normalize(string path) => Index().Replace(path, "[*]");

    /// <summary>The kind of value a property of that botocore type holds when the pipeline runs.</summary>
    public static PipelineValueType ValueType(string botocoreType) => botocoreType switch
    {
        "string" => PipelineValueType.String,
        "integer" or "long" => PipelineValueType.Integer,
        "float" or "double" => PipelineValueType.Float,
        "boolean" => PipelineValueType.Boolean,
        _ => PipelineValueType.Unknown,
    };

    private static Dictionary<string, Dictionary<string, string>> Load()
    {
        using var stream = typeof(StepProperties).Assembly.GetManifestResourceStream("MlPipeline.SageMakerPipelines.StepProperties.json")
            ?? throw new InvalidOperationException("The step property table is missing from the assembly.");
        using var document = JsonDocument.Parse(stream);
        return document.RootElement.EnumerateObject()
            .Where(kind => kind.Value.ValueKind == JsonValueKind.Object)
            .ToDictionary(
                kind => kind.Name,
                kind => kind.Value.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "", StringComparer.Ordinal),
                StringComparer.Ordinal);
    }

    [GeneratedRegex(@"\[(\d+|'[^']*'|""[^""]*"")\]")]
    private static partial Regex Index();
}
