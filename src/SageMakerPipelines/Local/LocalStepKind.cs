using System.Text.Json.Nodes;
using MlPipeline.SageMakerPipelines.Definition;

namespace MlPipeline.SageMakerPipelines.Local;

/// <summary>How the local runner runs a kind of step (<see cref="StepKindDescriptor.RunLocally"/>); the members are in <see cref="LocalRunner.Kinds"/>.</summary>
internal sealed record LocalStepKind
{
    /// <summary>Runs the step.</summary>
    public required Func<LocalRunner, LocalRunner.StepRun, Task<LocalStepResult>> Run { get; init; }

    /// <summary>
    /// Before the run starts, works out what can be known of the job (its paths and command), given the step, a function
    /// that gives a value's text when it is known before the run, the step's container folder and the Python; throws a
    /// <see cref="LocalRunException"/> for what would fail. Null for steps that run no job.
    /// </summary>
    public Action<LocalRunner, DefinitionStep, Func<JsonNode?, string?>, string, string>? Plan { get; init; }

    /// <summary>The S3 URIs the step reads (its data and code), whose content a run records; none when null.</summary>
    public Func<DefinitionStep, IEnumerable<JsonNode?>>? InputUris { get; init; }
}
