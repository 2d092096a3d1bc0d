using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using MlPipeline.SageMakerPipelines.Images;
using MlPipeline.SageMakerPipelines.Local;

namespace MlPipeline.SageMakerPipelines.Tests.Local;

/// <summary>
/// Transform steps run locally: the model a Model step made from the training step's artifacts, its inference script
/// (the inference toolkit's four functions, real Python), one .out file per input object.
/// </summary>
public class LocalTransformTests
{
    private const string Inference = """
        import json, os
        def model_fn(model_dir):
            with open(os.path.join(model_dir, "model.json")) as f:
                return json.load(f)
        def input_fn(body, content_type):
            assert content_type == "text/csv", content_type
            text = body.decode("utf-8") if isinstance(body, (bytes, bytearray)) else body
            return [float(line.split(",")[0]) for line in text.splitlines() if line.strip()]
        def predict_fn(data, model):
            return [model["slope"] * x + model["intercept"] for x in data]
        def output_fn(prediction, accept):
            return "\n".join(f"{p:.6f}" for p in prediction), accept
        """;

    private static readonly int[][] Batches = [[1, 2, 3, 4, 5], [10, 20, 30]];

    [Theory]
    [InlineData("SingleRecord", "Line")]
    [InlineData("MultiRecord", "Line")]
    [InlineData("MultiRecord", "None")]
    public async Task Writes_one_out_file_per_input_file_whose_rows_are_the_models_predictions(string batchStrategy, string assembleWith)
    {
        using var project = new LocalProject();
        var pipeline = Pipeline(project, batchStrategy, assembleWith);

        var result = await project.Runner().RunAsync(pipeline);

        Assert.True(result.Succeeded, result.Failure);
        var store = project.Runner().Store;
        var model = ModelOf(store, result);
        for (var i = 0; i < Batches.Length; i++)
        {
            var output = store.PathOf($"s3://{LocalProject.Bucket}/scored/part-{i}.csv.out");
            Assert.True(File.Exists(output), output);
            var expected = Batches[i].Select(x => (model.Slope * x + model.Intercept).ToString("F6", CultureInfo.InvariantCulture)).ToList();
            var text = File.ReadAllText(output);
            // Line puts a newline after every response; None concatenates the responses as they are.
            Assert.Equal(assembleWith == "Line" || batchStrategy == "MultiRecord" ? string.Join("\n", expected) + (assembleWith == "Line" ? "\n" : "") : string.Concat(expected), text);
        }

        var log = File.ReadAllText(Path.Combine(result.RunFolder, "steps", "Score", "log.txt"));
        Assert.Contains(batchStrategy == "SingleRecord" ? "part-0.csv: 5 request(s)" : "part-0.csv: 1 request(s)", log, StringComparison.Ordinal);
        var lineage = JsonNode.Parse(File.ReadAllText(result.LineagePath))!["Steps"]!["Score"]!;
        Assert.Equal("inference.py", lineage["Model"]!["Program"]!.GetValue<string>());
        Assert.Equal(2, lineage["Outputs"]!.AsObject().Count);
    }

    [Fact]
    public async Task A_rerun_reuses_the_transform_and_a_new_model_reruns_it()
    {
        using var project = new LocalProject();

        var first = await project.Runner().RunAsync(Pipeline(project, "MultiRecord", "Line"));
        var second = await project.Runner().RunAsync(Pipeline(project, "MultiRecord", "Line"));
        project.SetScript("train.py", LocalProject.TrainScript + "\n# a change to the training code\n");
        var third = await project.Runner().RunAsync(Pipeline(project, "MultiRecord", "Line"));

        Assert.True(first.Succeeded && second.Succeeded && third.Succeeded, first.Failure ?? second.Failure ?? third.Failure);
        Assert.Equal(LocalStepStatus.Cached, second.Steps.Single(s => s.Name == "Score").Status);
        Assert.Equal(LocalStepStatus.Succeeded, third.Steps.Single(s => s.Name == "Score").Status);
    }

