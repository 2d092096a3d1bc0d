namespace Fraud2Detector.Pipeline.Tests;

// Inside the namespace and from global::, so that no project name can hide them (a project named Task would).
using global::MlPipeline.SageMakerPipelines.Cli;
using global::System;
using global::System.IO;
using global::System.Linq;
using global::System.Text.Json.Nodes;
using global::System.Threading.Tasks;
using global::Xunit;

/// <summary>
/// The whole pipeline on this machine, on the sample data, with the Python that MLPIPELINE_PYTHON names
/// (it needs scikit-learn, XGBoost and pandas; see README.md), in a state folder of its own that
/// is deleted afterwards: `dotnet test` adds no run and no model version to the project's .mlpipeline/.
/// </summary>
public sealed class LocalRunTests : IDisposable
{
    private readonly string state = Directory.CreateTempSubdirectory("mlpipeline-test-").FullName;

    public void Dispose() => Directory.Delete(state, recursive: true);

    [Fact]
    [Trait("Category", "Slow")]
    public async Task The_pipeline_runs_locally_passes_its_condition_and_registers_a_model()
    {
        var settings = PipelineSettings.FromEnvironment() with { ProjectRoot = PipelineApp.FindProjectRoot(AppContext.BaseDirectory) };
        var app = Fraud2DetectorPipeline.App(settings) with { StateFolder = state };
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await PipelineCommandLine.RunAsync(["run", "--json"], app, output, error);

        Assert.True(code == 0, error.ToString() + output);
        var summary = JsonNode.Parse(output.ToString())!;
        Assert.StartsWith(state, summary["runFolder"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("Succeeded", summary["status"]!.GetValue<string>());
        // The endpoint's code served the model archive and answered the held-out rows as Evaluate scored them.
        var steps = summary["steps"]!.AsArray().ToDictionary(s => s!["name"]!.GetValue<string>(), s => s!["status"]!.GetValue<string>());
        Assert.Equal("Succeeded", steps["ServeCheck"]);
        var registered = Assert.Single(summary["registered"]!.AsArray());
        Assert.Equal("PendingManualApproval", registered!["approvalStatus"]!.GetValue<string>());
        // The version carries the data-quality baseline Baseline wrote, for the endpoint's monitoring.
        Assert.Equal("Succeeded", steps["Baseline"]);
        using var record = new StringWriter();
        Assert.Equal(0, await PipelineCommandLine.RunAsync(
            ["registry", "show", registered["group"]!.GetValue<string>(), registered["version"]!.ToString(), "--json"], app, record, error));
        var baselines = JsonNode.Parse(record.ToString())!["Lineage"]!["Baselines"]!.AsArray();
        Assert.Equal(["ModelDataQuality.Statistics", "ModelDataQuality.Constraints"], baselines.Select(b => b!["Name"]!.GetValue<string>()));
        Assert.All(baselines, b => Assert.Matches("^[0-9a-f]{64}$", b!["Sha256"]!.GetValue<string>()));
    }
}
