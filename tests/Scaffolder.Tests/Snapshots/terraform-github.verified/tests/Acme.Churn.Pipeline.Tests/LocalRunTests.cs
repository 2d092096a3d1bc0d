using System.Text.Json.Nodes;
using MlPipeline.SageMakerPipelines.Cli;

namespace Acme.Churn.Pipeline.Tests;

/// <summary>
/// The whole pipeline on this machine, on the sample data, with the Python that MLPIPELINE_PYTHON names
/// (it needs scikit-learn and pandas; see README.md).
/// </summary>
public class LocalRunTests
{
    [Fact]
    [Trait("Category", "Slow")]
    public async Task The_pipeline_runs_locally_passes_its_condition_and_registers_a_model()
    {
        var settings = PipelineSettings.FromEnvironment() with { ProjectRoot = PipelineApp.FindProjectRoot(AppContext.BaseDirectory) };
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await PipelineCommandLine.RunAsync(["run", "--json"], AcmeChurnPipeline.App(settings), output, error);

        Assert.True(code == 0, error.ToString() + output);
        var summary = JsonNode.Parse(output.ToString())!;
        Assert.Equal("Succeeded", summary["status"]!.GetValue<string>());
        var registered = Assert.Single(summary["registered"]!.AsArray());
        Assert.Equal("PendingManualApproval", registered!["approvalStatus"]!.GetValue<string>());
    }
}
