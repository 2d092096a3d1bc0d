namespace MlPipeline.SageMakerPipelines.Local;

/// <summary>Where a step of a local run stands.</summary>
public enum LocalStepStatus
{
    /// <summary>Not started yet.</summary>
    Pending,

    /// <summary>Running now.</summary>
    Running,

    /// <summary>Ran and succeeded.</summary>
    Succeeded,

    /// <summary>Reused from the step cache: same arguments, same input content.</summary>
    Cached,

    /// <summary>Ran and failed; the run stops.</summary>
    Failed,

    /// <summary>In the condition branch that was not taken.</summary>
    Skipped,

    /// <summary>Not started because the run stopped first.</summary>
    NotRun,
}
