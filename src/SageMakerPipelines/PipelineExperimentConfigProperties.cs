namespace MlPipeline.SageMakerPipelines;

/// <summary>The experiment and trial of the running execution, as its <see cref="PipelineExperimentConfig"/> names them.</summary>
public static class PipelineExperimentConfigProperties
{
    /// <summary>The experiment's name: <c>{"Get": "PipelineExperimentConfig.ExperimentName"}</c>.</summary>
    public static PropertyReference ExperimentName { get; } = new("PipelineExperimentConfig.ExperimentName", PipelineValueType.String);

    /// <summary>The trial's name: <c>{"Get": "PipelineExperimentConfig.TrialName"}</c>.</summary>
    public static PropertyReference TrialName { get; } = new("PipelineExperimentConfig.TrialName", PipelineValueType.String);
}
