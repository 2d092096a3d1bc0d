using System.Security.Cryptography;
using System.Text.Json.Nodes;
using MlPipeline.SageMakerPipelines.Local;

namespace MlPipeline.SageMakerPipelines.Tests.Local;

/// <summary>What a local run returns, typed: its status, what each step wrote, and the versions it registered.</summary>
public class LocalRunResultTests
{
    [Fact]
    public async Task A_run_gives_its_status_each_steps_artifacts_and_the_version_it_registered()
    {
        using var project = new LocalProject();
        var runner = project.Runner();

        var result = await runner.RunAsync(project.Pipeline());

        Assert.Equal(LocalRunStatus.Succeeded, result.Status);
        var steps = result.Steps.ToDictionary(s => s.Name);
        var lineage = JsonNode.Parse(File.ReadAllText(result.LineagePath))!["Steps"]!;
        // Every step's artifacts are its outputs as the lineage records them, each with the hash of what is in the store.
        foreach (var step in result.Steps)
        {
            var recorded = (lineage[step.Name]!["Outputs"] as JsonObject ?? []).Select(o => new LocalArtifact(o.Key, o.Value!.GetValue<string>()));
            Assert.Equal(recorded, step.Artifacts);
            Assert.All(step.Artifacts, a => Assert.Equal(runner.Store.ContentHash(a.S3Uri), a.Sha256));
        }

        Assert.Equal(2, steps["Prepare"].Artifacts.Count);
        Assert.Null(steps["Prepare"].Model);
        var model = Assert.IsType<LocalArtifact>(steps["Train"].Model);
        Assert.EndsWith($"/Train-{result.RunId}/output/model.tar.gz", model.S3Uri, StringComparison.Ordinal);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(runner.Store.PathOf(model.S3Uri)))), model.Sha256);
        Assert.Equal([model], steps["Train"].Artifacts);
        Assert.Empty(steps["TooInaccurate"].Artifacts);

        var registered = Assert.IsType<ModelPackage>(steps["Register"].Registered);
        Assert.Equal([registered], result.Registered);
        Assert.Equal(("local-models", 1), (registered.Group, registered.Version));
        Assert.Equal(registered.Arn, runner.Registry.Get("local-models", 1).Arn);
        Assert.Equal(model.Sha256, registered.ModelSha256);
        Assert.All(result.Steps.Where(s => s.Name != "Register"), s => Assert.Null(s.Registered));
    }

    [Fact]
    public async Task A_step_reused_from_the_cache_gives_the_artifacts_of_the_run_that_made_them()
    {
        using var project = new LocalProject();
        var first = await project.Runner().RunAsync(project.Pipeline());

        var again = await project.Runner().RunAsync(project.Pipeline());

        Assert.Equal(LocalRunStatus.Succeeded, again.Status);
        var (made, reused) = (first.Steps.Single(s => s.Name == "Train"), again.Steps.Single(s => s.Name == "Train"));
        Assert.Equal(LocalStepStatus.Cached, reused.Status);
        Assert.NotNull(made.Model);
        Assert.Equal(made.Model, reused.Model);
        Assert.Equal(made.Artifacts, reused.Artifacts);
        Assert.Equal(2, Assert.Single(again.Registered).Version);
    }

    [Fact]
    public async Task A_failed_run_says_failed_and_its_steps_after_the_failure_made_nothing()
    {
        using var project = new LocalProject(trainScript: "import sys\nsys.exit(3)\n");

        var result = await project.Runner().RunAsync(project.Pipeline());

        Assert.Equal(LocalRunStatus.Failed, result.Status);
        Assert.False(result.Succeeded);
        Assert.Equal(2, result.Steps.Single(s => s.Name == "Prepare").Artifacts.Count);
        Assert.All(result.Steps.Where(s => s.Name != "Prepare"), s => Assert.Empty(s.Artifacts));
        Assert.All(result.Steps, s => Assert.Null(s.Model));
        Assert.Empty(result.Registered);
        Assert.Equal("Failed", JsonNode.Parse(File.ReadAllText(result.LineagePath))!["Status"]!.GetValue<string>());
    }
}
