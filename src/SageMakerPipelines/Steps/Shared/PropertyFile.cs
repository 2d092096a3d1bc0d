using System.Text.Json.Serialization;

namespace MlPipeline.SageMakerPipelines;

/// <summary>A JSON file a processing step writes into one of its outputs, which later steps read with <c>Std:JsonGet</c>.</summary>
public sealed record PropertyFile
{
    /// <summary>The file's name in the pipeline: <c>EvaluationReport</c>.</summary>
    [JsonPropertyName("PropertyFileName")]
    public required string PropertyFileName { get; init; }

    /// <summary>The processing output the file is written to.</summary>
    [JsonPropertyName("OutputName")]
    public required string OutputName { get; init; }

    /// <summary>The file's path inside that output: <c>evaluation.json</c>.</summary>
    [JsonPropertyName("FilePath")]
    public required string FilePath { get; init; }
}
