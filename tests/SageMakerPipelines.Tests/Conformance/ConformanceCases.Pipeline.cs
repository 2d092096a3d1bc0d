namespace MlPipeline.SageMakerPipelines.Tests.Conformance;

/// <summary>
/// tests/unit/sagemaker/workflow/test_pipeline.py and test_pipeline_experiment_config.py: whole definitions, the
/// experiment config and what steps read from it.
/// </summary>
internal static partial class ConformanceCases
{
    private static IEnumerable<(string, Func<Built>)> ExperimentConfigCases() =>
    [
        ("test_pipeline_experiment_config/test_pipeline_experiment_config", () =>
        {
            var built = ProbeCase(PipelineExperimentConfigProperties.ExperimentName, "experiment-name");
            return built with { Pipeline = built.Pipeline with { ExperimentConfig = new("experiment-name", "trial-name") }, Fragment = "PipelineExperimentConfig" };
        }),
        ("test_pipeline_experiment_config/test_pipeline_experiment_config_property", () =>
            ProbeCase(PipelineExperimentConfigProperties.ExperimentName, "MyPipeline")),
    ];

    private static IEnumerable<(string, Func<Built>)> PipelineCases() =>
    [
        ("test_pipeline/test_pipeline_basic", () => OneStepPipeline(Pipeline([InputData("MyStep", MyStr)], MyStr), ("MyStr", "x"))),
        ("test_pipeline/test_pipeline_two_step", () =>
        {
            var first = InputData("MyStep1", Functions.Join(",", MyStr, ExecutionVariables.PipelineExecutionId, PipelineExperimentConfigProperties.ExperimentName));
            var second = InputData("MyStep2", first.ModelArtifacts);
            return new(Pipeline([first, second], MyStr))
            {
                Run = new RunCheck { Parameters = new Dictionary<string, string> { ["MyStr"] = "x" }, Steps = ["MyStep1:Succeeded", "MyStep2:Succeeded"] },
            };
        }),
        ("test_pipeline/test_pipeline_override_experiment_config", () =>
            OneStepPipeline(Pipeline([InputData("MyStep", "input")]) with { ExperimentConfig = new("MyExperiment", "MyTrial") })),
        ("test_pipeline/test_pipeline_disable_experiment_config", () =>
            OneStepPipeline(Pipeline([InputData("MyStep", "input")]) with { ExperimentConfig = null })),
    ];

    /// <summary>A stub training step that gets <paramref name="value"/> as its hyperparameter input_data, as the SDK's CustomStep gets its input.</summary>
    private static TrainingStep InputData(string name, PipelineString value) =>
        Stub.Training(name, new Dictionary<string, PipelineString> { ["input_data"] = value });

    private static Built OneStepPipeline(Pipeline pipeline, params (string Name, string Value)[] parameters) => new(pipeline)
    {
        Run = new RunCheck { Parameters = parameters.ToDictionary(p => p.Name, p => p.Value), Steps = ["MyStep:Succeeded"] },
    };
}
