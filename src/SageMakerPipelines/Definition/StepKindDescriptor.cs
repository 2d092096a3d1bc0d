using MlPipeline.SageMakerPipelines.Local;
using MlPipeline.SageMakerPipelines.Validation;

namespace MlPipeline.SageMakerPipelines.Definition;

/// <summary>
/// Everything the library knows about one kind of step, in one place: its wire name, the SageMaker shapes its
/// arguments and properties follow, the limits of its arguments, whether SageMaker caches and retries it, how the
/// graph draws it and how the local runner runs it. The writer, the validator, the graph and the local runner read
/// it; each kind's instance lives in its folder under <c>Steps/</c> and <see cref="StepKinds"/> lists them.
/// </summary>
internal sealed record StepKindDescriptor
{
    private IReadOnlyDictionary<string, string>? _properties;
    private IReadOnlyList<string>? _required;

    /// <summary>The kind.</summary>
    public required StepKind Kind { get; init; }

    /// <summary>The step's <c>Type</c> in a definition, spelled exactly.</summary>
    public required string TypeName { get; init; }

    /// <summary>The SageMaker API request shape the step's <c>Arguments</c> follow (<c>CreateProcessingJobRequest</c>), or null when none does.</summary>
    public string? RequestShape { get; init; }

    /// <summary>The SageMaker API response shapes whose members are the step's properties (<c>DescribeProcessingJobResponse</c>).</summary>
    public IReadOnlyList<string> PropertyShapes { get; init; } = [];

    /// <summary>
    /// The properties later steps may read, by path (a list item or map value as <c>[*]</c>), with their botocore type:
    /// every member of <see cref="PropertyShapes"/>, unless the kind gives its own.
    /// </summary>
    public IReadOnlyDictionary<string, string> Properties
    {
        get => _properties ??= ServiceModel.PropertiesOf(PropertyShapes);
        init => _properties = value;
    }

    /// <summary>
    /// The members SageMaker requires in the step's <c>Arguments</c>, as dotted paths below it: the last member is
    /// required wherever the path before it leads to an object, and <c>Name[]</c> steps into every item of a list.
    /// By default those of <see cref="RequestShape"/> in the service model (<see cref="ServiceModel.RequiredOf"/>).
    /// <c>Arguments</c> itself is required of every kind.
    /// </summary>
    public IReadOnlyList<string> Required
    {
        // Stryker disable once Conditional,Equality : kept by the kind's one descriptor once read, so a test process sees the first reading only; the findings golden file shows each kind's required members
        get => _required ??= RequestShape is null ? [] : ServiceModel.RequiredOf(RequestShape);
        init => _required = value;
    }

    /// <summary>The longest value each map argument takes (<c>Environment</c>: 256).</summary>
    public IReadOnlyList<LengthLimit> MapLimits { get; init; } = [];

    /// <summary>The longest item each list of container arguments takes (<c>AppSpecification.ContainerArguments</c>: 256).</summary>
    public IReadOnlyList<LengthLimit> ContainerArgumentLimits { get; init; } = [];

    /// <summary>The whole numbers each numeric argument takes.</summary>
    public IReadOnlyList<NumberLimit> NumberLimits { get; init; } = [];

    /// <summary>Whether SageMaker may reuse an earlier run of the step (<c>CacheConfig</c>), as the local runner does.</summary>
    public bool Cacheable { get; init; }

    /// <summary>Whether the step takes <c>RetryPolicies</c>.</summary>
    public bool Retryable { get; init; }

    /// <summary>What the validator checks on steps of this kind besides references, limits and retry policies; null for nothing more.</summary>
    public Action<DefinitionStep, List<ValidationFinding>>? Check { get; init; }

    /// <summary>How the graph draws the step.</summary>
    public GraphShape Shape { get; init; } = GraphShape.Step;

    /// <summary>Where the step's container image is in its arguments (<c>AppSpecification.ImageUri</c>), or null when it runs none.</summary>
    public string? ImagePath { get; init; }

    /// <summary>How the local runner runs the step; null when it cannot.</summary>
    public LocalStepKind? RunLocally { get; init; }

    /// <summary>The botocore type of the property at <paramref name="path"/> (after <c>Steps.NAME.</c>, indexes as written), or null when there is none.</summary>
    public string? PropertyType(string path) => Properties.GetValueOrDefault(ServiceModel.Normalize(path));
}
