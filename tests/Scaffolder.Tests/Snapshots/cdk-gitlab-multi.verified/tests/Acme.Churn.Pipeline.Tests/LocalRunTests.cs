namespace Acme.Churn.Pipeline.Tests;

// Inside the namespace and from global::, so that no project name can hide them (a project named Task would).
using global::MlPipeline.SageMakerPipelines.Cli;
using global::System;
using global::System.Collections.Generic;
using global::System.IO;
using global::System.Linq;
using global::System.Text.Json.Nodes;
using global::System.Threading.Tasks;
using global::Xunit;

/// <summary>
/// The whole pipeline on this machine, on the sample data (as six files), with the Python that MLPIPELINE_PYTHON names
/// (it needs scikit-learn, XGBoost and pandas; see README.md), in a state folder of its own that
/// is deleted afterwards: `dotnet test` adds no run and no model version to the project's .mlpipeline/.
/// </summary>
public sealed class LocalRunTests(LocalRunTests.Runs runs) : IClassFixture<LocalRunTests.Runs>
{
    [Fact]
    [Trait("Category", "Slow")]
    public async Task The_pipeline_runs_locally_passes_its_condition_and_registers_a_model()
    {
        var (code, summary, error) = await runs.One;

        Assert.True(code == 0, error + summary);
        Assert.StartsWith(runs.State, summary["runFolder"]!.GetValue<string>(), StringComparison.Ordinal);
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
            ["registry", "show", registered["group"]!.GetValue<string>(), registered["version"]!.ToString(), "--json"], runs.App, record, new StringWriter()));
        var baselines = JsonNode.Parse(record.ToString())!["Lineage"]!["Baselines"]!.AsArray();
        Assert.Equal(["ModelDataQuality.Statistics", "ModelDataQuality.Constraints"], baselines.Select(b => b!["Name"]!.GetValue<string>()));
        Assert.All(baselines, b => Assert.Matches("^[0-9a-f]{64}$", b!["Sha256"]!.GetValue<string>()));
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Three_instances_of_Clean_Feature_and_Train_give_the_cleaned_rows_and_the_model_quality_of_one()
    {
        var one = await runs.One;
        var three = await runs.RunAsync(3);

        Assert.True(one.Code == 0 && three.Code == 0, one.Error + three.Error + three.Summary);
        // Three instances each cleaned their share of the files and wrote their own part, and the rows are the one
        // instance's; the model scores as well on the same test rows (one transformer, fitted from every part's
        // statistics): the AUCs differ by less than their standard deviation, since the training rows come in
        // another order (parts one after another) and a model that samples rows may draw others.
        Assert.Equal(3, Runs.Cleaned(three.Summary).Count);
        Assert.Equal(Runs.Cleaned(one.Summary).SelectMany(Runs.Rows).Order(StringComparer.Ordinal), Runs.Cleaned(three.Summary).SelectMany(Runs.Rows).Order(StringComparer.Ordinal));
        var (auc, deviation) = Runs.Auc(one.Summary);
        Assert.InRange(Runs.Auc(three.Summary).Value, auc - deviation, auc + deviation);
        // Three instances trained the model together, each on its share of the training files: algo-3 joined the tracker.
        var logs = Directory.GetFiles(Path.Combine(three.Summary["runFolder"]!.GetValue<string>(), "steps", "Train"), "log-algo-3.txt", SearchOption.AllDirectories);
        Assert.NotEmpty(logs);
        Assert.All(logs, log => Assert.Contains("algo-3 joined 3 workers", File.ReadAllText(log), StringComparison.Ordinal));
    }

    /// <summary>The runs the tests look at, each made once: the sample data cut into six files, so that each of three instances gets its share (ShardedByS3Key); RunAsync(N) runs Clean, Feature and Train on N instances.</summary>
    public sealed class Runs : IDisposable
    {
        private readonly string data;
        private readonly Lazy<Task<(int Code, JsonNode Summary, string Error)>> one;

        public Runs()
        {
            var settings = PipelineSettings.FromEnvironment() with { ProjectRoot = PipelineApp.FindProjectRoot(AppContext.BaseDirectory) };
            App = AcmeChurnPipeline.App(settings) with { StateFolder = State };
            var sample = File.ReadAllLines(Path.Combine(settings.ProjectRoot, "data", "sample.csv"));
            data = Directory.CreateDirectory(Path.Combine(State, "data")).FullName;
            var rows = sample.Length - 1;
            for (var part = 0; part < 6; part++)
            {
                File.WriteAllLines(Path.Combine(data, $"part-{part}.csv"), sample.Take(1).Concat(sample.Skip(1 + (part * rows / 6)).Take(((part + 1) * rows / 6) - (part * rows / 6))));
            }

            one = new(() => RunAsync(1));
        }

        public string State { get; } = Directory.CreateTempSubdirectory("mlpipeline-test-").FullName;

        public PipelineApp App { get; }

        public Task<(int Code, JsonNode Summary, string Error)> One => one.Value;

        public async Task<(int Code, JsonNode Summary, string Error)> RunAsync(int instances)
        {
            using var output = new StringWriter();
            using var error = new StringWriter();
            var code = await PipelineCommandLine.RunAsync(["run", "--json", "--data", data, "--param", $"ProcessingInstanceCount={instances}", "--param", $"TrainingInstanceCount={instances}"], App, output, error);
            return (code, JsonNode.Parse(output.ToString()) ?? new JsonObject(), error.ToString());
        }

        /// <summary>The cleaned parts the Clean step's instances wrote.</summary>
        public static List<string> Cleaned(JsonNode summary) =>
            Directory.GetFiles(Path.Combine(summary["runFolder"]!.GetValue<string>(), "steps", "Clean"), "cleaned*.csv", SearchOption.AllDirectories).ToList();

        public static IEnumerable<string> Rows(string file) => File.ReadLines(file).Skip(1);

        /// <summary>The test AUC in Evaluate's report, and its standard deviation.</summary>
        public static (double Value, double Deviation) Auc(JsonNode summary)
        {
            var auc = JsonNode.Parse(File.ReadAllText(Directory.GetFiles(Path.Combine(summary["runFolder"]!.GetValue<string>(), "steps", "Evaluate"), "evaluation.json", SearchOption.AllDirectories).Single()))!
                ["binary_classification_metrics"]!["auc"]!;
            return (auc["value"]!.GetValue<double>(), auc["standard_deviation"]!.GetValue<double>());
        }

        public void Dispose() => Directory.Delete(State, recursive: true);
    }
}
