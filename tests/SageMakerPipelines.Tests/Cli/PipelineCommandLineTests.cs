using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MlPipeline.SageMakerPipelines.Cli;
using MlPipeline.SageMakerPipelines.Code;
using MlPipeline.SageMakerPipelines.Tests.Local;

namespace MlPipeline.SageMakerPipelines.Tests.Cli;

public class PipelineCommandLineTests
{
    private static PipelineApp App(LocalProject project) => new()
    {
        Pipeline = project.Pipeline(),
        ProjectRoot = project.Root,
        Objects = project.Scripts.Keys.Select(name => project.Code(name).ToObject(LocalProject.Bucket, "project")).ToList(),
    };

    [Fact]
    public async Task Run_shows_progress_a_table_and_where_model_lineage_and_registry_entry_are()
    {
        using var project = new LocalProject();

        var (code, output, error) = await Run(App(project), "run", "--python", LocalProject.Python);

        Assert.True(code == 0, error);
        // The first line names the interpreter, its version and why it was chosen.
        var version = MlPipeline.Tests.Shared.ProcessRunner.Run(LocalProject.Python, ["-c", "import platform; print(platform.python_version())"], project.Root).Output.Trim();
        Assert.Equal($"Python {version}: {LocalProject.Python} (--python)", output.Split('\n')[0]);
        Assert.Contains("✓ Train [Training] succeeded", output, StringComparison.Ordinal);
        Assert.Contains("lineage:", output, StringComparison.Ordinal);
        Assert.Contains("model (Train):", output, StringComparison.Ordinal);
        Assert.Contains("s3://local-bucket/models/Train-", output, StringComparison.Ordinal);
        Assert.Contains("registered:         local-models version 1 (PendingManualApproval)", output, StringComparison.Ordinal);
        Assert.Matches(@"\n  metrics: +mse [0-9.]+ ± 0\n", output);
        // The model lines say what the run's lineage says: the archive's local path, its URI and its SHA-256.
        var lineage = JsonNode.Parse(File.ReadAllText(Regex.Match(output, @"\n  lineage: +(\S+)\n").Groups[1].Value))!;
        var model = lineage["Steps"]!["Train"]!["ModelArtifact"]!;
        var uri = model["S3Uri"]!.GetValue<string>();
        Assert.Contains($"\n  model (Train):      {project.Store.PathOf(uri)}\n                      {uri} (sha256 {model["Sha256"]})\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_json_prints_a_machine_readable_summary()
    {
        using var project = new LocalProject();

        var (code, output, _) = await Run(App(project), "run", "--python", LocalProject.Python, "--json", "--param", "Seed=3");

        Assert.Equal(0, code);
        var summary = JsonNode.Parse(output)!;
        Assert.Equal("Succeeded", summary["status"]!.GetValue<string>());
        Assert.Equal(6, summary["steps"]!.AsArray().Count);
        Assert.Equal(1, summary["registered"]![0]!["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_failed_run_exits_1_and_says_which_step_and_why()
    {
        using var project = new LocalProject(trainScript: "raise SystemExit(3)\n");

        var (code, _, error) = await Run(App(project), "run", "--python", LocalProject.Python);

        Assert.Equal(ExitCodes.RunFailed, code);
        Assert.Contains("Step 'Train' failed: its script exited with code 3.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_steps_progress_line_says_why_it_failed()
    {
        using var project = new LocalProject(trainScript: "import sys\nprint('INFO train: reading')\nprint('ERROR train: no rows in train.csv', file=sys.stderr)\nsys.exit(65)\n");

        var (code, output, error) = await Run(App(project), "run", "--python", LocalProject.Python);

        Assert.Equal(ExitCodes.RunFailed, code);
        Assert.Matches(@"\n✗ Train \[Training\] failed [0-9.]+ s: its script exited with code 65: ERROR train: no rows in train\.csv\n", output);
        Assert.Contains("Step 'Train' failed: its script exited with code 65: ERROR train: no rows in train.csv\n", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_prints_each_version_difference_from_the_containers_once_and_strict_versions_exits_65_with_them()
    {
        using var project = new LocalProject();

        var (code, output, _) = await Run(App(project), "run", "--python", LocalProject.Python);
        var json = await Run(App(project), "run", "--python", LocalProject.Python, "--json");
        var strict = await Run(App(project), "run", "--python", LocalProject.Python, "--strict-versions");

        Assert.Equal(0, code);
        Assert.Contains("This machine differs from the SageMaker containers", output, StringComparison.Ordinal);
        var pandas = output.Split('\n').Where(line => line.StartsWith("  - pandas ", StringComparison.Ordinal)).ToList();
        Assert.Matches(@"^  - pandas [0-9.]+ here, 1\.1\.3 in sagemaker-scikit-learn:1\.2-1 \(steps Prepare, Train, Evaluate\)$", Assert.Single(pandas));
        Assert.Contains(JsonNode.Parse(json.Output)!["versionDifferences"]!.AsArray(), d => d!["library"]!.GetValue<string>() == "pandas");
        Assert.Equal(ExitCodes.InvalidData, strict.Code);
        Assert.Contains(pandas[0], strict.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_parameter_value_exits_65_before_anything_runs()
    {
        using var project = new LocalProject();

        var (code, _, error) = await Run(App(project), "run", "--python", LocalProject.Python, "--param", "MseThreshold=low");

        Assert.Equal(ExitCodes.InvalidData, code);
        Assert.Contains("Parameter 'MseThreshold' is Float", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Registry_lists_approves_and_shows_versions()
    {
        using var project = new LocalProject();
        await Run(App(project), "run", "--python", LocalProject.Python);

        var approve = await Run(App(project), "registry", "approve", "local-models", "1", "--note", "looks good");
        var again = await Run(App(project), "registry", "approve", "local-models", "1", "--note", "still good");
        var list = await Run(App(project), "registry", "list", "--json");
        var show = await Run(App(project), "registry", "show", "local-models", "1", "--json");
        var missing = await Run(App(project), "registry", "show", "local-models", "7");

        Assert.Contains("local-models version 1 is now Approved (was PendingManualApproval).", approve.Output, StringComparison.Ordinal);
        Assert.Equal(0, again.Code);
        Assert.Contains("local-models version 1 is already Approved; nothing changed.", again.Output, StringComparison.Ordinal);
        Assert.Equal("Approved", JsonNode.Parse(list.Output)![0]!["approvalStatus"]!.GetValue<string>());
        var history = JsonNode.Parse(show.Output)!["ApprovalHistory"]!.AsArray();
        Assert.Equal(["PendingManualApproval", "Approved"], history.Select(h => h!["Status"]!.GetValue<string>()));
        Assert.Equal("looks good", history[1]!["Note"]!.GetValue<string>());
        Assert.Equal(ExitCodes.InvalidData, missing.Code);
    }

    [Fact]
    public async Task Registry_list_and_show_give_the_key_metric_and_model_hash_without_splitting_a_value_at_80_columns()
    {
        using var project = new LocalProject();
        await Run(App(project), "run", "--python", LocalProject.Python);
        await Run(App(project), "registry", "approve", "local-models", "1", "--note", "Zoë's pick");
        var package = project.Runner().Registry.Get("local-models", 1);
        var mse = package.Metrics()[0];
        var sha = package.ModelSha256!;

        var narrow = await Run(App(project), "registry", "list");
        var wide = await RunAt(160, App(project), "registry", "list");
        var show = await Run(App(project), "registry", "show", "local-models", "1");
        var whole = await Run(App(project), "registry", "show", "local-models", "1", "--json");

        Assert.Equal(("mse", 0.0), (mse.Name, mse.StandardDeviation));
        Assert.All(narrow.Output.Split('\n'), line => Assert.True(line.Length <= 80, $"wider than 80 columns: {line}"));
        Assert.Contains($"local-models version 1: Approved, {mse}", narrow.Output, StringComparison.Ordinal);
        Assert.Contains($"model {sha[..12]}, created ", narrow.Output, StringComparison.Ordinal);
        Assert.Contains($"run {package.RunId} (Succeeded)", narrow.Output, StringComparison.Ordinal);
        // Wide enough for the table: one row with every value whole.
        var row = Assert.Single(wide.Output.Split('\n'), l => l.Contains("local-models", StringComparison.Ordinal));
        Assert.All(new[] { "Approved", mse.ToString(), sha[..12], package.RunId! }, value => Assert.Contains(value, row, StringComparison.Ordinal));
        // Only a label and one value that is longer on its own (an ARN, an S3 URI) may pass 80 columns.
        Assert.All(show.Output.Split('\n'), line => Assert.True(line.Length <= 80 || System.Text.RegularExpressions.Regex.IsMatch(line, @"^ +[a-z]+: +\S+$"), $"wider than 80 columns: {line}"));
        Assert.Contains($"sha256:   {sha}", show.Output, StringComparison.Ordinal);
        Assert.Contains($"metrics:  {mse}", show.Output, StringComparison.Ordinal);
        Assert.Contains("Approved by ", show.Output, StringComparison.Ordinal);
        var statistics = package.Baselines()[0];
        Assert.Contains($"baseline: {statistics.S3Uri}\n            ModelDataQuality.Statistics, sha256 {statistics.Sha256![..12]}\n", show.Output, StringComparison.Ordinal);
        Assert.Contains("ModelDataQuality.Constraints, not in the store when registered", show.Output, StringComparison.Ordinal);
        Assert.Contains(": Zoë's pick", show.Output, StringComparison.Ordinal);
        Assert.Contains("registry show local-models 1 --json", show.Output, StringComparison.Ordinal);
        Assert.Equal(sha, JsonNode.Parse(whole.Output)!["Lineage"]!["ModelArtifacts"]![0]!["Sha256"]!.GetValue<string>());
    }

    [Fact]
    public async Task Runs_lists_compares_and_prunes_runs_and_never_prunes_one_a_registered_version_points_to()
    {
        using var project = new LocalProject();
        var registeredRun = await Run(App(project), "run", "--python", LocalProject.Python, "--json");
        var registeredId = JsonNode.Parse(registeredRun.Output)!["runId"]!.GetValue<string>();
        // A failing run (the condition takes the else branch) with other data: a new parameter, other data, no model registered.
        var input = File.ReadAllText(project.Store.PathOf($"s3://{LocalProject.Bucket}/data/input.csv"));
        project.Store.Put($"s3://{LocalProject.Bucket}/data/v2/input.csv", System.Text.Encoding.UTF8.GetBytes(input + "100,7\n"));
        var failed = await Run(App(project), "run", "--python", LocalProject.Python, "--json", "--param", "MseThreshold=0.001", "--param", $"InputData=s3://{LocalProject.Bucket}/data/v2/input.csv");
        var failedId = JsonNode.Parse(failed.Output)!["runId"]!.GetValue<string>();
        var third = await Run(App(project), "run", "--python", LocalProject.Python, "--json", "--param", "MseThreshold=0.001");
        var thirdId = JsonNode.Parse(third.Output)!["runId"]!.GetValue<string>();
        var package = project.Runner().Registry.Get("local-models", 1);

        var list = await Run(App(project), "runs");
        var compare = await Run(App(project), "runs", "compare", registeredId, failedId);
        var missing = await Run(App(project), "runs", "compare", registeredId, "../../etc");
        var dryRun = await Run(App(project), "runs", "prune", "--keep", "0", "--dry-run");
        var pruned = await Run(App(project), "runs", "prune", "--keep", "1");
        var negative = await Run(App(project), "runs", "prune", "--keep", "-1");

        // runs: newest first, each with status, time, the registered model's key metric and the model hash, within 80 columns.
        Assert.All(list.Output.Split('\n'), line => Assert.True(line.Length <= 80, $"wider than 80 columns: {line}"));
        Assert.Equal([thirdId, failedId, registeredId], list.Output.Split('\n').Select(l => l.Trim().Split(' ')[0]).Where(id => id == thirdId || id == failedId || id == registeredId));
        var registeredLine = list.Output.Split('\n').Single(l => l.TrimStart().StartsWith(registeredId, StringComparison.Ordinal));
        Assert.Contains("Succeeded", registeredLine, StringComparison.Ordinal);
        Assert.Contains(package.Metrics()[0].ToString(), registeredLine, StringComparison.Ordinal);
        Assert.Contains(package.ModelSha256![..12], registeredLine, StringComparison.Ordinal);
        Assert.Contains("Failed", list.Output.Split('\n').Single(l => l.TrimStart().StartsWith(failedId, StringComparison.Ordinal)), StringComparison.Ordinal);

        // compare: what differs, marked, side by side; the same parameter is not shown without --all.
        Assert.True(compare.Code == 0, compare.Error);
        Assert.Matches(@"≠ parameter MseThreshold +50 +0\.001\n", compare.Output);
        Assert.Matches($@"≠ parameter InputData +s3://{LocalProject.Bucket}/data/input\.csv +s3://{LocalProject.Bucket}/data/v2/input\.csv\n", compare.Output);
        Assert.Matches(@"≠ data Prepare/data +[0-9a-f]{12} +[0-9a-f]{12}\n", compare.Output);
        Assert.Matches(@"≠ status +Succeeded +Failed\n", compare.Output);
        Assert.Matches(@"≠ CheckMse compared +[0-9.]+ <= 50 is true +[0-9.]+ <= 0\.001 is false\n", compare.Output);
        Assert.DoesNotContain("parameter Seed", compare.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("code Prepare", compare.Output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.InvalidData, missing.Code);
        Assert.Contains("There is no local run '../../etc'", missing.Error, StringComparison.Ordinal);

        // prune: the dry run deletes nothing; the real one keeps the newest and the registered run, deletes the rest.
        Assert.Contains($"would delete {failedId} (Failed)", dryRun.Output, StringComparison.Ordinal);
        Assert.Contains($"kept {registeredId}: local-models version 1 points to it", dryRun.Output, StringComparison.Ordinal);
        Assert.True(pruned.Code == 0, pruned.Error);
        var left = project.Runner().Runs().Select(r => r.RunId).ToList();
        Assert.Equal([thirdId, registeredId], left);
        Assert.Contains($"deleted {failedId} (Failed)", pruned.Output, StringComparison.Ordinal);
        Assert.NotNull(project.Runner().Lineage(registeredId));
        Assert.Equal(ExitCodes.Usage, negative.Code);
    }

    [Fact]
    public async Task Definition_validate_and_graph_print_what_they_say()
    {
        using var project = new LocalProject();
        var file = Path.Combine(project.Root, "out", "definition.json");

        var definition = await Run(App(project), "definition", "--out", file);
        var validate = await Run(App(project), "validate");
        var graph = await Run(App(project), "graph", "--format", "dot");

        Assert.Equal(project.Pipeline().ToJson() + "\n", File.ReadAllText(file));
        Assert.Equal("The definition of local-test is valid: 6 steps, 2 of them inside condition branches.\n", validate.Output);
        Assert.StartsWith("digraph pipeline {", graph.Output, StringComparison.Ordinal);
        Assert.Equal(0, definition.Code + validate.Code + graph.Code);
    }

    [Fact]
    public async Task Graph_write_puts_the_picture_into_the_readme_and_leaves_the_rest_alone()
    {
        using var project = new LocalProject();
        var readme = Path.Combine(project.Root, "README.md");
        File.WriteAllText(readme, "# Title\r\n\r\n```mermaid\r\nflowchart TD\r\n    old --> picture\r\n```\r\n\r\n```mermaid\nsecond\n```\nText after.\n");
        var bare = Path.Combine(project.Root, "NOTES.md");
        File.WriteAllText(bare, "No picture here.\n");

        var write = await Run(App(project), "graph", "--write", readme);
        var again = await Run(App(project), "graph", "--write", readme);
        var noBlock = await Run(App(project), "graph", "--write", bare);
        var missing = await Run(App(project), "graph", "--write", Path.Combine(project.Root, "nope.md"));

        var drawn = (await Run(App(project), "graph")).Output;
        Assert.Equal(0, write.Code + again.Code);
        Assert.Equal($"# Title\n\n```mermaid\n{drawn}```\n\n```mermaid\nsecond\n```\nText after.\n", File.ReadAllText(readme));
        Assert.Contains("is up to date", again.Output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.InvalidData, noBlock.Code);
        Assert.Contains("has no ```mermaid block", noBlock.Error, StringComparison.Ordinal);
        Assert.Equal("No picture here.\n", File.ReadAllText(bare));
        Assert.Equal(ExitCodes.CannotReadInput, missing.Code);
    }

    [Fact]
    public async Task Run_data_runs_on_the_users_files_named_by_content_without_touching_the_pipeline()
    {
        using var project = new LocalProject();
        var app = App(project) with { DataParameter = LocalProject.InputData.Name };
        var mine = Path.Combine(project.Root, "mine");
        Directory.CreateDirectory(mine);
        File.WriteAllText(Path.Combine(mine, "input.csv"), "x,y\n" + string.Concat(Enumerable.Range(0, 60).Select(i => $"{i},{(2 * i) + 1}\n")));
        File.WriteAllText(Path.Combine(mine, ".DS_Store"), "not data");

        var first = await Run(app, "run", "--python", LocalProject.Python, "--data", mine, "--json");
        var second = await Run(app, "run", "--python", LocalProject.Python, "--data", Path.Combine(mine, "input.csv"), "--json");
        File.AppendAllText(Path.Combine(mine, "input.csv"), "60,121\n");
        var changed = await Run(app, "run", "--python", LocalProject.Python, "--data", mine);

        Assert.True(first.Code == 0, first.Error);
        static string DataOf(string summary) =>
            JsonNode.Parse(File.ReadAllText(JsonNode.Parse(summary)!["lineage"]!.GetValue<string>()))!["Parameters"]![LocalProject.InputData.Name]!.GetValue<string>();
        var prefix = DataOf(first.Output);
        Assert.Matches(@"^s3://local-bucket/mlpipeline-local-data/[0-9a-f]{16}/$", prefix);
        Assert.Equal(["input.csv"], Directory.GetFiles(project.Store.PathOf(prefix)).Select(Path.GetFileName));
        Assert.Equal(prefix, DataOf(second.Output));
        Assert.Equal("Cached", JsonNode.Parse(second.Output)!["steps"]![0]!["status"]!.GetValue<string>());
        Assert.True(changed.Code == 0, changed.Error);
        Assert.Contains("✓ Prepare [Processing] succeeded", changed.Output, StringComparison.Ordinal);
        Assert.Matches(@"data: +1 file\(s\) from .*mine, as InputData = s3://local-bucket/mlpipeline-local-data/[0-9a-f]{16}/\n", changed.Output);
        Assert.DoesNotContain(prefix, changed.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_data_refuses_what_it_cannot_use_and_says_why()
    {
        using var project = new LocalProject();
        var app = App(project) with { DataParameter = LocalProject.InputData.Name };
        Directory.CreateDirectory(Path.Combine(project.Root, "empty"));

        var noParameter = await Run(App(project), "run", "--data", project.Root);
        var both = await Run(app, "run", "--data", project.Root, "--param", "InputData=s3://b/x/");
        var notString = await Run(app with { DataParameter = LocalProject.Seed.Name }, "run", "--data", project.Root);
        var missing = await Run(app, "run", "--data", Path.Combine(project.Root, "nope.csv"));
        var empty = await Run(app, "run", "--data", Path.Combine(project.Root, "empty"));

        Assert.Equal(ExitCodes.Usage, noParameter.Code);
        Assert.Contains("--param NAME=s3://", noParameter.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, both.Code);
        Assert.Contains("not both", both.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, notString.Code);
        Assert.Contains("needs a String", notString.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.CannotReadInput, missing.Code);
        Assert.Contains("no such file or folder", missing.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.CannotReadInput, empty.Code);
        Assert.False(Directory.Exists(Path.Combine(project.Root, ".mlpipeline", "runs")), "no run starts when --data is refused");
    }

    [Fact]
    public async Task Venv_makes_the_projects_environment_installs_its_requirements_and_run_then_uses_it()
    {
        using var project = new LocalProject();
        File.WriteAllText(Path.Combine(project.Root, "requirements.txt"), "# the container's pins would be here\n");
        var app = App(project) with { PythonRequirements = ["requirements.txt"] };

        var made = await Run(app, "venv", "--python", LocalProject.Python, "--system-site-packages");
        var again = await Run(app, "venv", "--no-install");
        var run = await Run(app, "run", "--json");

        Assert.True(made.Code == 0, made.Error + made.Output);
        Assert.Contains($"Made {Path.Combine(project.Root, ".venv")} with {LocalProject.Python}, seeing this machine's packages.", made.Output, StringComparison.Ordinal);
        // The machine's scikit-learn is not the container's: venv says so, as run would.
        Assert.Matches(@"It differs from the SageMaker containers the steps run in \(\d+;", made.Output);
        Assert.Contains("in sagemaker-scikit-learn:1.2-1 (steps Prepare, Train, Evaluate)", made.Output, StringComparison.Ordinal);
        Assert.Equal(0, again.Code);
        Assert.Contains("Using the existing", again.Output, StringComparison.Ordinal);
        Assert.True(run.Code == 0, run.Error);
        Assert.Equal(Path.Combine(project.Root, ".venv", "bin", "python"), JsonNode.Parse(File.ReadAllText(JsonNode.Parse(run.Output)!["lineage"]!.GetValue<string>()))!["Python"]!["Path"]!.GetValue<string>());
    }

    [Fact]
    public async Task Venv_recreate_removes_a_linked_venv_but_not_its_target_and_bad_input_is_named()
    {
        using var project = new LocalProject();
        var elsewhere = Path.Combine(project.Root, "elsewhere");
        Directory.CreateDirectory(elsewhere);
        File.WriteAllText(Path.Combine(elsewhere, "keep.txt"), "mine");
        File.CreateSymbolicLink(Path.Combine(project.Root, ".venv"), elsewhere);

        var missingRequirements = await Run(App(project) with { PythonRequirements = ["nope.txt"] }, "venv");
        var noPython = await Run(App(project), "venv", "--recreate", "--python", Path.Combine(project.Root, "no-python"));
        var made = await Run(App(project), "venv", "--recreate", "--python", LocalProject.Python, "--system-site-packages");

        Assert.Equal(ExitCodes.CannotReadInput, missingRequirements.Code);
        Assert.Contains("nope.txt does not exist", missingRequirements.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.CannotReadInput, noPython.Code);
        Assert.Contains("Could not start", noPython.Error, StringComparison.Ordinal);
        Assert.True(made.Code == 0, made.Error);
        Assert.Equal("mine", File.ReadAllText(Path.Combine(elsewhere, "keep.txt")));
        Assert.True(File.Exists(Path.Combine(project.Root, ".venv", "bin", "python")));
        Assert.Null(new FileInfo(Path.Combine(project.Root, ".venv")).LinkTarget);
    }

    [Fact]
    public async Task Run_takes_a_definition_file_too()
    {
        using var project = new LocalProject();
        var file = Path.Combine(project.Root, "definition.json");
        await Run(App(project), "definition", "--out", file);

        var (code, output, error) = await Run(App(project), "run", "--python", LocalProject.Python, "--definition", file, "--json");
        var missing = await Run(App(project), "run", "--definition", Path.Combine(project.Root, "nope.json"));

        Assert.True(code == 0, error);
        Assert.Equal("Succeeded", JsonNode.Parse(output)!["status"]!.GetValue<string>());
        Assert.Equal(ExitCodes.CannotReadInput, missing.Code);
        Assert.Contains("nope.json does not exist", missing.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_warns_when_it_reuses_a_step_over_changed_data_and_cache_content_reruns_it()
    {
        using var project = new LocalProject();
        await Run(App(project), "run", "--python", LocalProject.Python, "--json");
        project.Store.Put($"s3://{LocalProject.Bucket}/data/input.csv", "x,y\n1,3\n2,5\n3,7\n4,9\n5,11\n"u8);

        var reused = await Run(App(project), "run", "--python", LocalProject.Python);
        var json = await Run(App(project), "run", "--python", LocalProject.Python, "--json");
        var content = await Run(App(project), "run", "--python", LocalProject.Python, "--cache", "content");
        var wrong = await Run(App(project), "run", "--cache", "contents");

        Assert.Equal(0, reused.Code);
        Assert.Contains("↺ Prepare [Processing] cached", reused.Output, StringComparison.Ordinal);
        Assert.Contains("warning: step 'Prepare' reused its result", reused.Error, StringComparison.Ordinal);
        Assert.Contains("SageMaker", JsonNode.Parse(json.Output)!["warnings"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(content.Code == 0, content.Error);
        Assert.Contains("✓ Prepare [Processing] succeeded", content.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("warning:", content.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, wrong.Code);
    }

    [Fact]
    public async Task Bundle_writes_each_function_zip_the_same_bytes_every_time_into_the_project_or_the_given_folder()
    {
        using var project = new LocalProject();
        var function = CodeBundle.Create("functions", [("handler.py", "def handler(e, c):\n    return 1\n"u8.ToArray())]);
        var app = App(project) with { Functions = [function] };

        var first = await Run(app, "bundle");
        var path = Path.Combine(project.Root, ".mlpipeline", "functions", "functions.zip");
        var bytes = File.ReadAllBytes(path);
        var second = await Run(app, "bundle", "--out", Path.Combine(project.Root, "elsewhere"));

        Assert.True(first.Code == 0, first.Error);
        Assert.Contains($"Wrote {path}", first.Output, StringComparison.Ordinal);
        Assert.Equal(function.ToZip(), bytes);
        Assert.Equal(0, second.Code);
        Assert.Equal(bytes, File.ReadAllBytes(Path.Combine(project.Root, "elsewhere", "functions.zip")));
    }

    [Fact]
    public async Task Bundle_says_what_is_wrong_when_there_is_nothing_to_bundle_or_nowhere_to_write()
    {
        using var project = new LocalProject();
        var blocker = Path.Combine(project.Root, "a-file");
        File.WriteAllText(blocker, "");
        var app = App(project) with { Functions = [CodeBundle.Create("functions", [("h.py", "x = 1\n"u8.ToArray())])] };

        var nothing = await Run(App(project), "bundle");
        var unwritable = await Run(app, "bundle", "--out", Path.Combine(blocker, "sub"));

        Assert.Equal(ExitCodes.InvalidData, nothing.Code);
        Assert.Contains("declares no functions", nothing.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.CannotCreate, unwritable.Code);
        Assert.Contains($"cannot write {Path.Combine(blocker, "sub", "functions.zip")}", unwritable.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fly")]
    [InlineData("graph", "--format", "png")]
    [InlineData("registry", "approve", "local-models")]
    public async Task Usage_errors_exit_64(params string[] args)
    {
        using var project = new LocalProject();

        var (code, _, error) = await Run(App(project), args);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--help", error, StringComparison.Ordinal);
    }

    private static Task<(int Code, string Output, string Error)> Run(PipelineApp app, params string[] args) => RunAt(80, app, args);

    private static async Task<(int Code, string Output, string Error)> RunAt(int width, PipelineApp app, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await PipelineCommandLine.RunAsync(args, () => app, output, error, width, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }
}
