namespace MlPipeline.SageMakerPipelines.Local;

/// <summary>A step changed status; for progress displays.</summary>
/// <param name="Step">The step's name.</param>
/// <param name="Type">The step's type.</param>
/// <param name="Status">Its new status.</param>
/// <param name="Elapsed">How long it ran, once it has finished.</param>
/// <param name="Message">A note, such as why it failed.</param>
public sealed record LocalRunEvent(string Step, string Type, LocalStepStatus Status, TimeSpan Elapsed, string? Message);
