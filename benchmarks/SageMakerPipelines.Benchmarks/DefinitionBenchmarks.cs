using BenchmarkDotNet.Attributes;
using MlPipeline.SageMakerPipelines.Images;
using MlPipeline.SageMakerPipelines.Validation;

namespace MlPipeline.SageMakerPipelines.Benchmarks;

/// <summary>Building and serializing (and validating) a pipeline of 100 chained processing steps.</summary>
[MemoryDiagnoser]
[MedianColumn]
#pragma warning disable CA1515, CA1822 // BenchmarkDotNet needs public instance benchmark methods
public class DefinitionBenchmarks
{
    private const int Steps = 100;
    private const string Role = "arn:aws:iam::123456789012:role/SageMakerPipelineRole";
    private readonly Pipeline _pipeline = Build();
    private readonly string _json;

    public DefinitionBenchmarks() => _json = _pipeline.ToJson();

    [Benchmark]
    public int BuildAndSerialize() => Build().ToJson().Length;

    [Benchmark]
    public int Validate() => PipelineValidator.Validate(_json).Count;

    private static Pipeline Build()
    {
        var input = Parameter.String("InputData", "s3://bucket/input/data.csv");
        var steps = new List<Step>(Steps);
        PipelineValue previous = input;
        for (var i = 0; i < Steps; i++)
        {
            var step = new ProcessingStep
            {
                Name = $"Step{i:D3}",
                Arguments = new ProcessingJobArguments
                {
                    ProcessingResources = new ProcessingResources { ClusterConfig = new ProcessingClusterConfig { InstanceType = InstanceType.MlM5Xlarge, InstanceCount = 1, VolumeSizeInGB = 30 } },
                    AppSpecification = new AppSpecification
                    {
                        ImageUri = ImageUris.Sklearn("us-east-1"),
                        ContainerEntrypoint = ["python3", "/opt/ml/processing/input/code/step.py"],
                        ContainerArguments = ["--index", i, "--seed", 42],
                    },
                    RoleArn = Role,
                    ProcessingInputs =
                    [
                        new ProcessingInput
                        {
                            InputName = "input",
                            S3Input = new ProcessingS3Input { S3Uri = previous, LocalPath = "/opt/ml/processing/input", S3DataType = S3DataType.S3Prefix, S3InputMode = S3InputMode.File },
                        },
                    ],
                    ProcessingOutputConfig = new ProcessingOutputConfig
                    {
                        Outputs =
                        [
                            new ProcessingOutput
                            {
                                OutputName = "output",
                                S3Output = new ProcessingS3Output
                                {
                                    S3Uri = Functions.Join("/", "s3://bucket/runs", ExecutionVariables.PipelineExecutionId, $"step{i}"),
                                    LocalPath = "/opt/ml/processing/output",
                                    S3UploadMode = S3UploadMode.EndOfJob,
                                },
                            },
                        ],
                    },
                },
            };
            previous = step.OutputS3Uri("output");
            steps.Add(step);
        }

        return new Pipeline { Name = "benchmark", Parameters = [input], Steps = steps };
    }
}
