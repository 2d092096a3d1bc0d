using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using MlPipeline.SageMakerPipelines.Cli;
using MlPipeline.SageMakerPipelines.Local;
using MlPipeline.Tests.Shared;

namespace MlPipeline.SageMakerPipelines.Tests.Local;

/// <summary>
/// A step's process never outlives the runner that started it, a run whose runner is gone says so, and a full disk
/// fails the step as an I/O error while earlier runs stay as they were.
/// </summary>
public class ProcessHygieneTests
{
    /// <summary>
    /// A step starts a child of its own, then something ends: the runner (a stand-in Python process that starts the
    /// step through the real supervisor, as the runner does), the supervisor, or the step itself. Within seconds the
    /// step and its child must be gone: nothing a step started outlives its run, as nothing outlives a SageMaker job.
    /// </summary>
    public static TheoryData<string> Deaths() =>
    [
        "the runner is killed (SIGKILL)", "the runner exits without stopping the step", "the supervisor is killed (SIGKILL)",
        "the step exits and leaves its child running",
    ];

    [Theory]
    [MemberData(nameof(Deaths))]
    public async Task A_step_and_its_children_never_outlive_the_runner(string death)
    {
        using var temp = new TempDirectory();
        var pids = temp.Combine("pids");
        var ending = death == "the step exits and leaves its child running" ? "" : "time.sleep(300)\n";
        // The step writes the ids only once its child runs (Popen returns after the exec, poll() says it has not ended).
        var step = $"import os, subprocess, time\nchild = subprocess.Popen(['sleep', '300'])\nassert child.poll() is None\nopen({Quote(pids)}, 'w').write(f'{{os.getppid()}} {{os.getpid()}} {{child.pid}}')\n{ending}";
        Process? fake = null;
        Task<ChildProcess.Outcome>? inProcess = null;
        if (death.StartsWith("the runner", StringComparison.Ordinal))
        {
            var runner = string.Join('\n',
                "import os, subprocess, sys, time",
                $"supervisor = subprocess.Popen([sys.executable, '-I', '-c', {Quote(ChildProcess.SupervisorScript)}, str(os.getpid()), sys.executable, '-c', {Quote(step)}])",
                $"while not os.path.exists({Quote(pids)}): time.sleep(0.05)",
                death == "the runner is killed (SIGKILL)" ? "time.sleep(300)" : "sys.exit(0)");
            fake = Process.Start(new ProcessStartInfo(LocalProject.Python) { ArgumentList = { "-c", runner } })!;
        }
        else
        {
            // This test process is the runner: the runner's own code starts the step.
            inProcess = ChildProcess.RunAsync(LocalProject.Python, LocalProject.Python, ["-c", step], new Dictionary<string, string>(), temp.Path, temp.Combine("log.txt"), null, CancellationToken.None);
        }

        var ids = WaitFor(() => File.Exists(pids) && File.ReadAllText(pids).Split(' ').Length == 3 ? File.ReadAllText(pids).Split(' ').Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray() : null);
        Assert.True(ids is not null, "the step did not start");
        var (supervisor, process, child) = (ids[0], ids[1], ids[2]);
        // A step that exits at once leaves its child to the supervisor, which may end it before this line looks.
        Assert.True(Alive(child) || death == "the step exits and leaves its child running", "the step's child did not start");

        if (death == "the runner is killed (SIGKILL)")
        {
            fake!.Kill();
        }
        else if (death == "the supervisor is killed (SIGKILL)")
        {
            Process.GetProcessById(supervisor).Kill();
        }

        fake?.WaitForExit();
        if (inProcess is not null)
        {
            await inProcess.WaitAsync(TimeSpan.FromSeconds(30));
        }

        Assert.True(WaitFor(() => !Alive(process) && !Alive(child) ? "gone" : null) is not null,
            $"{death}: the step ({process}: {Alive(process)}) or its child ({child}: {Alive(child)}) still runs");
        fake?.Dispose();
    }

    /// <summary>A run record says Running; whether its runner is alive decides what the listings show.</summary>
    public static TheoryData<string, string> Records() => new()
    {
        { "runner gone", "Interrupted" },
        { "runner alive (holds its lock)", "Running" },
        { "finished", "Succeeded" },
    };

