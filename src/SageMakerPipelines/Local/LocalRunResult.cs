namespace MlPipeline.SageMakerPipelines.Local;

/// <summary>How a local run went and where its records are.</summary>
/// <param name="RunId">The run's id, also its <c>Execution.PipelineExecutionId</c>.</param>
/// <param name="RunFolder">The folder with the run's logs, lineage and working files.</param>
/// <param name="Status">Succeeded, Failed or Cancelled.</param>
/// <param name="Failure">Why it failed: the step, the cause and the tail of its log.</param>
/// <param name="Steps">Every step, in definition order.</param>
/// <param name="Elapsed">Wall time of the whole run.</param>
/// <param name="LineagePath">The run's lineage record (lineage.json).</param>
/// <param name="Registered">Model package versions the run registered, in the order of their steps in the definition.</param>
public sealed record LocalRunResult(
    string RunId,
    string RunFolder,
    LocalRunStatus Status,
    string? Failure,
    IReadOnlyList<LocalStepResult> Steps,
    TimeSpan Elapsed,
    string LineagePath,
    IReadOnlyList<ModelPackage> Registered)
{
    /// <summary>Whether a step failed on an I/O error (such as a full disk) rather than on its own code.</summary>
    public bool InputOutputFailure { get; init; }

    /// <summary>Where the interpreter differs from the SageMaker containers the steps run in, each difference once.</summary>
    public IReadOnlyList<VersionDifference> VersionDifferences { get; init; } = [];

    /// <summary>Where this run differs from what SageMaker would do with the same definition, such as a step reused although its input changed under an unchanged URI.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Whether the run succeeded.</summary>
    public bool Succeeded => Status == LocalRunStatus.Succeeded;
}
