using MlPipeline.SageMakerPipelines.Code;

namespace MlPipeline.SageMakerPipelines;

/// <summary>
/// How <see cref="FrameworkEstimator.Register(string, TrainingStep, ModelRegistration)"/> registers a trained model, the Python SDK's <c>model.register(...)</c>:
/// the model package group and approval status, the serving script (the framework container serves the model with it
/// in script mode), content types, instance types, the model-quality report and the data-quality baseline.
/// </summary>
public sealed record ModelRegistration
{
    /// <summary>The model package group the version goes into.</summary>
    public required PipelineValue<string> ModelPackageGroupName { get; init; }

    /// <summary>The new version's approval status; null for SageMaker's default (PendingManualApproval).</summary>
    public PipelineValue<string>? ApprovalStatus { get; init; }

    /// <summary>The serving code bundle (SAGEMAKER_SUBMIT_DIRECTORY).</summary>
    public required CodeBundle Code { get; init; }

    /// <summary>The serving script, one of the bundle's files (SAGEMAKER_PROGRAM).</summary>
    public required string EntryPoint { get; init; }

    /// <summary>The content types of requests the model accepts.</summary>
    public required IReadOnlyList<string> ContentTypes { get; init; }

    /// <summary>The MIME types of its answers; the same as <see cref="ContentTypes"/> unless set.</summary>
    public IReadOnlyList<string>? ResponseTypes { get; init; }

    /// <summary>The instance types an endpoint may serve it on.</summary>
    public IReadOnlyList<string> InferenceInstanceTypes { get; init; } = ["ml.m5.large"];

    /// <summary>The instance types a batch transform may run it on.</summary>
    public IReadOnlyList<string> TransformInstanceTypes { get; init; } = ["ml.m5.large"];

    /// <summary>The S3 URI of the model-quality report (JSON, e.g. the evaluation step's evaluation.json); null for none.</summary>
    public PipelineValue<string>? ModelQualityStatistics { get; init; }

    /// <summary>
    /// The S3 URI of the training data's statistics in Model Monitor's format (statistics.json); null for none. With
    /// <see cref="DataQualityConstraints"/> it is the version's data-quality report (<c>ModelMetrics.ModelDataQuality</c>)
    /// and the baseline its data-quality monitoring compares captured requests with (<c>DriftCheckBaselines.ModelDataQuality</c>).
    /// </summary>
    public PipelineValue<string>? DataQualityStatistics { get; init; }

    /// <summary>The S3 URI of the constraints drawn from those statistics (constraints.json); null for none.</summary>
    public PipelineValue<string>? DataQualityConstraints { get; init; }
}
