namespace MlPipeline.SageMakerPipelines.Local;

/// <summary>One local run as its records show it (<c>.mlpipeline/runs/ID/run.json</c>).</summary>
/// <param name="RunId">The run's id.</param>
/// <param name="PipelineName">The pipeline it ran.</param>
/// <param name="Status">Running, Succeeded, Failed, Cancelled, or Interrupted: its record says Running but its runner is gone (killed, or the machine stopped).</param>
/// <param name="Failure">Why it did not succeed.</param>
/// <param name="StartTime">When it started (ISO 8601, UTC), if recorded.</param>
/// <param name="Folder">The run's folder.</param>
public sealed record LocalRunRecord(string RunId, string PipelineName, LocalRunStatus Status, string? Failure, string? StartTime, string Folder);
