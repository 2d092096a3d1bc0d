using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(MlPipeline.SageMakerPipelines.Benchmarks.DefinitionBenchmarks).Assembly).Run(args);
