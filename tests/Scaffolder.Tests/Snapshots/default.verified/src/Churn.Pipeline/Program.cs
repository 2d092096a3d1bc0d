using Churn.Pipeline;
using MlPipeline.SageMakerPipelines.Cli;

// dotnet run --project src/Churn.Pipeline -- --help
return await PipelineCommandLine.RunAsync(args, ChurnPipeline.App(PipelineSettings.FromEnvironment()));