    [Fact]
    public async Task A_model_no_model_step_made_fails_the_step_by_name_with_the_fix()
    {
        using var project = new LocalProject();
        var transform = Transform("Score", "m", "SingleRecord", "Line");

        var result = await project.Runner().RunAsync(project.Pipeline(extra: transform));

        Assert.Contains("Step 'Score' failed: model 'm' was not made by a Model step of a local run", result.Failure, StringComparison.Ordinal);
        Assert.Contains("create it with a Model step (CreateModelStep)", result.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_inference_script_without_model_fn_fails_with_the_reason()
    {
        using var project = new LocalProject();
        project.SetScript("inference.py", "def predict_fn(data, model):\n    return data\n");

        var result = await project.Runner().RunAsync(Pipeline(project, "SingleRecord", "Line"));

        Assert.False(result.Succeeded);
        Assert.Contains("inference.py has no model_fn(model_dir)", result.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_output_path_that_climbs_out_of_the_store_stops_the_run_before_any_step()
    {
        using var project = new LocalProject();
        var pipeline = Pipeline(project, "SingleRecord", "Line");
        var score = (TransformStep)pipeline.Steps[^1];
        pipeline = pipeline with
        {
            Steps = [.. pipeline.Steps.SkipLast(1), score with { Arguments = score.Arguments with { TransformOutput = new TransformOutput { S3OutputPath = $"s3://{LocalProject.Bucket}/scored/../../../outside" } } }],
        };

        var error = await Assert.ThrowsAsync<LocalRunException>(() => project.Runner().RunAsync(pipeline));

        Assert.Contains("SMP101", error.Message, StringComparison.Ordinal);
        Assert.Contains("Step 'Score'", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(project.Root, ".mlpipeline", "runs")));
    }

    private static Pipeline Pipeline(LocalProject project, string batchStrategy, string assembleWith)
    {
        if (!project.Scripts.ContainsKey("inference.py"))
        {
            project.SetScript("inference.py", Inference);
        }

        for (var i = 0; i < Batches.Length; i++)
        {
            project.Store.Put($"s3://{LocalProject.Bucket}/batch/part-{i}.csv", Encoding.UTF8.GetBytes(string.Concat(Batches[i].Select(x => $"{x},unused\n"))));
        }

        var steps = project.Pipeline().Steps;
        var train = (TrainingStep)steps[1];
        var model = new CreateModelStep
        {
            Name = "Model",
            Arguments = new CreateModelArguments
            {
                ExecutionRoleArn = "arn:aws:iam::123456789012:role/Pipeline",
                PrimaryContainer = new ContainerDefinition
                {
                    Image = ImageUris.Sklearn("us-east-1"),
                    ModelDataUrl = train.ModelArtifacts,
                    Environment = new Dictionary<string, PipelineString>
                    {
                        ["SAGEMAKER_PROGRAM"] = "inference.py",
                        ["SAGEMAKER_SUBMIT_DIRECTORY"] = project.Code("inference.py").S3Uri(LocalProject.Bucket, "project"),
                    },
                },
            },
        };
        return new Pipeline
        {
            Name = "transform-test",
            Parameters = [LocalProject.Seed, LocalProject.InputData],
            Steps = [steps[0], train, model, Transform("Score", model.ModelName, batchStrategy, assembleWith)],
        };
    }

    private static TransformStep Transform(string name, PipelineValue<string> modelName, string batchStrategy, string assembleWith) => new()
    {
        Name = name,
        Arguments = new TransformJobArguments
        {
            ModelName = modelName,
            TransformInput = new TransformInput
            {
                DataSource = new TransformDataSource { S3DataSource = new TransformS3DataSource { S3DataType = S3DataType.S3Prefix, S3Uri = $"s3://{LocalProject.Bucket}/batch/" } },
                ContentType = "text/csv",
                SplitType = "Line",
            },
            TransformOutput = new TransformOutput { S3OutputPath = $"s3://{LocalProject.Bucket}/scored", Accept = "text/csv", AssembleWith = assembleWith },
            TransformResources = new TransformResources { InstanceType = "ml.m5.large", InstanceCount = 1 },
            BatchStrategy = batchStrategy,
        },
    };

    private static (double Slope, double Intercept) ModelOf(LocalObjectStore store, LocalRunResult result)
    {
        var artifact = JsonNode.Parse(File.ReadAllText(result.LineagePath))!["Steps"]!["Train"]!["ModelArtifact"]!["S3Uri"]!.GetValue<string>();
        using var file = File.OpenRead(store.PathOf(artifact));
        using var gzip = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionMode.Decompress);
        using var tar = new System.Formats.Tar.TarReader(gzip);
        while (tar.GetNextEntry() is { } entry)
        {
            if (entry.Name.EndsWith("model.json", StringComparison.Ordinal))
            {
                var model = JsonNode.Parse(new StreamReader(entry.DataStream!).ReadToEnd())!;
                return (model["slope"]!.GetValue<double>(), model["intercept"]!.GetValue<double>());
            }
        }

        throw new InvalidOperationException("no model.json in " + artifact);
    }
}
