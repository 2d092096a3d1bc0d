using MlPipeline.SageMakerPipelines.Code;

namespace MlPipeline.SageMakerPipelines.Tests.Builders;

/// <summary>What SageMaker would refuse at create time, or a job would trip over at run time, the builders refuse when the step is built, naming the step and the fix.</summary>
public class BuilderRefusalTests
{
    private static readonly FrameworkProcessor Processor = FrameworkProcessor.Sklearn(BuilderEquivalenceTests.Session("b", "p", "us-east-1"));
    private static readonly FrameworkEstimator Estimator = FrameworkEstimator.Sklearn(BuilderEquivalenceTests.Session("b", "p", "us-east-1"));
    private static readonly CodeBundle Code = BuilderEquivalenceTests.Bundle("step", "step.py", "common.py");

    public static TheoryData<string, Func<ProcessingJobBuilder, IReadOnlyList<PipelineString>>, string> ProcessingCases => new()
    {
        { "the code input's name", job => [job.Input("code", "s3://x/")], "already has an input named 'code'" },
        { "an input twice", job => [job.Input("a", "s3://x/"), job.Input("a", "s3://y/")], "already has an input named 'a'" },
        { "an output twice", job => [job.Output("a"), job.Output("a")], "already has an output named 'a'" },
        { "a path in a name", job => [job.Input("../etc", "s3://x/")], "must be a folder name" },
        { "an empty name", job => [job.Output("")], "must be a folder name" },
        { "a dot name", job => [job.Output("..")], "must be a folder name" },
        { "a path outside /opt/ml/processing", job => [job.Input("a", "s3://x/", "/tmp/a")], "under /opt/ml/processing/" },
        { "a path climbing out", job => [job.Input("a", "s3://x/", "/opt/ml/processing/../../etc")], "under /opt/ml/processing/" },
        { "the processing root itself", job => [job.Output("a", "/opt/ml/processing")], "under /opt/ml/processing/" },
        { "an input over the code", job => [job.Input("input", "s3://x/")], "overlaps '/opt/ml/processing/input/code'" },
        { "an output inside an input", job => [job.Input("data", "s3://x/"), job.Output("out", "/opt/ml/processing/data/out")], "overlaps '/opt/ml/processing/data'" },
        { "an output on an input's path", job => [job.Input("data", "s3://x/"), job.Output("data")], "overlaps '/opt/ml/processing/data'" },
        { "a property file twice", job => [job.Output("a", "R", "r.json"), job.Output("b", "R", "r.json")], "already has a property file 'R'" },
    };

    [Theory]
    [MemberData(nameof(ProcessingCases))]
    public void A_processing_step_refuses(string what, Func<ProcessingJobBuilder, IReadOnlyList<PipelineString>> job, string reason)
    {
        var error = Assert.Throws<ArgumentException>(() => Processor.Step("Prep", Code, "step.py", job));

        Assert.True(error.Message.Contains(reason, StringComparison.Ordinal) && error.Message.Contains("'Prep'", StringComparison.Ordinal), $"{what}: {error.Message}");
    }

    [Fact]
    public void An_entry_point_outside_the_bundle_is_refused_with_the_bundles_files()
    {
        var processing = Assert.Throws<ArgumentException>(() => Processor.Step("Prep", Code, "other.py", _ => []));
        var training = Assert.Throws<ArgumentException>(() => Estimator.Step("Train", Code, "steps/step.py", []));
        var serving = Assert.Throws<ArgumentException>(() => Estimator.Register("R", Estimator.Step("Train", Code, "step.py", []), new ModelRegistration
        {
            ModelPackageGroupName = "g",
            Code = Code,
            EntryPoint = "inference.py",
            ContentTypes = ["text/csv"],
        }));

        Assert.All([processing, training, serving], e => Assert.Contains("its files are: common.py, step.py", e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Two_channels_of_one_name_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => Estimator.Step("Train", Code, "step.py", [new TrainingInput("train", "s3://a/"), new TrainingInput("train", "s3://b/")]));

        Assert.Contains("two channels named 'train'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sagemaker_program", "script mode sets")]
    [InlineData("sagemaker_anything", "script mode sets")]
    [InlineData("depth", "added twice")]
    public void A_hyperparameter_of_the_framework_or_given_twice_is_refused(string name, string reason)
    {
        var error = Assert.Throws<ArgumentException>(() => new HyperParameters { { "depth", 3 }, { name, 4 } });

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Inputs_and_outputs_return_their_derived_container_paths_in_the_order_declared()
    {
        var step = Processor.Step("Prep", Code, "step.py", job => [job.Input("b", "s3://b/"), job.Input("a", "s3://a/", "/opt/ml/processing/in/a/"), job.Output("z"), job.Output("y")]);

        Assert.Equal(["/opt/ml/processing/b", "/opt/ml/processing/in/a", "/opt/ml/processing/z", "/opt/ml/processing/y"], step.Arguments.AppSpecification.ContainerArguments!.Select(a => ((PipelineLiteral)a.Value).Text));
        Assert.Equal(["b", "a", "code"], step.Arguments.ProcessingInputs!.Select(i => i.InputName));
        Assert.Equal(["z", "y"], step.Arguments.ProcessingOutputConfig!.Outputs.Select(o => o.OutputName));
        Assert.Equal("Get Steps.Prep.ProcessingOutputConfig.Outputs['y'].S3Output.S3Uri", step.OutputS3Uri("y").Describe());
    }
}
