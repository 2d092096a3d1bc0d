namespace MlPipeline.SageMakerPipelines.Tests.Conformance;

/// <summary>
/// tests/unit/sagemaker/workflow/test_properties.py: properties of each step kind, into structures, lists and maps,
/// read by a later probe step that records the value the runner resolved.
/// </summary>
internal static partial class ConformanceCases
{
    private const string Timestamp = @"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?\+00:00";

    private static IEnumerable<(string, Func<Built>)> PropertyCases() =>
    [
        ("test_properties/test_properties_describe_training_job_response__creation_time", () =>
            PropertyCase(Stub.Training("MyStep"), "CreationTime", probe: Timestamp)),
        ("test_properties/test_properties_describe_training_job_response__hyper_parameters", () =>
            PropertyCase(Stub.Training("MyStep"), "HyperParameters", probe: """\{.*"sagemaker_program":.*\}""")),
        ("test_properties/test_properties_describe_training_job_response__output_path", () =>
            PropertyCase(Stub.Training("MyStep"), "OutputDataConfig.S3OutputPath", probe: "s3://conformance/models")),
        ("test_properties/test_properties_describe_processing_job_response__job_name", () =>
            PropertyCase(Stub.Processing("MyStep", outputs: ["MyOutputName"]), "ProcessingJobName", probe: "MyStep-.+")),
        ("test_properties/test_properties_describe_processing_job_response__named_output", () =>
            PropertyCase(Stub.Processing("MyStep", outputs: ["MyOutputName"]), "ProcessingOutputConfig.Outputs['MyOutputName'].S3Output.S3Uri", probe: "s3://conformance/out/MyStep/MyOutputName")),
        ("test_properties/test_properties_tuning_job__job_name", () => PropertyCase(Stub.Tuning("MyStep"), "HyperParameterTuningJobName")),
        ("test_properties/test_properties_tuning_job__objective_type", () =>
            PropertyCase(Stub.Tuning("MyStep"), "HyperParameterTuningJobConfig.HyperParameterTuningJobObjective.Type")),
        ("test_properties/test_properties_tuning_job__status_counter", () => PropertyCase(Stub.Tuning("MyStep"), "ObjectiveStatusCounters.Succeeded")),
        ("test_properties/test_properties_tuning_job__list_item", () => PropertyCase(Stub.Tuning("MyStep"), "TrainingJobSummaries[0].TrainingJobName")),
        ("test_properties/test_properties_describe_model_package_output__package_name", () =>
        {
            var train = Stub.Training("Train");
            return PropertyCase(Stub.RegisterModel("MyStep", train.ModelArtifacts), "ModelPackageName", [train], probe: "conformance-models/1");
        }),
        ("test_properties/test_properties_describe_model_package_output__validation_role", () =>
        {
            var train = Stub.Training("Train");
            return PropertyCase(
                Stub.RegisterModel("MyStep", train.ModelArtifacts), "ValidationSpecification.ValidationRole", [train],
                failure: "step 'MyStep' has no property 'ValidationSpecification.ValidationRole' in a local run");
        }),
        ("test_properties/test_to_string", () => PropertyCase(Stub.Training("MyStep"), "CreationTime", probe: Timestamp, whole: true)),
    ];

    /// <summary>
    /// Step <paramref name="source"/> and a probe reading its property <paramref name="path"/> as text; the SDK's JSON is
    /// the reference inside the probe's argument (or, with <paramref name="whole"/>, the argument: a Std:Join when the
    /// property is not text). The run records the value the probe received, or fails with <paramref name="failure"/>.
    /// </summary>
    private static Built PropertyCase(Step source, string path, IReadOnlyList<Step>? before = null, string? probe = null, string? failure = null, bool whole = false)
    {
        var built = ProbeCase(source.Property(path), probe ?? "", [.. before ?? [], source], whole: whole);
        return (source, failure) switch
        {
            (TuningStep, _) => built with { Run = null, NotRunnable = "Tuning steps need SageMaker's tuning service; the local runner refuses them." },
            (_, not null) => built with { Run = built.Run! with { Steps = [.. built.Run.Steps.SkipLast(1), "Probe:Failed"], FailureContains = failure, Probe = null } },
            _ => built,
        };
    }
}
