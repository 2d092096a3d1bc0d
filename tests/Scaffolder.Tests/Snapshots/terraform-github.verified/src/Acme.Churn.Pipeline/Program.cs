using Acme.Churn.Pipeline;
using MlPipeline.SageMakerPipelines.Cli;

// dotnet run --project src/Acme.Churn.Pipeline -- --help
return await PipelineCommandLine.RunAsync(args, AcmeChurnPipeline.App(PipelineSettings.FromEnvironment()));
