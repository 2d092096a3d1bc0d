namespace MlPipeline.SageMakerPipelines.Cloud;

/// <summary>How a watched execution ended: its last description and its steps in the order they started.</summary>
/// <param name="Execution">The execution.</param>
/// <param name="Steps">Its steps, oldest first.</param>
public sealed record PipelineExecutionResult(PipelineExecutionDescription Execution, IReadOnlyList<PipelineExecutionStep> Steps)
{
    /// <summary>The first step that failed, if any.</summary>
    public PipelineExecutionStep? FailedStep => Steps.FirstOrDefault(s => s.StepStatus == "Failed");
}
