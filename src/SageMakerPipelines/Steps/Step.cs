using MlPipeline.SageMakerPipelines.Definition;

namespace MlPipeline.SageMakerPipelines;

/// <summary>
/// A step of a pipeline. The kinds are closed: <see cref="ProcessingStep"/>, <see cref="TrainingStep"/>,
/// <see cref="TuningStep"/>, <see cref="CreateModelStep"/>, <see cref="RegisterModelStep"/>,
/// <see cref="TransformStep"/>, <see cref="ConditionStep"/> and <see cref="FailStep"/>.
/// </summary>
public abstract record Step
{
    private protected Step()
    {
    }

    /// <summary>The step's name, unique in the pipeline: letters, digits, hyphens and underscores, at most 64.</summary>
    public required string Name { get; init; }

    /// <summary>The name shown in SageMaker Studio.</summary>
    public string? DisplayName { get; init; }

    /// <summary>What the step does.</summary>
    public string? Description { get; init; }

    /// <summary>Steps that must finish first, besides those whose properties this step uses.</summary>
    public IReadOnlyList<string> DependsOn { get; init; } = [];

    /// <summary>The step's <c>Type</c> in the definition: <c>Processing</c>, <c>Training</c>, …</summary>
    public abstract string StepType { get; }

    /// <summary>The step's <c>Arguments</c>, shaped like the matching API request.</summary>
    internal abstract object ArgumentsObject { get; }

    /// <summary>
    /// A property of this step's result, for later steps: any member of what SageMaker's Describe call returns for the
    /// step (<c>CreationTime</c>, <c>OutputDataConfig.S3OutputPath</c>, <c>TrainingJobSummaries[0].TrainingJobName</c>,
    /// <c>ProcessingOutputConfig.Outputs['train'].S3Output.S3Uri</c>), or <c>Outcome</c> of a condition step. The value
    /// type follows the member's type in the SageMaker API.
    /// </summary>
    /// <param name="path">The path, with a list item or map value as <c>[0]</c> or <c>['key']</c>.</param>
    /// <exception cref="ArgumentException">A step of this kind has no such property; a fail step has none.</exception>
    public PropertyReference Property(string path)
    {
        var kind = StepKinds.Of(StepType);
        return kind.PropertyType(path) is { } type
            ? Property(path, ServiceModel.ValueType(type))
            : throw new ArgumentException(
                kind.Kind == StepKind.Fail
                    ? $"Step '{Name}' is a fail step: it ends the execution and has no properties for later steps."
                    : $"A {StepType} step has no property '{path}'; its properties are the members of SageMaker's Describe response for it.",
                nameof(path));
    }

    /// <summary>A property of this step's result, for later steps.</summary>
    private protected PropertyReference Property(string path, PipelineValueType type) => new($"Steps.{Name}.{path}", type);
}
