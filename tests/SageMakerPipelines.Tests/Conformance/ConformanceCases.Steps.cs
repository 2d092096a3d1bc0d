namespace MlPipeline.SageMakerPipelines.Tests.Conformance;

/// <summary>tests/unit/sagemaker/workflow/test_steps.py: whole steps of every kind, and what the SDK refuses about property files.</summary>
internal static partial class ConformanceCases
{
    private static IEnumerable<(string, Func<string>)> StepRejections() =>
    [
        ("test_steps/test_pipeline_dag_json_get_bad_step_type", () =>
        {
            var training = Stub.Training("inputTrainingStep");
            var jsonGet = Functions.JsonGet(new PropertyFileReference(training.Name, "my-property-file"), "mse");
            return Pipeline([training, JsonGetUser(jsonGet)]).ToJson();
        }),
        ("test_steps/test_pipeline_dag_json_get_undefined_property_file", () =>
        {
            var processing = Stub.Processing("inputProcessingStep");
            Assert.Throws<ArgumentException>(() => processing.PropertyFile("undefined-property-file"));
            var jsonGet = Functions.JsonGet(new PropertyFileReference(processing.Name, "undefined-property-file"), "mse");
            return Pipeline([processing, JsonGetUser(jsonGet)]).ToJson();
        }),
        ("test_steps/test_pipeline_dag_json_get_wrong_processing_output_name", () =>
        {
            var processing = Stub.Processing("inputProcessingStep", outputs: ["SomeOtherTestOutputName"]) with
            {
                PropertyFiles = [new PropertyFile { PropertyFileName = "my-property-file", OutputName = "TestOutputName", FilePath = "processing_output.json" }],
            };
            return Pipeline([processing, JsonGetUser(Functions.JsonGet(processing.PropertyFile("my-property-file"), "mse"))]).ToJson();
        }),
    ];

    /// <summary>The SDK's tests read a JsonGet in a test-double step; ours reads it in a condition step named as theirs.</summary>
    private static ConditionStep JsonGetUser(PipelineValue jsonGet) => new() { Name = "TestStep", Conditions = [Condition.EqualTo(jsonGet, 1)] };
}
