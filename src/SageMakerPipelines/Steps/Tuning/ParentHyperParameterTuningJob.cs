using System.Text.Json.Serialization;

namespace MlPipeline.SageMakerPipelines;

/// <summary>An earlier tuning job a warm start learns from.</summary>
public sealed record ParentHyperParameterTuningJob
{
    /// <summary>Its name, such as an earlier tuning step's HyperParameterTuningJobName.</summary>
    [JsonPropertyName("HyperParameterTuningJobName")]
    public required PipelineValue<string> HyperParameterTuningJobName { get; init; }
}
