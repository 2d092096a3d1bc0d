using Fraud2Detector.Pipeline;
using MlPipeline.SageMakerPipelines.Cli;

// dotnet run --project src/Fraud2Detector.Pipeline -- --help
return await PipelineCommandLine.RunAsync(args, Fraud2DetectorPipeline.App(PipelineSettings.FromEnvironment()));
