using System.Text.Json.Nodes;
using MlPipeline.SageMakerPipelines.Code;
using MlPipeline.SageMakerPipelines.Validation;

namespace MlPipeline.SageMakerPipelines.Tests.Builders;

/// <summary>The tuner, model and transformer builders: the same training job the estimator makes, a valid definition, and refusals naming the fix.</summary>
public class TunerAndTransformerTests
{
    private static readonly PipelineSession Session = BuilderEquivalenceTests.Session("my-bucket", "p", "us-east-1");
    private static readonly CodeBundle Code = BuilderEquivalenceTests.Bundle("step", "step.py", "common.py");
    private static readonly CodeBundle Serving = BuilderEquivalenceTests.Bundle("inference", "inference.py", "common.py");

    private static readonly FrameworkEstimator Estimator = FrameworkEstimator.Sklearn(Session) with
    {
        MetricDefinitions = [new MetricDefinition { Name = "validation:auc", Regex = "validation:auc=([0-9.]+)" }],
    };

    private static HyperparameterTuner Tuner(string metric = "validation:auc") => new()
    {
        Estimator = Estimator,
        ObjectiveMetricName = metric,
        Strategy = "Random",
        MaxJobs = 4,
        MaxParallelJobs = 2,
        Ranges = new ParameterRanges { IntegerParameterRanges = [new IntegerParameterRange { Name = "max_depth", MinValue = "2", MaxValue = "5" }] },
    };

    [Fact]
    public void A_tuning_step_trains_what_the_estimator_trains_and_its_best_model_feeds_a_model_a_transform_and_a_registration()
    {
        var inputs = new[] { new TrainingInput("train", "s3://my-bucket/p/data/") };
        var tune = Tuner().Step("Train", Code, "step.py", inputs, new HyperParameters { { "seed", 7 } });
        var model = Estimator.Model("Model", Tuner().BestModel(tune), Serving, "inference.py");
        var score = new Transformer { Session = Session, ModelName = model.ModelName, Accept = "text/csv" }.Step("Score", "s3://my-bucket/p/batch/", splitType: "None");
        var register = Estimator.Register("Register", Tuner().BestModel(tune), new ModelRegistration { ModelPackageGroupName = "g", Code = Serving, EntryPoint = "inference.py", ContentTypes = ["text/csv"] });
        var pipeline = new Pipeline { Name = "p", Steps = [tune, model, score, register] };

        Assert.Empty(PipelineValidator.Validate(pipeline.ToJson(), "p"));
        var steps = JsonNode.Parse(pipeline.ToJson())!["Steps"]!.AsArray();
        var training = JsonNode.Parse(new Pipeline { Name = "p", Steps = [Estimator.Step("Train", Code, "step.py", inputs, new HyperParameters { { "seed", 7 } })] }.ToJson())!["Steps"]![0]!["Arguments"]!;
        var definition = steps[0]!["Arguments"]!["TrainingJobDefinition"]!;
        foreach (var member in new[] { "AlgorithmSpecification", "RoleArn", "InputDataConfig", "OutputDataConfig", "ResourceConfig", "StoppingCondition" })
        {
            Assert.True(JsonNode.DeepEquals(training[member], definition[member]), member);
        }

        Assert.True(JsonNode.DeepEquals(training["HyperParameters"], definition["StaticHyperParameters"]));
        // The best model is where the SDK's get_top_model_s3_uri looks: OUTPUT/BEST-JOB/output/model.tar.gz.
        Assert.Equal(
            """{"Std:Join":{"On":"/","Values":["s3://my-bucket/p/models",{"Get":"Steps.Train.TrainingJobSummaries[0].TrainingJobName"},"output/model.tar.gz"]}}""",
            steps[1]!["Arguments"]!["PrimaryContainer"]!["ModelDataUrl"]!.ToJsonString());
        Assert.Equal("""{"Get":"Steps.Model.ModelName"}""", steps[2]!["Arguments"]!["ModelName"]!.ToJsonString());
        Assert.Equal("MultiRecord", steps[2]!["Arguments"]!["BatchStrategy"]!.GetValue<string>());
    }

    [Fact]
    public void A_session_key_encrypts_the_volumes_and_outputs_of_every_job_the_builders_make_and_no_key_leaves_them_out()
    {
        const string Key = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        string Definition(PipelineSession session)
        {
            var estimator = Estimator with { Session = session };
            var process = FrameworkProcessor.Sklearn(session).Step("Clean", Code, "step.py", job => ["--out", job.Output("cleaned")]);
            var train = estimator.Step("Train", Code, "step.py", [new TrainingInput("train", process.OutputS3Uri("cleaned"))]);
            var tune = (Tuner() with { Estimator = estimator }).Step("Tune", Code, "step.py", [new TrainingInput("train", process.OutputS3Uri("cleaned"))]);
            var model = estimator.Model("Model", train.ModelArtifacts, Serving, "inference.py");
            var score = new Transformer { Session = session, ModelName = model.ModelName }.Step("Score", "s3://my-bucket/p/batch/");
            return new Pipeline { Name = "p", Steps = [process, train, tune, model, score] }.ToJson();
        }

        var encrypted = Definition(Session with { KmsKeyId = Key });
        Assert.Empty(PipelineValidator.Validate(encrypted, "p"));
        var steps = JsonNode.Parse(encrypted)!["Steps"]!.AsArray();
        var tuned = steps[2]!["Arguments"]!["TrainingJobDefinition"]!;
        foreach (var (step, path) in new[]
        {
            (steps[0], "ProcessingResources.ClusterConfig.VolumeKmsKeyId"), (steps[0], "ProcessingOutputConfig.KmsKeyId"),
            (steps[1], "ResourceConfig.VolumeKmsKeyId"), (steps[1], "OutputDataConfig.KmsKeyId"),
            (steps[4], "TransformResources.VolumeKmsKeyId"), (steps[4], "TransformOutput.KmsKeyId"),
        })
        {
            Assert.Equal(Key, path.Split('.').Aggregate(step!["Arguments"]!, (node, member) => node[member]!).GetValue<string>());
        }

        Assert.Equal(Key, tuned["ResourceConfig"]!["VolumeKmsKeyId"]!.GetValue<string>());
        Assert.Equal(Key, tuned["OutputDataConfig"]!["KmsKeyId"]!.GetValue<string>());
        // Without a key nothing names one: SageMaker's own key for volumes, the bucket's default encryption for outputs.
        Assert.DoesNotContain("Kms", Definition(Session), StringComparison.Ordinal);
    }

    [Fact]
    public void A_tuner_refuses_a_hyperparameter_both_tuned_and_static_and_an_objective_no_metric_definition_reads()
    {
        var both = Assert.Throws<ArgumentException>(() => Tuner().Step("Train", Code, "step.py", [], new HyperParameters { { "max_depth", 3 } }));
        var metric = Assert.Throws<ArgumentException>(() => Tuner("validation:f1").Step("Train", Code, "step.py", []));

        Assert.Contains("hyperparameter 'max_depth' is both tuned and static", both.Message, StringComparison.Ordinal);
        Assert.Contains("the objective metric 'validation:f1' is not one of the estimator's MetricDefinitions", metric.Message, StringComparison.Ordinal);
    }
}
