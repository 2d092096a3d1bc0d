using System.Security.Cryptography;
using MlPipeline.SageMakerPipelines.Local;

namespace MlPipeline.SageMakerPipelines.Tests.Local;

/// <summary>
/// Every fault on top of a project that already has a good run and a registered model: the fault ends with a
/// message naming the step and the cause; the earlier run's records and the registry entries are byte for byte
/// what they were; and once the fault is removed, a rerun succeeds. Each case is bounded (stop conditions of a
/// second or two, cancellation after two seconds).
/// </summary>
public class FaultInjectionTests
{
    private const string Slow = "import time\nprint('working', flush=True)\ntime.sleep(60)\n";

    public static TheoryData<string> Faults() =>
    [
        "uncaught exception", "killed by a signal", "non-zero exit", "hangs past its stop condition", "writes no output",
        "invalid property file", "missing input object", "cached artifact changed on disk", "Ctrl+C mid-run",
        "two concurrent runs", "registry file truncated on disk",
    ];

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task A_fault_is_named_keeps_earlier_records_and_a_rerun_recovers(string fault)
    {
        using var project = new LocalProject();
        var good = await project.Runner().RunAsync(project.Pipeline());
        Assert.True(good.Succeeded, good.Failure);
        var registry = project.Runner().Registry;
        var damaged = Path.Combine(registry.Root, "local-models", "0001.json");
        var before = Hashes(good.RunFolder, registry.Root);

        var (message, expected) = await Inject(fault, project, good, damaged);

        Assert.All(expected, fragment => Assert.Contains(fragment, message, StringComparison.Ordinal));
        var after = Hashes(good.RunFolder, registry.Root);
        foreach (var (path, hash) in before.Where(b => b.Key != damaged || fault != "registry file truncated on disk"))
        {
            Assert.True(after.TryGetValue(path, out var now) && now == hash, $"{fault}: {path} was changed or removed");
        }

        var rerun = await project.Runner().RunAsync(project.Pipeline());
        Assert.True(rerun.Succeeded, $"{fault}: the rerun failed: {rerun.Failure}");
        var registered = rerun.Registered.Single().Version;
        Assert.Equal(registered, registry.Get("local-models", registered).Version);
        if (fault != "registry file truncated on disk")
        {
            Assert.Equal("PendingManualApproval", registry.Get("local-models", good.Registered.Single().Version).ApprovalStatus);
            Assert.Contains(registered, registry.Versions("local-models").Select(v => v.Version));
        }
    }

