using BenchmarkDotNet.Running;
using MlPipeline.SageMakerPipelines.Benchmarks;

// `runner` measures the local runner end to end; anything else goes to BenchmarkDotNet.
if (args is ["runner", ..])
{
    return await RunnerBenchmark.RunAsync();
}

BenchmarkSwitcher.FromAssembly(typeof(DefinitionBenchmarks).Assembly).Run(args);
return 0;
