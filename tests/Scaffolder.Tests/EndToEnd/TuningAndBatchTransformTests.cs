using System.Globalization;
using System.Text.Json.Nodes;
using MlPipeline.Scaffolder.Tests.Infrastructure;
using MlPipeline.Tests.Shared;
using Xunit.Abstractions;

namespace MlPipeline.Scaffolder.Tests.EndToEnd;

/// <summary>
/// A project generated with <c>tuning</c> and <c>batch_transform</c> on passes the commands its CI runs (build with
/// warnings as errors, its tests, pytest, validate, graph, the local run), and the local run tuned and scored for real:
/// four training jobs, never more than two at once, the best AUC registered, and one prediction per batch row.
/// </summary>
[Trait("Category", "Slow")]
[Collection(GeneratedProjects.Name)]
public sealed class TuningAndBatchTransformTests(PackagesFixture packages, ITestOutputHelper log)
{
    private const string Python = "/usr/bin/python3";

    [Fact]
    public void A_project_that_tunes_and_scores_a_batch_runs_locally_end_to_end()
    {
        using var temp = new TempDirectory();
        var project = temp.Combine("Scorer");
        var (code, _, error) = Mlpipeline.Run("new", project, "--framework", "xgboost", "--ci", "github", "--tuning", "true", "--batch-transform", "true", "--package-source", packages.Folder);
        Assert.True(code == 0, error);
        var environment = new Dictionary<string, string> { ["MLPIPELINE_PYTHON"] = Python, ["PIPELINE"] = "dotnet run --configuration Release --no-build --project src/Scorer.Pipeline --" };

        foreach (var command in GeneratedProjectTests.CiCommands(project, "github"))
        {
            var local = command.Replace(".venv/bin/python", Python, StringComparison.Ordinal);
            local = local.StartsWith("python ", StringComparison.Ordinal) ? Python + local["python".Length..] : local;
            var result = ProcessRunner.Run("bash", ["-euo", "pipefail", "-c", local], project, environment: environment, timeout: TimeSpan.FromMinutes(15));
            Assert.True(result.ExitCode == 0, $"CI command `{command}` failed in {project}:\n{result.All}");
            log.WriteLine($"ok: {command}");
        }

        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(project, "local-run.json")))!;
        Assert.Equal("Succeeded", summary["status"]!.GetValue<string>());
        var lineage = JsonNode.Parse(File.ReadAllText(summary["lineage"]!.GetValue<string>()))!["Steps"]!;
        var train = lineage["Train"]!;
        var jobs = train["TrainingJobs"]!.AsArray().Select(j => j!).ToList();
        Assert.Equal(4, jobs.Count);
        Assert.All(jobs, j => Assert.Equal("Succeeded", j["ObjectiveStatus"]!.GetValue<string>()));
        var intervals = jobs.Select(j => (Start: DateTimeOffset.Parse(j["TrainingStartTime"]!.GetValue<string>(), CultureInfo.InvariantCulture), End: DateTimeOffset.Parse(j["TrainingEndTime"]!.GetValue<string>(), CultureInfo.InvariantCulture))).ToList();
        var most = intervals.Max(i => intervals.Count(o => o.Start <= i.Start && i.Start < o.End));
        Assert.Equal(2, most);
        var best = jobs.MaxBy(j => j["ObjectiveValue"]!.GetValue<double>())!;
        Assert.Equal(best["TrainingJobName"]!.GetValue<string>(), train["BestTrainingJob"]!.GetValue<string>());
        // The best job's model is the one evaluated, registered and scored.
        Assert.Equal(best["ModelArtifact"]!["Sha256"]!.GetValue<string>(), train["ModelArtifact"]!["Sha256"]!.GetValue<string>());
        Assert.Equal("PendingManualApproval", summary["registered"]![0]!["approvalStatus"]!.GetValue<string>());
        Assert.Equal(best["ModelArtifact"]!["S3Uri"]!.GetValue<string>(), lineage["ScoreBatch"]!["Model"]!["ModelDataUrl"]!.GetValue<string>());

        var rows = File.ReadAllLines(Path.Combine(project, "data", "sample.csv")).Length - 1;
        var output = Assert.Single(Directory.GetFiles(Path.Combine(project, ".mlpipeline", "s3"), "sample.csv.out", SearchOption.AllDirectories));
        var predictions = File.ReadAllLines(output);
        Assert.Equal(rows, predictions.Length);
        Assert.All(predictions, p => Assert.InRange(double.Parse(p, CultureInfo.InvariantCulture), 0.0, 1.0));
        log.WriteLine($"tuning: {string.Join(", ", jobs.Select(j => $"{j["TunedHyperParameters"]!.ToJsonString()} auc {j["ObjectiveValue"]}"))}; {rows} rows scored");
    }
}