    private static async Task<(string Message, string[] Expected)> Inject(string fault, LocalProject project, LocalRunResult good, string damaged)
    {
        switch (fault)
        {
            case "uncaught exception":
                {
                    project.SetScript("train.py", "rows = []\nprint('mean', sum(rows) / len(rows))\n");
                    var result = await project.Runner().RunAsync(project.Pipeline());
                    project.SetScript("train.py", LocalProject.TrainScript);
                    return (result.Failure ?? "", ["Step 'Train' failed", "exited with code 1", "ZeroDivisionError"]);
                }

            case "killed by a signal":
                {
                    project.SetScript("train.py", "import os, signal\nprint('about to die', flush=True)\nos.kill(os.getpid(), signal.SIGKILL)\n");
                    var result = await project.Runner().RunAsync(project.Pipeline());
                    project.SetScript("train.py", LocalProject.TrainScript);
                    return (result.Failure ?? "", ["Step 'Train' failed", "about to die"]);
                }

            case "non-zero exit":
                {
                    project.SetScript("evaluate.py", "import sys\nprint('model file missing', file=sys.stderr)\nsys.exit(3)\n");
                    var result = await project.Runner().RunAsync(project.Pipeline());
                    project.SetScript("evaluate.py", LocalProject.EvaluateScript);
                    return (result.Failure ?? "", ["Step 'Evaluate' failed", "exited with code 3", "model file missing"]);
                }

            case "hangs past its stop condition":
                {
                    project.SetScript("prepare.py", Slow);
                    var result = await project.Runner().RunAsync(project.Pipeline(maxRuntimeInSeconds: 1));
                    project.SetScript("prepare.py", LocalProject.PrepareScript);
                    return (result.Failure ?? "", ["Step 'Prepare' failed", "ran longer than its StoppingCondition.MaxRuntimeInSeconds (1)"]);
                }

            case "writes no output":
                {
                    project.SetScript("prepare.py", "print('nothing to do')\n");
                    var result = await project.Runner().RunAsync(project.Pipeline());
                    project.SetScript("prepare.py", LocalProject.PrepareScript);
                    return (result.Failure ?? "", ["Step 'Prepare' failed", "wrote nothing to output 'train'"]);
                }

            case "invalid property file":
                {
                    project.SetScript("evaluate.py", "import os\nopen(os.environ['MLPIPELINE_CONTAINER_ROOT'] + '/opt/ml/processing/evaluation/evaluation.json', 'w').write('{\"mse\": ')\n");
                    var result = await project.Runner().RunAsync(project.Pipeline());
                    project.SetScript("evaluate.py", LocalProject.EvaluateScript);
                    return (result.Failure ?? "", ["Step 'Evaluate' failed", "property file 'Evaluation'", "not JSON"]);
                }

            case "missing input object":
                {
                    var missing = $"s3://{LocalProject.Bucket}/data/2026-11-27.csv";
                    var result = await project.Runner(parameters: new Dictionary<string, string> { ["InputData"] = missing }).RunAsync(project.Pipeline());
                    return (result.Failure ?? "", ["Step 'Prepare' failed", $"input 'data' ({missing}) has no objects"]);
                }

            case "cached artifact changed on disk":
                {
                    var store = project.Runner().Store;
                    var model = good.Steps.Single(s => s.Name == "Train");
                    var artifact = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(good.LineagePath))!["Steps"]!["Train"]!["ModelArtifact"]!["S3Uri"]!.GetValue<string>();
                    var path = store.PathOf(artifact);
                    var original = File.ReadAllBytes(path);
                    File.WriteAllText(path, "bit rot");
                    var result = await project.Runner().RunAsync(project.Pipeline());
                    Assert.True(result.Succeeded, result.Failure);
                    Assert.Equal(LocalStepStatus.Succeeded, result.Steps.Single(s => s.Name == model.Name).Status);
                    Assert.Equal(original, File.ReadAllBytes(store.PathOf(System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(result.LineagePath))!["Steps"]!["Train"]!["ModelArtifact"]!["S3Uri"]!.GetValue<string>())));
                    return (result.Steps.Single(s => s.Name == "Train").Message ?? "", ["no longer matches its recorded hash"]);
                }

            case "Ctrl+C mid-run":
                {
                    project.SetScript("prepare.py", Slow);
                    using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                    var result = await project.Runner().RunAsync(project.Pipeline(), cancel.Token);
                    project.SetScript("prepare.py", LocalProject.PrepareScript);
                    Assert.Equal(LocalRunStatus.Cancelled, result.Status);
                    return (result.Failure ?? "", ["The run was cancelled while step 'Prepare' was running"]);
                }

            case "two concurrent runs":
                {
                    var runs = await Task.WhenAll(
                        project.Runner(noCache: true).RunAsync(project.Pipeline()),
                        project.Runner(noCache: true).RunAsync(project.Pipeline()));
                    Assert.All(runs, r => Assert.True(r.Succeeded, r.Failure));
                    var versions = project.Runner().Registry.Versions("local-models").Select(v => v.Version).ToList();
                    return (string.Join(",", versions), ["1,2,3"]);
                }

            case "registry file truncated on disk":
                {
                    File.WriteAllText(damaged, File.ReadAllText(damaged)[..40]);
                    var result = await project.Runner().RunAsync(project.Pipeline());
                    Assert.True(result.Succeeded, result.Failure);
                    var error = Assert.Throws<LocalRunException>(() => project.Runner().Registry.Versions("local-models"));
                    return (error.Message, ["0001.json is damaged"]);
                }

            default:
                throw new ArgumentOutOfRangeException(nameof(fault), fault, "unknown fault");
        }
    }

    /// <summary>The content hash of every file of the earlier run and of the registry, by path.</summary>
    private static Dictionary<string, string> Hashes(params string[] folders) =>
        folders.Where(Directory.Exists)
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            .ToDictionary(path => path, path => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path))), StringComparer.Ordinal);
}
