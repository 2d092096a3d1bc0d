namespace MlPipeline.SageMakerPipelines.Definition;

/// <summary>The step kinds: each one's <see cref="StepKindDescriptor"/>, and reading a definition's <c>Type</c>.</summary>
internal static class StepKinds
{
    /// <summary>The kinds a definition may use, in the order messages list them.</summary>
    public static readonly IReadOnlyList<StepKindDescriptor> All =
    [
        ProcessingKind.Descriptor, TrainingKind.Descriptor, TuningKind.Descriptor, ModelKind.Descriptor,
        RegisterModelKind.Descriptor, TransformKind.Descriptor, ConditionKind.Descriptor, FailKind.Descriptor,
    ];

    /// <summary>What a <c>Type</c> this library does not know is: no properties, no limits, not run locally (the validator refuses it).</summary>
    public static readonly StepKindDescriptor Unknown = new()
    {
        Kind = StepKind.Unknown,
        // Stryker disable once String : never shown: a finding about an unknown type names the definition's own Type
        TypeName = "",
        Properties = new Dictionary<string, string>(StringComparer.Ordinal),
    };

    private static readonly Dictionary<string, StepKindDescriptor> ByTypeName = All.ToDictionary(d => d.TypeName, StringComparer.Ordinal);

    /// <summary>The kinds a definition may use, in the order messages list them.</summary>
    public static IReadOnlyList<StepKind> Known { get; } = [.. All.Select(d => d.Kind)];

    /// <summary>The descriptor of the kind a definition's <c>Type</c> names, spelled exactly; <see cref="Unknown"/> for anything else.</summary>
    public static StepKindDescriptor Of(string? typeName) => typeName is not null && ByTypeName.TryGetValue(typeName, out var kind) ? kind : Unknown;

    /// <summary>The kind a definition's <c>Type</c> names; <see cref="StepKind.Unknown"/> for anything else.</summary>
    public static StepKind Parse(string? typeName) => Of(typeName).Kind;

}
