using System.Text.Json.Nodes;
using MlPipeline.SageMakerPipelines.Local;

namespace MlPipeline.SageMakerPipelines.Tests.Local;

/// <summary>The local runner with real Python running real scripts; one test per behaviour.</summary>
public class LocalRunnerTests
{
    [Fact]
    public async Task Runs_the_pipeline_evaluates_the_condition_and_registers_a_version()
    {
        using var project = new LocalProject();

        var result = await project.Runner().RunAsync(project.Pipeline());

        Assert.True(result.Succeeded, result.Failure);
        Assert.Equal(
            ["Prepare:Succeeded", "Train:Succeeded", "Evaluate:Succeeded", "CheckMse:Succeeded", "Register:Succeeded", "TooInaccurate:Skipped"],
            result.Steps.Select(s => $"{s.Name}:{s.Status}"));
        var package = Assert.Single(result.Registered);
        Assert.Equal(("local-models", 1, "PendingManualApproval"), (package.Group, package.Version, package.ApprovalStatus));
        Assert.True(package.Document["ModelQualityReport"]!["regression_metrics"]!["mse"]!["value"]!.GetValue<double>() < 50);
        Assert.True(File.Exists(Path.Combine(result.RunFolder, "steps", "Train", "log.txt")));
    }

    [Fact]
    public async Task The_registry_entry_shows_the_drift_check_baseline_files_with_their_hashes()
    {
        using var project = new LocalProject();

        var result = await project.Runner().RunAsync(project.Pipeline());

        Assert.True(result.Succeeded, result.Failure);
        var package = Assert.Single(result.Registered);
        var again = project.Runner().Registry.Get(package.Group, package.Version);
        var baselines = again.Baselines();
        Assert.Equal(["ModelDataQuality.Statistics", "ModelDataQuality.Constraints"], baselines.Select(b => b.Name));
        Assert.All(baselines, b => Assert.StartsWith("s3://", b.S3Uri, StringComparison.Ordinal));
        var statistics = project.Runner().Store.PathOf(baselines[0].S3Uri);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(statistics))), baselines[0].Sha256);
        // A file the store does not have is named, with no hash, rather than left out.
        Assert.Null(baselines[1].Sha256);
        Assert.Equal("application/json", again.Document["DriftCheckBaselines"]!["ModelDataQuality"]!["Constraints"]!["ContentType"]!.GetValue<string>());
    }

    [Fact]
    public async Task Training_gets_the_sagemaker_environment_and_packs_the_model_as_model_tar_gz()
    {
        using var project = new LocalProject();

        var result = await project.Runner().RunAsync(project.Pipeline());

        var container = Path.Combine(result.RunFolder, "steps", "Train", "container", "opt", "ml");
        var hyperParameters = JsonNode.Parse(File.ReadAllText(Path.Combine(container, "input", "config", "hyperparameters.json")))!.AsObject();
        Assert.Equal("3", hyperParameters["epochs"]!.GetValue<string>());
        Assert.Equal("42", hyperParameters["seed"]!.GetValue<string>());
        var lineage = JsonNode.Parse(File.ReadAllText(result.LineagePath))!;
        var artifact = lineage["Steps"]!["Train"]!["ModelArtifact"]!["S3Uri"]!.GetValue<string>();
        Assert.EndsWith($"/Train-{result.RunId}/output/model.tar.gz", artifact, StringComparison.Ordinal);
        Assert.True(File.Exists(project.Runner().Store.PathOf(artifact)));
    }

    [Fact]
    public async Task Lineage_records_definition_data_code_framework_parameters_python_and_outputs()
    {
        using var project = new LocalProject();

        var result = await project.Runner(parameters: new Dictionary<string, string> { ["Seed"] = "7" }).RunAsync(project.Pipeline());

        var lineage = JsonNode.Parse(File.ReadAllText(result.LineagePath))!;
        Assert.Matches("^[0-9a-f]{64}$", lineage["DefinitionSha256"]!.GetValue<string>());
        Assert.Equal(7, lineage["Parameters"]!["Seed"]!.GetValue<long>());
        Assert.StartsWith("3.", lineage["Python"]!["Version"]!.GetValue<string>(), StringComparison.Ordinal);
        var prepare = lineage["Steps"]!["Prepare"]!;
        Assert.Equal("sklearn", prepare["Framework"]!["Name"]!.GetValue<string>());
        Assert.Equal("1.2-1", prepare["Framework"]!["Version"]!.GetValue<string>());
        // One object, one hash: what sha256sum prints for the file, wherever the lineage names it.
        var store = project.Runner().Store;
        string FileHash(string uri) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(store.PathOf(uri))));
        Assert.Contains(prepare["Inputs"]!.AsArray(), i => i!["Name"]!.GetValue<string>() == "data" && i["Sha256"]!.GetValue<string>() == FileHash(i["S3Uri"]!.GetValue<string>()));
        Assert.Contains(prepare["Inputs"]!.AsArray(), i => i!["Name"]!.GetValue<string>() == "code");
        Assert.Equal(2, prepare["Outputs"]!.AsObject().Count);
        Assert.Contains(project.Code("train.py").Sha256, lineage["Steps"]!["Train"]!["Code"]!["S3Uri"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Matches("^[0-9a-f]{64}$", lineage["Steps"]!["Train"]!["Code"]!["Sha256"]!.GetValue<string>());
        var model = lineage["Steps"]!["Train"]!["ModelArtifact"]!;
        Assert.Equal(FileHash(model["S3Uri"]!.GetValue<string>()), model["Sha256"]!.GetValue<string>());
        Assert.Equal(model["Sha256"]!.GetValue<string>(), lineage["Steps"]!["Train"]!["Outputs"]![model["S3Uri"]!.GetValue<string>()]!.GetValue<string>());
    }

    [Fact]
    public async Task Two_clean_runs_give_the_same_model_artifact_hash()
    {
        using var first = new LocalProject();
        using var second = new LocalProject();

        var a = await first.Runner().RunAsync(first.Pipeline());
        var b = await second.Runner().RunAsync(second.Pipeline());

        static string Hash(LocalRunResult r) => JsonNode.Parse(File.ReadAllText(r.LineagePath))!["Steps"]!["Train"]!["ModelArtifact"]!["Sha256"]!.GetValue<string>();
        Assert.True(a.Succeeded && b.Succeeded);
        Assert.NotEqual(a.RunId, b.RunId);
        Assert.Equal(Hash(a), Hash(b));
    }

    [Fact]
    public async Task A_rerun_reuses_cached_steps_and_no_cache_runs_them_again()
    {
        using var project = new LocalProject();
        var first = await project.Runner().RunAsync(project.Pipeline());

        var cached = await project.Runner().RunAsync(project.Pipeline());
        var forced = await project.Runner(noCache: true).RunAsync(project.Pipeline());

        Assert.Equal([LocalStepStatus.Cached, LocalStepStatus.Cached, LocalStepStatus.Cached], cached.Steps.Take(3).Select(s => s.Status));
        // A reused step keeps the lineage of the run that made its result (code, outputs, model hash) and names that run.
        static JsonNode Train(LocalRunResult r) => JsonNode.Parse(File.ReadAllText(r.LineagePath))!["Steps"]!["Train"]!;
        var (made, reused) = (Train(first), Train(cached));
        Assert.Equal(first.RunId, reused["CachedFromRun"]!.GetValue<string>());
        Assert.Equal(("Cached", $"reused from run {first.RunId}"), (reused["Status"]!.GetValue<string>(), reused["Message"]!.GetValue<string>()));
        foreach (var own in new[] { "CachedFromRun", "Status", "ElapsedSeconds", "Message" })
        {
            made.AsObject().Remove(own);
            reused.AsObject().Remove(own);
        }

        Assert.True(JsonNode.DeepEquals(made, reused), $"made:\n{made}\nreused:\n{reused}");
        Assert.NotNull(made["ModelArtifact"]?["Sha256"]);
        Assert.Equal(2, cached.Registered.Single().Version);
        Assert.Equal([LocalStepStatus.Succeeded, LocalStepStatus.Succeeded, LocalStepStatus.Succeeded], forced.Steps.Take(3).Select(s => s.Status));
    }

    [Fact]
    public async Task Changed_data_under_the_same_uri_is_reused_as_SageMaker_would_and_the_run_says_so()
    {
        using var project = new LocalProject();
        var first = await project.Runner().RunAsync(project.Pipeline());
        var unchanged = await project.Runner().RunAsync(project.Pipeline());
        project.Runner().Store.Put($"s3://{LocalProject.Bucket}/data/input.csv", "x,y\n1,2\n2,4\n3,6\n4,8\n5,10\n"u8);

        var result = await project.Runner().RunAsync(project.Pipeline());

        // SageMaker keys its cache on the step's arguments: the URI is the same, so Prepare (and what uses it) is reused.
        Assert.Empty(unchanged.Warnings);
        Assert.Equal([LocalStepStatus.Cached, LocalStepStatus.Cached], result.Steps.Take(2).Select(s => s.Status));
        var warning = Assert.Single(result.Warnings);
        Assert.Contains($"step 'Prepare' reused its result from run {first.RunId} although s3://{LocalProject.Bucket}/data/input.csv changed since", warning, StringComparison.Ordinal);
        Assert.Contains("SageMaker", warning, StringComparison.Ordinal);
        Assert.Contains("--cache content", warning, StringComparison.Ordinal);
        Assert.Contains("its input changed", result.Steps[0].Message, StringComparison.Ordinal);
        Assert.Equal(warning, JsonNode.Parse(File.ReadAllText(result.LineagePath))!["Steps"]!["Prepare"]!["CacheWarning"]!.GetValue<string>());
    }

    [Fact]
    public async Task With_content_keys_changed_data_reruns_the_steps_that_use_it()
    {
        using var project = new LocalProject();
        await project.Runner(cacheKey: StepCacheKey.Content).RunAsync(project.Pipeline());
        project.Runner().Store.Put($"s3://{LocalProject.Bucket}/data/input.csv", "x,y\n1,2\n2,4\n3,6\n4,8\n5,10\n"u8);

        var result = await project.Runner(cacheKey: StepCacheKey.Content).RunAsync(project.Pipeline());

        Assert.Equal(LocalStepStatus.Succeeded, result.Steps[0].Status);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public async Task New_data_under_a_new_uri_reruns_with_SageMakers_keys()
    {
        using var project = new LocalProject();
        await project.Runner().RunAsync(project.Pipeline());
        var version = $"s3://{LocalProject.Bucket}/data/2026-01-05/input.csv";
        project.Runner().Store.Put(version, "x,y\n1,2\n2,4\n3,6\n4,8\n5,10\n"u8);

        var result = await project.Runner(parameters: new Dictionary<string, string> { ["InputData"] = version }).RunAsync(project.Pipeline());

        Assert.Equal([LocalStepStatus.Succeeded, LocalStepStatus.Succeeded], result.Steps.Take(2).Select(s => s.Status));
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public async Task A_condition_that_fails_takes_the_else_branch_and_the_fail_step_fails_the_run()
    {
        using var project = new LocalProject();

        var result = await project.Runner(parameters: new Dictionary<string, string> { ["MseThreshold"] = "0.001" }).RunAsync(project.Pipeline());

        Assert.Equal(LocalRunStatus.Failed, result.Status);
        Assert.Contains("Step 'TooInaccurate' failed: the pipeline failed on purpose: MSE above 0.001", result.Failure, StringComparison.Ordinal);
        // The condition says which values it compared: the MSE the run got, against the threshold it was given.
        var check = result.Steps.Single(s => s.Type == "Condition");
        Assert.Matches(@"^took the else branch: [0-9.E-]+ <= 0\.001 is false$", check.Message);
        var mse = double.Parse(check.Message!.Split(' ')[4], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(mse > 0.001, check.Message);
        Assert.Equal(LocalStepStatus.Skipped, result.Steps.Single(s => s.Name == "Register").Status);
        Assert.Empty(project.Runner().Registry.Groups());
    }

    [Fact]
    public async Task Parameter_overrides_are_type_checked()
    {
        using var project = new LocalProject();

        var error = await Assert.ThrowsAsync<LocalRunException>(() =>
            project.Runner(parameters: new Dictionary<string, string> { ["Seed"] = "many" }).RunAsync(project.Pipeline()));
        var notFinite = await Assert.ThrowsAsync<LocalRunException>(() =>
            project.Runner(parameters: new Dictionary<string, string> { ["MseThreshold"] = "Infinity" }).RunAsync(project.Pipeline()));
        var unknown = await Assert.ThrowsAsync<LocalRunException>(() =>
            project.Runner(parameters: new Dictionary<string, string> { ["Sead"] = "1" }).RunAsync(project.Pipeline()));

        Assert.Contains("Parameter 'Seed' is Integer; 'many' is not a whole number.", error.Message, StringComparison.Ordinal);
        Assert.Contains("Parameter 'MseThreshold' is Float; 'Infinity' is not a finite number.", notFinite.Message, StringComparison.Ordinal);
        Assert.Contains("Sead", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_parameter_value_outside_its_enum_values_runs_nothing()
    {
        using var project = new LocalProject();
        var pipeline = project.Pipeline() with { Parameters = [.. project.Pipeline().Parameters, Parameter.String("Stage", "dev", ["dev", "prod"])] };

        var error = await Assert.ThrowsAsync<LocalRunException>(() =>
            project.Runner(parameters: new Dictionary<string, string> { ["Stage"] = "test" }).RunAsync(pipeline));

        Assert.Contains("Parameter 'Stage' is one of dev, prod; 'test' is not", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(project.Root, ".mlpipeline", "runs")));
    }

    [Fact]
    public async Task An_invalid_definition_runs_nothing()
    {
        using var project = new LocalProject();

        var error = await Assert.ThrowsAsync<LocalRunException>(() =>
            project.Runner().RunAsync("""{"Version":"2020-12-01","Parameters":[],"Steps":[{"Name":"A","Type":"Fail","Arguments":{},"DependsOn":["B"]}]}""", "p"));

        Assert.Contains("SMP014", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(project.Root, ".mlpipeline", "runs")));
    }

    [Fact]
    public async Task Independent_steps_run_at_the_same_time()
    {
        // Each script records when it started and ended; with two cores both must overlap.
        const string stamp = "import os, time\nstart = time.time()\ntime.sleep(1.5)\nroot = os.environ['MLPIPELINE_CONTAINER_ROOT']\nopen(os.path.join(root, 'opt/ml/processing/out/times.txt'), 'w').write(f'{start} {time.time()}')\n";
        using var project = new LocalProject(prepareScript: stamp);
        ProcessingStep Step(string name) => project.Processing(name, "prepare.py", [LocalProject.Input("data", LocalProject.InputData, "/opt/ml/processing/input")], ["out"], [], null);
        var pipeline = new Pipeline { Name = "parallel", Parameters = [LocalProject.InputData], Steps = [Step("Left"), Step("Right")] };

        var result = await new LocalRunner(new LocalRunOptions { ProjectRoot = project.Root, Python = LocalProject.Python, MaxParallelism = 2 }).RunAsync(pipeline);

        Assert.True(result.Succeeded, result.Failure);
        var times = result.Steps.Select(s => File.ReadAllText(Path.Combine(result.RunFolder, "steps", s.Name, "container", "opt", "ml", "processing", "out", "times.txt"))
            .Split(' ').Select(t => double.Parse(t, System.Globalization.CultureInfo.InvariantCulture)).ToArray()).ToList();
        Assert.True(times[0][0] < times[1][1] && times[1][0] < times[0][1], "the two steps did not overlap");
    }

    [Fact]
    public async Task The_registry_lists_shows_approves_and_rejects_versions()
    {
        using var project = new LocalProject();
        await project.Runner().RunAsync(project.Pipeline());
        await project.Runner().RunAsync(project.Pipeline());
        var registry = project.Runner().Registry;

        registry.SetApprovalStatus("local-models", 1, "Rejected", "worse than production");
        registry.SetApprovalStatus("local-models", 2, "Approved");

        Assert.Equal(["local-models"], registry.Groups());
        Assert.Equal(["Rejected", "Approved"], registry.Versions("local-models").Select(v => v.ApprovalStatus));
        var history = registry.Get("local-models", 1).Document["ApprovalHistory"]!.AsArray();
        Assert.Equal(["PendingManualApproval", "Rejected"], history.Select(h => h!["Status"]!.GetValue<string>()));
        Assert.Throws<LocalRunException>(() => registry.SetApprovalStatus("local-models", 1, "Maybe"));
        Assert.Throws<LocalRunException>(() => registry.Get("local-models", 9));
    }

    [Fact]
    public void Runs_are_listed_newest_first_by_start_time_even_within_one_second()
    {
        using var project = new LocalProject();
        // Two runs in one second: the older one's random id part sorts after the newer one's.
        foreach (var (id, start) in new[] { ("20261130-010101-ffffff", "2026-11-30T01:01:01.1000000+00:00"), ("20261130-010101-000000", "2026-11-30T01:01:01.9000000+00:00") })
        {
            var folder = Path.Combine(project.Root, ".mlpipeline", "runs", id);
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, "run.json"), new JsonObject { ["RunId"] = id, ["PipelineName"] = "p", ["Status"] = "Succeeded", ["StartTime"] = start }.ToJsonString());
        }

        Assert.Equal(["20261130-010101-000000", "20261130-010101-ffffff"], project.Runner().Runs().Select(r => r.RunId));
    }

    [Fact]
    public async Task Files_people_read_keep_apostrophes_angle_brackets_plus_signs_and_accents_as_they_are()
    {
        const string note = "Zoë's <model> + \"quoted\" \\ tab\there";
        using var project = new LocalProject();
        await project.Runner().RunAsync(project.Pipeline());
        var registry = project.Runner().Registry;

        registry.SetApprovalStatus("local-models", 1, "Approved", note);

        var file = Directory.EnumerateFiles(Path.Combine(project.Root, ".mlpipeline", "registry", "local-models"), "*.json").Single();
        var text = File.ReadAllText(file);
        Assert.Contains("Zoë's <model> + \\\"quoted\\\" \\\\ tab\\there", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u00", text, StringComparison.Ordinal);
        Assert.Equal(note, registry.Get("local-models", 1).Document["ApprovalHistory"]![1]!["Note"]!.GetValue<string>());
        // Python's json reads the same text back.
        var python = MlPipeline.Tests.Shared.ProcessRunner.Run(LocalProject.Python, ["-c", "import json, sys; print(json.load(open(sys.argv[1], encoding='utf-8'))['ApprovalHistory'][1]['Note'] == sys.argv[2])", file, note], project.Root);
        Assert.Equal("True", python.Output.Trim());
    }
}
