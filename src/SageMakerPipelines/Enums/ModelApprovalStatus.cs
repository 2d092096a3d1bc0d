using System.Text.Json.Serialization;
using MlPipeline.SageMakerPipelines.Serialization;

namespace MlPipeline.SageMakerPipelines;

/// <summary>The approval status of a model package version.</summary>
/// <param name="Value">The value as the API spells it.</param>
[JsonConverter(typeof(OpenValueConverter<ModelApprovalStatus>))]
public readonly record struct ModelApprovalStatus(string Value) : IOpenValue<ModelApprovalStatus>
{
    /// <summary><c>Approved</c>.</summary>
    public static ModelApprovalStatus Approved { get; } = new("Approved");

    /// <summary><c>Rejected</c>.</summary>
    public static ModelApprovalStatus Rejected { get; } = new("Rejected");

    /// <summary><c>PendingManualApproval</c>.</summary>
    public static ModelApprovalStatus PendingManualApproval { get; } = new("PendingManualApproval");

    /// <inheritdoc />
    static ModelApprovalStatus IOpenValue<ModelApprovalStatus>.Create(string value) => new(value);

    /// <summary>The value as a pipeline literal, so it can stand where a parameter could too.</summary>
    public static implicit operator PipelineValue(ModelApprovalStatus value) => value.Value;

    /// <summary>The value as a pipeline literal, so it can stand where a parameter could too.</summary>
    public static implicit operator PipelineValue<string>(ModelApprovalStatus value) => value.Value;

    /// <summary>The value as the API spells it.</summary>
    public override string ToString() => Value;
}
