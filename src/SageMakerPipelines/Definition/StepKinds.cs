namespace MlPipeline.SageMakerPipelines.Definition;

/// <summary>Reading and naming <see cref="StepKind"/>s.</summary>
internal static class StepKinds
{
    /// <summary>The kinds a definition may use, in the order messages list them.</summary>
    public static readonly IReadOnlyList<StepKind> Known =
        [StepKind.Processing, StepKind.Training, StepKind.Tuning, StepKind.Model, StepKind.RegisterModel, StepKind.Transform, StepKind.Condition, StepKind.Fail];

    /// <summary>The kind a definition's <c>Type</c> names; <see cref="StepKind.Unknown"/> for anything else.</summary>
    public static StepKind Parse(string? typeName) => typeName switch
    {
        "Processing" => StepKind.Processing,
        "Training" => StepKind.Training,
        "Tuning" => StepKind.Tuning,
        "Model" => StepKind.Model,
        "RegisterModel" => StepKind.RegisterModel,
        "Transform" => StepKind.Transform,
        "Condition" => StepKind.Condition,
        "Fail" => StepKind.Fail,
        _ => StepKind.Unknown,
    };

    /// <summary>Whether steps of this kind run a SageMaker job (a process, locally).</summary>
    public static bool IsJob(this StepKind kind) => kind is StepKind.Processing or StepKind.Training or StepKind.Tuning or StepKind.Transform;
}
