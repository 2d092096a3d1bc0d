namespace MlPipeline.SageMakerPipelines.Local;

/// <summary>Where a local run stands; its records (run.json, lineage.json) spell it the same way.</summary>
public enum LocalRunStatus
{
    /// <summary>Its runner is running it (a record only: a finished run is one of the others).</summary>
    Running,

    /// <summary>Every step that ran succeeded.</summary>
    Succeeded,

    /// <summary>A step failed; the run stopped starting steps.</summary>
    Failed,

    /// <summary>It was cancelled; running steps were stopped.</summary>
    Cancelled,

    /// <summary>Its record says Running but its runner is gone: killed, or the machine stopped (a record only).</summary>
    Interrupted,
}
