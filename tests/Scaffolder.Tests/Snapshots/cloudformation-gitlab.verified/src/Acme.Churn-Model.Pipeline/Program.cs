using Acme.ChurnModel.Pipeline;
using MlPipeline.SageMakerPipelines.Cli;

// dotnet run --project src/Acme.Churn-Model.Pipeline -- --help
return await PipelineCommandLine.RunAsync(args, AcmeChurnModelPipeline.App(PipelineSettings.FromEnvironment()));
