namespace MlPipeline.SageMakerPipelines.Local;

/// <summary>How one step of a local run went.</summary>
/// <param name="Name">The step's name.</param>
/// <param name="Type">The step's type.</param>
/// <param name="Status">Where it ended.</param>
/// <param name="Elapsed">Wall time, from start to end.</param>
/// <param name="ProcessTime">Wall time of the step's own process (zero for steps without one).</param>
/// <param name="LogPath">The step's log file, if it ran a process.</param>
/// <param name="Message">Why it failed or was skipped.</param>
public sealed record LocalStepResult(
    string Name, string Type, LocalStepStatus Status, TimeSpan Elapsed, TimeSpan ProcessTime, string? LogPath, string? Message)
{
    /// <summary>
    /// What the step wrote to the object store, in the order it wrote them: a processing step's outputs, a training
    /// step's model archive, every model of a tuning step's jobs, a transform step's <c>.out</c> files. A step reused
    /// from the cache has the artifacts of the run that made them.
    /// </summary>
    public IReadOnlyList<LocalArtifact> Artifacts { get; init; } = [];

    /// <summary>The model archive a training step made (a tuning step: its best job's), or null.</summary>
    public LocalArtifact? Model { get; init; }

    /// <summary>The model package version a RegisterModel step registered, or null.</summary>
    public ModelPackage? Registered { get; init; }
}
