using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(MlPipeline.Scaffolder.Benchmarks.RenderBenchmarks).Assembly).Run(args);
