using Acme.Churn_Model.Pipeline;
using MlPipeline.SageMakerPipelines.Cli;

// dotnet run --project src/Acme.Churn-Model.Pipeline -- --help
return await PipelineCommandLine.RunAsync(args, AcmeChurnModelPipeline.App(PipelineSettings.FromEnvironment()));
