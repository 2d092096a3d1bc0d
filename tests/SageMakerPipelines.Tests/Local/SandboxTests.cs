using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json.Nodes;
using MlPipeline.SageMakerPipelines.Local;
using MlPipeline.Tests.Shared;

namespace MlPipeline.SageMakerPipelines.Tests.Local;

/// <summary>
/// The runner's sandbox, attacked the way a hostile or careless definition would (<c>run --definition FILE</c>): every
/// path the definition names must map inside the run's folders, only the configured Python runs, on a script of the
/// step's own code, and no symbolic link is followed out of .mlpipeline/. Each case names its rule's code, and nothing
/// outside the project is written, run or read.
/// </summary>
public class SandboxTests
{
    /// <summary>A definition edit (JSON path → new value) that must stop the run before any step, with its code.</summary>
    public static TheoryData<string, string, string, string> Hostile() => new()
    {
        { "input LocalPath climbs out", "Steps[0].Arguments.ProcessingInputs[0].S3Input.LocalPath", "\"/opt/ml/processing/../../../../../../OUTSIDE/input\"", "SMP101" },
        { "output LocalPath outside /opt/ml/processing", "Steps[0].Arguments.ProcessingOutputConfig.Outputs[0].S3Output.LocalPath", "\"/OUTSIDE/train\"", "SMP101" },
        { "code input LocalPath climbs out", "Steps[0].Arguments.ProcessingInputs[1].S3Input.LocalPath", "\"/opt/ml/processing/input/../../../../OUTSIDE/code\"", "SMP101" },
        { "relative LocalPath", "Steps[0].Arguments.ProcessingInputs[0].S3Input.LocalPath", "\"input\"", "SMP101" },
        { "channel name with slashes", "Steps[1].Arguments.InputDataConfig[0].ChannelName", "\"../../../../../../../OUTSIDE\"", "SMP101" },
        { "channel name ..", "Steps[1].Arguments.InputDataConfig[0].ChannelName", "\"..\"", "SMP101" },
        { "property file path climbs out", "Steps[2].PropertyFiles[0].FilePath", "\"../../../../../../../OUTSIDE/report.json\"", "SMP101" },
        { "property file path absolute", "Steps[2].PropertyFiles[0].FilePath", "\"/etc/hostname\"", "SMP101" },
        { "entrypoint is a shell", "Steps[0].Arguments.AppSpecification.ContainerEntrypoint", "[\"sh\", \"-c\", \"touch OUTSIDE/ran\"]", "SMP102" },
        { "python runs inline code", "Steps[0].Arguments.AppSpecification.ContainerEntrypoint", "[\"python3\", \"-c\", \"open('OUTSIDE/ran', 'w')\"]", "SMP102" },
        { "python runs a module", "Steps[0].Arguments.AppSpecification.ContainerEntrypoint", "[\"python3\", \"-m\", \"http.server\"]", "SMP102" },
        { "script from a data input", "Steps[0].Arguments.AppSpecification.ContainerEntrypoint", "[\"python3\", \"/opt/ml/processing/input/input.csv\"]", "SMP102" },
        { "script from the host", "Steps[0].Arguments.AppSpecification.ContainerEntrypoint", "[\"python3\", \"/tmp/evil.py\"]", "SMP102" },
        { "script climbs out of the code input", "Steps[0].Arguments.AppSpecification.ContainerEntrypoint", "[\"python3\", \"/opt/ml/processing/input/code/../../../../../OUTSIDE/evil.py\"]", "SMP102" },
        { "no entrypoint", "Steps[0].Arguments.AppSpecification.ContainerEntrypoint", "[]", "SMP102" },
        { "container argument climbs out", "Steps[0].Arguments.AppSpecification.ContainerArguments", "[\"--seed\", \"1\", \"--root\", \"/opt/ml/../../../../OUTSIDE\"]", "SMP101" },
        { "S3 key climbs out of the store", "Steps[0].Arguments.ProcessingInputs[0].S3Input.S3Uri", "\"s3://local-bucket/../../../../OUTSIDE\"", "SMP101" },
        { "S3 output key climbs out of the store", "Steps[1].Arguments.OutputDataConfig.S3OutputPath", "\"s3://local-bucket/models/../../../OUTSIDE\"", "SMP101" },
        { "training program climbs out", "Steps[1].Arguments.HyperParameters.sagemaker_program", "\"\\\"../../../../../../OUTSIDE/evil.py\\\"\"", "SMP101" },
        { "training program absolute", "Steps[1].Arguments.HyperParameters.sagemaker_program", "\"\\\"/tmp/evil.py\\\"\"", "SMP101" },
        { "training code climbs out of the store", "Steps[1].Arguments.HyperParameters.sagemaker_submit_directory", "\"\\\"s3://local-bucket/../../OUTSIDE/\\\"\"", "SMP101" },
        { "processing instance count 0", "Steps[0].Arguments.ProcessingResources.ClusterConfig.InstanceCount", "0", "SMP024" },
        { "a run time of 0 seconds", "Steps[1].Arguments.StoppingCondition.MaxRuntimeInSeconds", "0", "SMP024" },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task A_definition_that_leaves_the_sandbox_stops_before_any_step(string kind, string path, string value, string code)
    {
        using var project = new LocalProject();
        using var outside = new TempDirectory();
        var definition = JsonNode.Parse(project.Pipeline().ToJson())!;
        Set(definition, path, JsonNode.Parse(value.Replace("OUTSIDE", outside.Path.TrimStart('/'), StringComparison.Ordinal)));

        var error = await Assert.ThrowsAsync<LocalRunException>(() => project.Runner().RunAsync(definition.ToJsonString(), "local-test"));

        Assert.True(error.Message.Contains(code, StringComparison.Ordinal), $"{kind}: {error.Message}");
        Assert.Contains("nothing ran", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(project.Root, ".mlpipeline", "runs")), $"{kind}: a run folder was made");
        Assert.Empty(Directory.EnumerateFileSystemEntries(outside.Path));
    }

