namespace Acme.Churn.Pipeline;

// Inside the namespace and from global::, so that no project name can hide them (a project named Task would).
using global::MlPipeline.SageMakerPipelines.Cli;
using global::System.Threading.Tasks;

/// <summary>The pipeline's command line: <c>dotnet run --project src/Acme.Churn.Pipeline -- --help</c>.</summary>
internal static class Program
{
    private static Task<int> Main(string[] args) =>
        PipelineCommandLine.RunAsync(args, () => AcmeChurnPipeline.App(PipelineSettings.FromEnvironment()));
}
