using System.Diagnostics;
using System.Text.Json.Nodes;
using MlPipeline.SageMakerPipelines.Local;

namespace MlPipeline.SageMakerPipelines.Tests.Local;

/// <summary>Each way a step or a run can go wrong ends with the step and the cause named, and nothing earlier lost.</summary>
public class LocalRunnerFailureTests
{
    private const string Crash = "import sys\nprint('loading the data')\nraise SystemExit('bad column: price')\n";

    [Fact]
    public async Task A_step_that_exits_non_zero_fails_the_run_with_its_name_exit_code_and_log_tail()
    {
        using var project = new LocalProject(trainScript: Crash);

        var result = await project.Runner().RunAsync(project.Pipeline());

        Assert.Equal(LocalRunStatus.Failed, result.Status);
        Assert.Equal("Step 'Train' failed: its script exited with code 1: bad column: price", result.Failure!.Split('\n')[0]);
        Assert.Equal(LocalStepStatus.Succeeded, result.Steps[0].Status);
        Assert.Equal(LocalStepStatus.NotRun, result.Steps.Single(s => s.Name == "Evaluate").Status);
        Assert.Equal("Failed", JsonNode.Parse(File.ReadAllText(Path.Combine(result.RunFolder, "run.json")))!["Status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_steps_log_keeps_the_order_in_which_it_wrote_to_stdout_and_stderr()
    {
        // What a script prints and then raises: the summary quotes the raise, however the machine schedules the reads.
        const string interleaved = "import sys\nfor i in range(300):\n    print(f'out {i}', flush=True)\n    print(f'err {i}', file=sys.stderr, flush=True)\n"
            + "print('loading the data', flush=True)\nraise SystemExit('bad column: price')\n";
        using var project = new LocalProject(trainScript: interleaved);

        var result = await project.Runner().RunAsync(project.Pipeline());

        var train = result.Steps.Single(s => s.Name == "Train");
        var said = File.ReadAllLines(train.LogPath!).Where(l => l.StartsWith("out ", StringComparison.Ordinal) || l.StartsWith("err ", StringComparison.Ordinal));
        Assert.Equal(Enumerable.Range(0, 300).SelectMany(i => new[] { $"out {i}", $"err {i}" }), said);
        Assert.Equal("Step 'Train' failed: its script exited with code 1: bad column: price", result.Failure!.Split('\n')[0]);
    }

    [Fact]
    public async Task A_failed_processing_steps_summary_quotes_its_last_error_line_however_long_the_log_after_it()
    {
        // A script that logs its error and then more (a report, a shutdown): the error is beyond the log's last lines.
        const string prepare = "import logging, sys\nlogging.basicConfig(level=logging.INFO, stream=sys.stdout, format='%(asctime)s %(levelname)s %(name)s: %(message)s')\n"
            + "log = logging.getLogger('prepare')\nlog.info('reading')\nlog.error('column price of data.csv holds text')\n"
            + "for i in range(60):\n    log.info('cleanup %d', i)\nsys.exit(65)\n";
        using var project = new LocalProject(prepareScript: prepare);

        var result = await project.Runner().RunAsync(project.Pipeline());

        Assert.Equal("Step 'Prepare' failed: its script exited with code 65: ERROR prepare: column price of data.csv holds text", result.Failure!.Split('\n')[0]);
        Assert.Equal(result.Failure, result.Steps.Single(s => s.Name == "Prepare").Message);
    }

    [Fact]
    public async Task A_failed_training_steps_summary_quotes_the_logged_error_and_the_exception_of_its_traceback()
    {
        const string train = "import logging, sys\nlogging.basicConfig(stream=sys.stdout, format='%(levelname)s %(name)s: %(message)s')\nlog = logging.getLogger('train')\n"
            + "try:\n    {}['learning_rate']\nexcept Exception:\n    log.exception('unexpected error')\n    sys.exit(70)\n";
        using var project = new LocalProject(trainScript: train);

        var result = await project.Runner().RunAsync(project.Pipeline());

        Assert.Equal(
            ["Step 'Train' failed: its script exited with code 70:", "  ERROR train: unexpected error", "  KeyError: 'learning_rate'"],
            result.Failure!.Split('\n').Take(3));
    }

    [Fact]
    public async Task A_rerun_after_a_fix_resumes_from_the_cache()
    {
        using var project = new LocalProject(trainScript: Crash);
        var failed = await project.Runner().RunAsync(project.Pipeline());
        project.SetScript("train.py", LocalProject.TrainScript);

        var result = await project.Runner().RunAsync(project.Pipeline());

        Assert.Equal(LocalRunStatus.Failed, failed.Status);
        Assert.True(result.Succeeded, result.Failure);
        Assert.Equal(LocalStepStatus.Cached, result.Steps[0].Status);
        Assert.Equal(LocalStepStatus.Succeeded, result.Steps[1].Status);
    }

    [Fact]
    public async Task A_step_that_runs_past_its_stopping_condition_is_stopped()
    {
        using var project = new LocalProject(prepareScript: "import time\ntime.sleep(60)\n");
        var watch = Stopwatch.StartNew();

        var result = await project.Runner().RunAsync(project.Pipeline(maxRuntimeInSeconds: 1));

        Assert.Contains("Step 'Prepare' failed: it ran longer than its StoppingCondition.MaxRuntimeInSeconds (1)", result.Failure, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task A_step_that_writes_no_declared_output_fails()
    {
        using var project = new LocalProject(prepareScript: "print('forgot to write anything')\n");

        var result = await project.Runner().RunAsync(project.Pipeline());

        Assert.Contains("Step 'Prepare' failed: it wrote nothing to output 'train' (/opt/ml/processing/train)", result.Failure, StringComparison.Ordinal);
        Assert.Contains("forgot to write anything", result.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_property_file_that_is_not_json_fails_the_step()
    {
        const string evaluate = "import os\nopen('/'.join([os.environ['MLPIPELINE_CONTAINER_ROOT'], 'opt/ml/processing/evaluation/evaluation.json']), 'w').write('{mse: ')\n";
        using var project = new LocalProject(evaluateScript: evaluate);

        var result = await project.Runner().RunAsync(project.Pipeline());

        Assert.Contains("Step 'Evaluate' failed: property file 'Evaluation' (evaluation.json in output 'evaluation') is missing or not JSON", result.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_input_object_fails_the_step_that_reads_it()
    {
        using var project = new LocalProject();

        var result = await project.Runner(parameters: new Dictionary<string, string> { ["InputData"] = $"s3://{LocalProject.Bucket}/data/missing.csv" }).RunAsync(project.Pipeline());

        Assert.Contains($"Step 'Prepare' failed: input 'data' (s3://{LocalProject.Bucket}/data/missing.csv) has no objects in the local object store", result.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cached_artifact_whose_content_changed_is_not_reused()
    {
        using var project = new LocalProject();
        var first = await project.Runner().RunAsync(project.Pipeline());
        var artifact = JsonNode.Parse(File.ReadAllText(first.LineagePath))!["Steps"]!["Train"]!["ModelArtifact"]!["S3Uri"]!.GetValue<string>();
        File.WriteAllText(project.Runner().Store.PathOf(artifact), "tampered");

        var second = await project.Runner().RunAsync(project.Pipeline());

        Assert.True(second.Succeeded, second.Failure);
        var train = second.Steps.Single(s => s.Name == "Train");
        Assert.Equal(LocalStepStatus.Succeeded, train.Status);
        Assert.Contains("no longer matches its recorded hash", train.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_stops_the_processes_and_leaves_the_records_consistent()
    {
        using var project = new LocalProject(prepareScript: "import time\nprint('started', flush=True)\ntime.sleep(60)\n");
        using var cancel = new CancellationTokenSource();
        // Ctrl+C a second after the step started (a fixed delay from the start could land before the step on a busy machine).
        var progress = new SynchronousProgress(e =>
        {
            if (e.Step == "Prepare" && e.Status == LocalStepStatus.Running)
            {
                cancel.CancelAfter(TimeSpan.FromSeconds(1));
            }
        });
        var watch = Stopwatch.StartNew();

        var result = await new LocalRunner(new LocalRunOptions { ProjectRoot = project.Root, Python = LocalProject.Python, Progress = progress }).RunAsync(project.Pipeline(), cancel.Token);

        Assert.Equal(LocalRunStatus.Cancelled, result.Status);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");
        Assert.Equal("Cancelled", JsonNode.Parse(File.ReadAllText(Path.Combine(result.RunFolder, "run.json")))!["Status"]!.GetValue<string>());
        Assert.Equal("Cancelled", JsonNode.Parse(File.ReadAllText(result.LineagePath))!["Status"]!.GetValue<string>());
        Assert.Empty(project.Runner().Registry.Groups());
    }

    [Fact]
    public async Task Two_runs_at_the_same_time_in_one_project_do_not_interfere()
    {
        using var project = new LocalProject();

        var runs = await Task.WhenAll(
            project.Runner(noCache: true).RunAsync(project.Pipeline()),
            project.Runner(noCache: true).RunAsync(project.Pipeline()));

        Assert.All(runs, r => Assert.True(r.Succeeded, r.Failure));
        Assert.NotEqual(runs[0].RunFolder, runs[1].RunFolder);
        Assert.Equal([1, 2], project.Runner().Registry.Versions("local-models").Select(v => v.Version));
    }

    [Fact]
    public async Task A_truncated_registry_file_is_reported_by_name_and_other_versions_stay_usable()
    {
        using var project = new LocalProject();
        await project.Runner().RunAsync(project.Pipeline());
        await project.Runner().RunAsync(project.Pipeline());
        var registry = project.Runner().Registry;
        var first = Path.Combine(registry.Root, "local-models", "0001.json");
        File.WriteAllText(first, File.ReadAllText(first)[..40]);

        var error = Assert.Throws<LocalRunException>(() => registry.Versions("local-models"));
        var third = await project.Runner().RunAsync(project.Pipeline());

        Assert.Contains("0001.json is damaged", error.Message, StringComparison.Ordinal);
        Assert.Equal("Approved", registry.SetApprovalStatus("local-models", 2, "Approved").ApprovalStatus);
        Assert.Equal(3, third.Registered.Single().Version);
    }
}

/// <summary>A progress sink that runs its handler on the reporting thread, as the runner reports.</summary>
internal sealed class SynchronousProgress(Action<LocalRunEvent> handler) : IProgress<LocalRunEvent>
{
    public void Report(LocalRunEvent value) => handler(value);
}
