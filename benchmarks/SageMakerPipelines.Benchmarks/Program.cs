using BenchmarkDotNet.Running;
using MlPipeline.SageMakerPipelines.Benchmarks;

// `runner` measures the local runner end to end, `store [SIZE]` a big output through the local object store;
// anything else goes to BenchmarkDotNet.
if (args is ["runner", ..])
{
    return await RunnerBenchmark.RunAsync();
}

if (args is ["store", ..])
{
    return await StoreBenchmark.RunAsync(args.Length > 1 ? long.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 3L << 30);
}

BenchmarkSwitcher.FromAssembly(typeof(DefinitionBenchmarks).Assembly).Run(args);
return 0;
