using {{ project.namespace }}.Pipeline;
using MlPipeline.SageMakerPipelines.Cli;

// dotnet run --project src/{{ project.name }}.Pipeline -- --help
return await PipelineCommandLine.RunAsync(args, {{ project.pascal }}Pipeline.App(PipelineSettings.FromEnvironment()));
