namespace Fraud2Detect9.Pipeline;

// Inside the namespace and from global::, so that no project name can hide them (a project named Task would).
using global::MlPipeline.SageMakerPipelines.Cli;
using global::System.Threading.Tasks;

/// <summary>The pipeline's command line: <c>dotnet run --project src/Fraud2Detect9.Pipeline -- --help</c>.</summary>
internal static class Program
{
    private static Task<int> Main(string[] args) =>
        PipelineCommandLine.RunAsync(args, () => Fraud2Detect9Pipeline.App(PipelineSettings.FromEnvironment()));
}