    /// <summary>Parameter values are checked where they are used, like the literals they stand for.</summary>
    public static TheoryData<string, string, string> HostileParameters() => new()
    {
        { "InputData", "/etc/", "SMP020" },
        { "InputData", "s3://local-bucket/../../../../etc", "SMP101" },
        { "InputData", "s3:///data.csv", "SMP101" },
        { "Count", "0", "SMP024" },
        { "Count", "101", "SMP024" },
    };

    [Theory]
    [MemberData(nameof(HostileParameters))]
    public async Task A_parameter_value_that_breaks_a_rule_stops_the_run_before_any_step(string name, string value, string code)
    {
        using var project = new LocalProject();
        var definition = JsonNode.Parse(project.Pipeline().ToJson())!;
        definition["Parameters"]!.AsArray().Add(new JsonObject { ["Name"] = "Count", ["Type"] = "Integer", ["DefaultValue"] = 1 });
        Set(definition, "Steps[0].Arguments.ProcessingResources.ClusterConfig.InstanceCount", new JsonObject { ["Get"] = "Parameters.Count" });

        var error = await Assert.ThrowsAsync<LocalRunException>(() =>
            project.Runner(parameters: new Dictionary<string, string> { [name] = value }).RunAsync(definition.ToJsonString(), "local-test"));

        Assert.True(error.Message.Contains(code, StringComparison.Ordinal), error.Message);
        Assert.False(Directory.Exists(Path.Combine(project.Root, ".mlpipeline", "runs")));
    }

    /// <summary>What a step's script leaves in its folders, or what sits in the store: a link or a device is never followed or read.</summary>
    public static TheoryData<string> HostileFiles() =>
    [
        "output holds a link to a secret", "output folder is a link", "output holds a FIFO", "training code archive holds a link",
        "training code archive climbs out", "model folder holds a link to a secret",
    ];

