namespace MlPipeline.SageMakerPipelines.Local;

/// <summary>A local run could not go on: names the step (when there is one) and the cause.</summary>
public sealed class LocalRunException : Exception
{
    /// <summary>A failure of the run as a whole.</summary>
    /// <param name="message">What went wrong and how to fix it.</param>
    public LocalRunException(string message)
        : base(message)
    {
    }

    /// <summary>A failure of one step.</summary>
    /// <param name="step">The step's name.</param>
    /// <param name="message">What went wrong and how to fix it.</param>
    /// <param name="logTail">The last lines of the step's log, if it ran.</param>
    public LocalRunException(string step, string message, string? logTail = null)
        : base($"Step '{step}' failed: {message}")
    {
        Step = step;
        LogTail = logTail;
    }

    /// <summary>Creates one with an inner exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="inner">The cause.</param>
    public LocalRunException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>Creates one without a message.</summary>
    public LocalRunException()
    {
    }

    /// <summary>The failed step, or null for a failure of the run as a whole.</summary>
    public string? Step { get; }

    /// <summary>The last lines of the step's log.</summary>
    public string? LogTail { get; }
}
