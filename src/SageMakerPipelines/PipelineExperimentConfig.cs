namespace MlPipeline.SageMakerPipelines;

/// <summary>The experiment and trial that record an execution's jobs.</summary>
/// <param name="ExperimentName">The experiment.</param>
/// <param name="TrialName">The trial.</param>
public sealed record PipelineExperimentConfig(PipelineValue ExperimentName, PipelineValue TrialName)
{
    /// <summary>What the SageMaker Python SDK uses: the pipeline's name as the experiment, the execution id as the trial.</summary>
    public static PipelineExperimentConfig Default { get; } =
        new(ExecutionVariables.PipelineName, ExecutionVariables.PipelineExecutionId);
}