    [Theory]
    [MemberData(nameof(HostileFiles))]
    public async Task A_link_or_special_file_is_refused_and_nothing_outside_is_read_or_written(string kind)
    {
        using var project = new LocalProject();
        using var outside = new TempDirectory();
        var secret = Path.Combine(outside.Path, "secret.json");
        File.WriteAllText(secret, "{\"regression_metrics\": {\"mse\": {\"value\": 0.0}}, \"token\": \"s3cr3t\"}");
        var evaluation = "/opt/ml/processing/evaluation";
        var (step, code) = kind switch
        {
            "output holds a link to a secret" => Script(project, "evaluate.py", $"import os\nos.symlink('{secret}', os.environ['MLPIPELINE_CONTAINER_ROOT'] + '{evaluation}/evaluation.json')\n", "Evaluate", "SMP103"),
            "output folder is a link" => Script(project, "evaluate.py", $"import os, shutil\nroot = os.environ['MLPIPELINE_CONTAINER_ROOT'] + '{evaluation}'\nshutil.rmtree(root)\nos.symlink('{outside.Path}', root)\n", "Evaluate", "SMP103"),
            "output holds a FIFO" => Script(project, "prepare.py", "import os\nos.mkfifo(os.environ['MLPIPELINE_CONTAINER_ROOT'] + '/opt/ml/processing/train/pipe')\nopen(os.environ['MLPIPELINE_CONTAINER_ROOT'] + '/opt/ml/processing/test/test.csv', 'w').write('x,y\\n')\n", "Prepare", "SMP103"),
            "training code archive holds a link" => Plant(() => ReplaceTrainingCode(project, TarEntryType.SymbolicLink, "train.py", secret), "Train", "SMP103"),
            "training code archive climbs out" => Plant(() => ReplaceTrainingCode(project, TarEntryType.RegularFile, $"../../../../../../../..{outside.Path}/planted.py", null), "Train", "SMP101"),
            "model folder holds a link to a secret" => Script(project, "train.py", $"import os\nos.symlink('{secret}', os.path.join(os.environ['SM_MODEL_DIR'], 'model.json'))\n", "Train", "SMP103"),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown case"),
        };
        var before = Directory.EnumerateFileSystemEntries(outside.Path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();

        var result = await project.Runner().RunAsync(project.Pipeline());

        Assert.Equal(LocalRunStatus.Failed, result.Status);
        Assert.True(result.Failure!.Contains($"Step '{step}' failed", StringComparison.Ordinal) && result.Failure.Contains(code, StringComparison.Ordinal), $"{kind}: {result.Failure}");
        Assert.Equal(before, Directory.EnumerateFileSystemEntries(outside.Path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
        var store = Path.Combine(project.Root, ".mlpipeline", "s3");
        Assert.DoesNotContain(Directory.EnumerateFiles(store, "*", SearchOption.AllDirectories).Where(f => new FileInfo(f).LinkTarget is null && !f.StartsWith(outside.Path, StringComparison.Ordinal)),
            f => File.ReadAllText(f).Contains("s3cr3t", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_bucket_that_is_a_link_out_of_the_store_stops_the_run_before_any_step()
    {
        using var project = new LocalProject();
        using var outside = new TempDirectory();
        var bucket = Path.Combine(project.Root, ".mlpipeline", "s3", LocalProject.Bucket);
        Directory.Move(bucket, outside.Combine("bucket"));
        File.CreateSymbolicLink(bucket, outside.Combine("bucket"));
        var before = Directory.EnumerateFiles(outside.Path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();

        var error = await Assert.ThrowsAsync<LocalRunException>(() => project.Runner().RunAsync(project.Pipeline()));

        Assert.Contains("SMP103", error.Message, StringComparison.Ordinal);
        Assert.Contains($"{bucket}' is a symbolic link", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, Directory.EnumerateFiles(outside.Path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
        Assert.Throws<LocalRunException>(() => project.Store.Put($"s3://{LocalProject.Bucket}/planted.csv", "x"u8));
        Assert.False(File.Exists(outside.Combine("bucket", "planted.csv")));
    }

    [Theory]
    [InlineData("the registry folder")]
    [InlineData("a group folder")]
    public async Task A_registry_folder_that_is_a_link_out_of_the_state_folder_is_never_written_through(string which)
    {
        using var project = new LocalProject();
        using var outside = new TempDirectory();
        await project.Runner().RunAsync(project.Pipeline());
        var registry = Path.Combine(project.Root, ".mlpipeline", "registry");
        var link = which == "the registry folder" ? registry : Path.Combine(registry, "local-models");
        Directory.Move(link, outside.Combine("moved"));
        File.CreateSymbolicLink(link, outside.Combine("moved"));
        var before = Directory.EnumerateFiles(outside.Path, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.ReadAllText);

        var run = await project.Runner().RunAsync(project.Pipeline());
        var approve = Assert.Throws<LocalRunException>(() => project.Runner().Registry.SetApprovalStatus("local-models", 1, "Approved"));

        Assert.Equal(LocalRunStatus.Failed, run.Status);
        Assert.Contains("SMP103", run.Failure, StringComparison.Ordinal);
        Assert.Contains($"{link}' is a symbolic link", approve.Message, StringComparison.Ordinal);
        Assert.Equal(before, Directory.EnumerateFiles(outside.Path, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.ReadAllText));
    }

    [Fact]
    public async Task Another_entrypoint_runs_only_when_the_user_allows_it()
    {
        using var project = new LocalProject();
        var definition = JsonNode.Parse(project.Pipeline().ToJson())!;
        Set(definition, "Steps[0].Arguments.AppSpecification.ContainerEntrypoint", JsonNode.Parse($"[\"env\", \"{LocalProject.Python}\", \"/opt/ml/processing/input/code/prepare.py\"]"));

        var refused = await Assert.ThrowsAsync<LocalRunException>(() => project.Runner().RunAsync(definition.ToJsonString(), "local-test"));
        var allowed = await new LocalRunner(new LocalRunOptions { ProjectRoot = project.Root, Python = LocalProject.Python, AllowedEntrypoints = ["env"] })
            .RunAsync(definition.ToJsonString(), "local-test");

        Assert.Contains("SMP102", refused.Message, StringComparison.Ordinal);
        Assert.Contains("--allow-entrypoint env", refused.Message, StringComparison.Ordinal);
        Assert.True(allowed.Succeeded, allowed.Failure);
    }

    private static (string Step, string Code) Plant(Action plant, string step, string code)
    {
        plant();
        return (step, code);
    }

    private static (string Step, string Code) Script(LocalProject project, string script, string text, string step, string code)
    {
        project.SetScript(script, text);
        return (step, code);
    }

    /// <summary>Puts a crafted source archive where the training step takes its code from.</summary>
    private static void ReplaceTrainingCode(LocalProject project, TarEntryType type, string name, string? linkTarget)
    {
        var uri = JsonNode.Parse(project.Pipeline().ToJson())!["Steps"]![1]!["Arguments"]!["HyperParameters"]!["sagemaker_submit_directory"]!.GetValue<string>().Trim('"');
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax))
        {
            var entry = new PaxTarEntry(type, name);
            if (linkTarget is not null)
            {
                entry.LinkName = linkTarget;
            }
            else
            {
                entry.DataStream = new MemoryStream("print('planted')\n"u8.ToArray());
            }

            tar.WriteEntry(entry);
        }

        // The training step reads a folder prefix in LocalProject; an archive URI makes it extract one.
        project.Store.Put(uri.TrimEnd('/') + "/sourcedir.tar.gz", buffer.ToArray());
        project.UseTrainingArchive(uri.TrimEnd('/') + "/sourcedir.tar.gz");
    }

    /// <summary>Sets the value at a path such as <c>Steps[0].Arguments.X</c>.</summary>
    private static void Set(JsonNode root, string path, JsonNode? value)
    {
        var segments = path.Replace("[", ".[", StringComparison.Ordinal).Split('.');
        var node = root;
        foreach (var segment in segments[..^1])
        {
            node = segment.StartsWith('[') ? node![int.Parse(segment.Trim('[', ']'), System.Globalization.CultureInfo.InvariantCulture)] : node![segment];
        }

        var last = segments[^1];
        if (last.StartsWith('['))
        {
            node![int.Parse(last.Trim('[', ']'), System.Globalization.CultureInfo.InvariantCulture)] = value;
        }
        else
        {
            node![last] = value;
        }
    }
}
