using System.Diagnostics;
using System.Globalization;
using System.Text;
using MlPipeline.SageMakerPipelines.Code;
using MlPipeline.SageMakerPipelines.Images;
using MlPipeline.SageMakerPipelines.Local;

namespace MlPipeline.SageMakerPipelines.Benchmarks;

/// <summary>
/// A big output through the local object store: step Make writes a sparse file of SIZE bytes (3 GiB by default) to
/// its output, the runner uploads and hashes it, step Read downloads it and checks its size. Prints the file size
/// next to the runner's peak memory (VmHWM of this process, which is the runner); the target is under 200 MB.
/// Run with: MLPIPELINE_PYTHON=/usr/bin/python3 dotnet run -c Release --project benchmarks/SageMakerPipelines.Benchmarks -- store [SIZE]
/// It needs about twice SIZE of free disk in the temp folder (the store's copy and the download are not sparse).
/// </summary>
internal static class StoreBenchmark
{
    private const string Bucket = "bench-bucket";

    public static async Task<int> RunAsync(long size)
    {
        var python = Environment.GetEnvironmentVariable("MLPIPELINE_PYTHON") ?? "python3";
        var root = Path.Combine(Path.GetTempPath(), "mlpipeline-store-bench-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var make = CodeAsset.FromBytes("make.py", Encoding.UTF8.GetBytes(
                $"import os\nwith open('/'.join([os.environ['MLPIPELINE_CONTAINER_ROOT'], 'opt/ml/processing/output/big.bin']), 'wb') as f:\n    f.truncate({size})\n"));
            var read = CodeAsset.FromBytes("read.py", Encoding.UTF8.GetBytes(
                "import os\nroot = os.environ['MLPIPELINE_CONTAINER_ROOT'] + '/opt/ml/processing/'\nsize = os.path.getsize(root + 'input/big.bin')\nopen(root + 'output/size.txt', 'w').write(str(size))\nprint('read', size)\n"));
            var runner = new LocalRunner(new LocalRunOptions { ProjectRoot = root, Python = python, NoCache = true });
            runner.Store.Put(make.S3Uri(Bucket, "bench"), make.Content.Span);
            runner.Store.Put(read.S3Uri(Bucket, "bench"), read.Content.Span);
            var first = Step("Make", make, null);
            var second = Step("Read", read, first.OutputS3Uri("output"));
            var before = PeakMemory();
            var watch = Stopwatch.StartNew();

            var result = await runner.RunAsync(new Pipeline { Name = "store-benchmark", Steps = [first, second] });

            if (!result.Succeeded)
            {
                throw new InvalidOperationException(result.Failure);
            }

            var copied = File.ReadAllText(runner.Store.List($"s3://{Bucket}/runs/{result.RunId}/Read").Single().File);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"output {size / (1024.0 * 1024 * 1024):0.00} GiB ({size} bytes; read back {copied} bytes): uploaded, hashed and downloaded in {watch.Elapsed.TotalSeconds:0.0} s; "
                + $"runner peak memory {PeakMemory() / (1024.0 * 1024):0} MB (before the run {before / (1024.0 * 1024):0} MB; target < 200 MB)"));
            return 0;
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    /// <summary>The most resident memory this process has had (Linux VmHWM), in bytes.</summary>
    private static long PeakMemory()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    private static ProcessingStep Step(string name, CodeAsset code, PipelineValue? input) => new()
    {
        Name = name,
        Arguments = new ProcessingJobArguments
        {
            ProcessingResources = new ProcessingResources { ClusterConfig = new ProcessingClusterConfig { InstanceType = "ml.m5.large", InstanceCount = 1, VolumeSizeInGB = 10 } },
            AppSpecification = new AppSpecification
            {
                ImageUri = ImageUris.Sklearn("us-east-1"),
                ContainerEntrypoint = ["python3", $"/opt/ml/processing/input/code/{code.FileName}"],
            },
            RoleArn = "arn:aws:iam::123456789012:role/Bench",
            ProcessingInputs =
            [
                .. input is null ? Array.Empty<ProcessingInput>() : [Input("input", input, "/opt/ml/processing/input")],
                Input("code", code.S3Uri(Bucket, "bench"), "/opt/ml/processing/input/code"),
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
                            S3Uri = Functions.Join("/", $"s3://{Bucket}/runs", ExecutionVariables.PipelineExecutionId, name),
                            LocalPath = "/opt/ml/processing/output",
                            S3UploadMode = S3UploadMode.EndOfJob,
                        },
                    },
                ],
            },
        },
    };

    private static ProcessingInput Input(string name, PipelineValue uri, string localPath) => new()
    {
        InputName = name,
        S3Input = new ProcessingS3Input { S3Uri = uri, LocalPath = localPath, S3DataType = S3DataType.S3Prefix, S3InputMode = S3InputMode.File },
    };
}
