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
    string Name, string Type, LocalStepStatus Status, TimeSpan Elapsed, TimeSpan ProcessTime, string? LogPath, string? Message);
