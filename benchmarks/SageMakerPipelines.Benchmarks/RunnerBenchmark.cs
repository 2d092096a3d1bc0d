using System.Diagnostics;
using System.Globalization;
using System.Text;
using MlPipeline.SageMakerPipelines.Code;
using MlPipeline.SageMakerPipelines.Images;
using MlPipeline.SageMakerPipelines.Local;

namespace MlPipeline.SageMakerPipelines.Benchmarks;

/// <summary>
/// The local runner's own cost on a 6-step pipeline (each step a real Python process doing about half a second of
/// work): overhead = (run wall time − sum of step process times) / run wall time, and the wall time of a fully
/// cached rerun. Run with: dotnet run -c Release --project benchmarks/SageMakerPipelines.Benchmarks -- runner
/// </summary>
internal static class RunnerBenchmark
{
    private const string Bucket = "bench-bucket";
    private const string Script = """
        import argparse, os
        parser = argparse.ArgumentParser()
        parser.add_argument("--root", required=True)
        args = parser.parse_args()
        data = open(os.path.join(args.root, "input", "data.txt")).read()
        total = 0
        for i in range(3_000_000):
            total += i % 7
        open(os.path.join(args.root, "output", "data.txt"), "w").write(data + f"{total}\n")
        """;

    public static async Task<int> RunAsync()
    {
        var python = Environment.GetEnvironmentVariable("MLPIPELINE_PYTHON") ?? "python3";
        var root = Path.Combine(Path.GetTempPath(), "mlpipeline-runner-bench-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var code = CodeAsset.FromBytes("work.py", Encoding.UTF8.GetBytes(Script));
            var pipeline = Build(code);
            var overheads = new List<double>();
            for (var i = 0; i < 3; i++)
            {
                var result = await Runner(root, python, code, noCache: true).RunAsync(pipeline);
                Require(result);
                var processes = result.Steps.Sum(s => s.ProcessTime.TotalSeconds);
                overheads.Add((result.Elapsed.TotalSeconds - processes) / result.Elapsed.TotalSeconds);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"clean run {i + 1}: wall {result.Elapsed.TotalSeconds:0.000} s, step processes {processes:0.000} s, overhead {overheads[^1]:P1}"));
            }

            var cached = new List<double>();
            for (var i = 0; i < 5; i++)
            {
                var watch = Stopwatch.StartNew();
                var result = await Runner(root, python, code, noCache: false).RunAsync(pipeline);
                Require(result);
                cached.Add(watch.Elapsed.TotalSeconds);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"runner overhead, median of 3 clean runs: {Median(overheads):P1} (target <= 10 %)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cached rerun wall time, median of 5: {Median(cached):0.000} s (target <= 1 s)"));
            return 0;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static LocalRunner Runner(string root, string python, CodeAsset code, bool noCache)
    {
        var runner = new LocalRunner(new LocalRunOptions { ProjectRoot = root, Python = python, NoCache = noCache });
        runner.Store.Put(code.S3Uri(Bucket, "bench"), code.Content.Span);
        runner.Store.Put($"s3://{Bucket}/input/data.txt", "start\n"u8);
        return runner;
    }

    private static Pipeline Build(CodeAsset code)
    {
        var steps = new List<Step>();
        PipelineValue input = $"s3://{Bucket}/input/data.txt";
        for (var i = 1; i <= 6; i++)
        {
            var step = new ProcessingStep
            {
                Name = $"Step{i}",
                Arguments = new ProcessingJobArguments
                {
                    ProcessingResources = new ProcessingResources { ClusterConfig = new ProcessingClusterConfig { InstanceType = "ml.m5.large", InstanceCount = 1, VolumeSizeInGB = 10 } },
                    AppSpecification = new AppSpecification
                    {
                        ImageUri = ImageUris.Sklearn("us-east-1"),
                        ContainerEntrypoint = ["python3", "/opt/ml/processing/code/work.py"],
                        ContainerArguments = ["--root", "/opt/ml/processing"],
                    },
                    RoleArn = "arn:aws:iam::123456789012:role/Bench",
                    ProcessingInputs =
                    [
                        Input("input", input, "/opt/ml/processing/input"),
                        Input("code", code.S3Uri(Bucket, "bench"), "/opt/ml/processing/code"),
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
                                    S3Uri = Functions.Join("/", $"s3://{Bucket}/runs", ExecutionVariables.PipelineExecutionId, $"step{i}"),
                                    LocalPath = "/opt/ml/processing/output",
                                    S3UploadMode = S3UploadMode.EndOfJob,
                                },
                            },
                        ],
                    },
                },
            };
            input = step.OutputS3Uri("output");
            steps.Add(step);
        }

        return new Pipeline { Name = "runner-benchmark", Steps = steps };
    }

    private static ProcessingInput Input(string name, PipelineValue uri, string localPath) => new()
    {
        InputName = name,
        S3Input = new ProcessingS3Input { S3Uri = uri, LocalPath = localPath, S3DataType = S3DataType.S3Prefix, S3InputMode = S3InputMode.File },
    };

    private static void Require(LocalRunResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(result.Failure);
        }
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
