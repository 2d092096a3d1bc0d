using MlPipeline.Tests.Shared;
using PublicApiGenerator;

namespace MlPipeline.SageMakerPipelines.Tests;

public class PublicApiTests
{
    [Fact]
    public void The_public_api_matches_its_snapshot()
    {
        var api = typeof(Pipeline).Assembly.GeneratePublicApi(new ApiGeneratorOptions { IncludeAssemblyAttributes = false });

        Golden.Verify("tests/SageMakerPipelines.Tests/Golden/PublicApi.txt", api.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void The_public_api_of_the_command_line_matches_its_snapshot()
    {
        var api = typeof(MlPipeline.SageMakerPipelines.Cli.PipelineCommandLine).Assembly.GeneratePublicApi(new ApiGeneratorOptions { IncludeAssemblyAttributes = false });

        Golden.Verify("tests/SageMakerPipelines.Tests/Golden/PublicApi.Cli.txt", api.ReplaceLineEndings("\n"));
    }
}
