namespace MlPipeline.SageMakerPipelines.Definition;

/// <summary>
/// The kind of a step in a definition, read from its <c>Type</c>. Each member is named as the definition spells
/// the type, so a member's name is its wire name; <see cref="StepKinds.Parse"/> is the one place that compares them.
/// </summary>
internal enum StepKind
{
    /// <summary>A type this library does not know (the validator refuses it).</summary>
    Unknown,

    /// <summary>A processing job.</summary>
    Processing,

    /// <summary>A training job.</summary>
    Training,

    /// <summary>A hyperparameter tuning job.</summary>
    Tuning,

    /// <summary>A model (CreateModel).</summary>
    Model,

    /// <summary>A model package version (CreateModelPackage).</summary>
    RegisterModel,

    /// <summary>A batch transform job.</summary>
    Transform,

    /// <summary>A condition with if and else branches.</summary>
    Condition,

    /// <summary>A step that fails the execution.</summary>
    Fail,
}