    [Theory]
    [MemberData(nameof(Records))]
    public void A_run_whose_runner_is_gone_is_shown_as_interrupted(string state, string shown)
    {
        using var project = new LocalProject();
        var folder = Path.Combine(project.Root, ".mlpipeline", "runs", "20260101-000000-abcdef");
        Directory.CreateDirectory(folder);
        var record = new JsonObject { ["RunId"] = "20260101-000000-abcdef", ["PipelineName"] = "local-test", ["Status"] = state == "finished" ? "Succeeded" : "Running" };
        File.WriteAllText(Path.Combine(folder, "run.json"), record.ToJsonString());
        using var held = state.StartsWith("runner alive", StringComparison.Ordinal)
            ? new FileStream(Path.Combine(folder, "runner.lock"), FileMode.Create, FileAccess.ReadWrite, FileShare.None)
            : null;
        var runner = project.Runner();

        var listed = runner.Runs().Single();
        var marked = runner.MarkInterruptedRuns();

        Assert.Equal(shown, listed.Status.ToString());
        Assert.Equal(shown == "Interrupted" ? ["20260101-000000-abcdef"] : [], marked.Select(r => r.RunId));
        Assert.Equal(shown, JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "run.json")))!["Status"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("\"Exploded\"")]
    [InlineData("\"succeeded\"")]
    [InlineData("2")]
    [InlineData("null")]
    public void A_run_record_whose_status_this_library_never_writes_is_left_out_as_damaged(string status)
    {
        using var project = new LocalProject();
        var folder = Path.Combine(project.Root, ".mlpipeline", "runs", "20260101-000000-abcdef");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "run.json"), $$"""{"RunId": "20260101-000000-abcdef", "PipelineName": "local-test", "Status": {{status}}}""");

        Assert.Empty(project.Runner().Runs());
        Assert.Empty(project.Runner().MarkInterruptedRuns());
    }

    [Fact]
    public async Task The_run_and_runs_verbs_show_an_interrupted_run_and_a_new_run_proceeds()
    {
        using var project = new LocalProject();
        var folder = Path.Combine(project.Root, ".mlpipeline", "runs", "20260101-000000-abcdef");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "run.json"), "{\"RunId\": \"20260101-000000-abcdef\", \"PipelineName\": \"local-test\", \"Status\": \"Running\"}");
        var app = new PipelineApp { Pipeline = project.Pipeline(), ProjectRoot = project.Root };

        var listed = await Cli(app, "runs", "--json");
        var run = await Cli(app, "run", "--python", LocalProject.Python);
        var after = await Cli(app, "runs");

        Assert.Equal("Interrupted", JsonNode.Parse(listed.Output)![0]!["status"]!.GetValue<string>());
        Assert.True(run.Code == 0, run.Error);
        Assert.Contains("run 20260101-000000-abcdef was interrupted", run.Error, StringComparison.Ordinal);
        Assert.Contains("Interrupted", after.Output, StringComparison.Ordinal);
        Assert.Contains("Succeeded", after.Output, StringComparison.Ordinal);
    }

    /// <summary>
    /// The project on a small tmpfs: a good run fits, then a step writes an output that fits once but not twice, so
    /// the runner's copy into the object store hits a full disk. The step fails as an I/O error, the command line
    /// exits 74, the earlier run and the registry are byte for byte what they were, and a rerun succeeds.
    /// </summary>
    [Fact]
    public async Task A_full_disk_fails_the_step_with_exit_74_and_keeps_earlier_runs()
    {
        using var temp = new TempDirectory();
        var mount = temp.Combine("disk");
        Directory.CreateDirectory(mount);
        var mounted = ProcessRunner.Run("mount", ["-t", "tmpfs", "-o", "size=3m", "tmpfs", mount]);
        Assert.True(mounted.ExitCode == 0, $"this test needs root to mount a 3 MB tmpfs: {mounted.All}");
        try
        {
            using var project = new LocalProject(root: Path.Combine(mount, "project"));
            var app = new PipelineApp { Pipeline = project.Pipeline(), ProjectRoot = project.Root };
            var good = await Cli(app, "run", "--python", LocalProject.Python);
            Assert.True(good.Code == 0, good.Error);
            var state = Path.Combine(project.Root, ".mlpipeline");
            var before = Hashes(Path.Combine(state, "runs"), Path.Combine(state, "registry"));

            project.SetScript("prepare.py", LocalProject.PrepareScript + "\nopen(os.path.join(args.root, 'train', 'big.bin'), 'wb').write(b'x' * 1900000)\n");
            var full = await Cli(new PipelineApp { Pipeline = project.Pipeline(), ProjectRoot = project.Root }, "run", "--python", LocalProject.Python);

            Assert.True(full.Code == ExitCodes.InputOutput, $"exit {full.Code}: {full.Error}");
            Assert.Contains("Step 'Prepare' failed: I/O error", full.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", full.Error, StringComparison.Ordinal);
            foreach (var (path, hash) in before)
            {
                Assert.True(Hashes(Path.GetDirectoryName(path)!).GetValueOrDefault(path) == hash, $"{path} changed");
            }

            Assert.Empty(Directory.EnumerateFiles(Path.Combine(state, "s3"), "*.tmp", SearchOption.AllDirectories));
            project.SetScript("prepare.py", LocalProject.PrepareScript);
            var rerun = await Cli(new PipelineApp { Pipeline = project.Pipeline(), ProjectRoot = project.Root }, "run", "--python", LocalProject.Python);
            Assert.True(rerun.Code == 0, rerun.Error);
        }
        finally
        {
            ProcessRunner.Run("umount", ["-l", mount]);
        }
    }

    private static async Task<(int Code, string Output, string Error)> Cli(PipelineApp app, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await PipelineCommandLine.RunAsync(args, app, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private static Dictionary<string, string> Hashes(params string[] folders) =>
        folders.Where(Directory.Exists)
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            .ToDictionary(path => path, path => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path))), StringComparer.Ordinal);

    private static bool Alive(int pid) =>
        File.Exists($"/proc/{pid}/stat") && !File.ReadAllText($"/proc/{pid}/stat").Split(") ")[1].StartsWith('Z');

    private static T? WaitFor<T>(Func<T?> probe)
        where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if (probe() is { } value)
            {
                return value;
            }

            Thread.Sleep(50);
        }

        return null;
    }

    private static string Quote(string text) => System.Text.Json.JsonSerializer.Serialize(text);
}
