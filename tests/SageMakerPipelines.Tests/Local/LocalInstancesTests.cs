using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using MlPipeline.SageMakerPipelines.Local;

namespace MlPipeline.SageMakerPipelines.Tests.Local;

/// <summary>
/// Jobs of several instances run locally as SageMaker runs them: one process per instance, each with its own
/// container, its share of a ShardedByS3Key input, every object of a FullyReplicated one, and its host in the
/// resource configuration (and, for training, SM_HOSTS and SM_CURRENT_HOST).
/// </summary>
public class LocalInstancesTests
{
    private static readonly Parameter<long> Instances = Parameter.Integer("ProcessingInstanceCount", 3);

    // Writes what its instance saw to parts/part-HOST.json; MODE=same writes one file name on every instance.
    private const string ShardScript = """
        import argparse, json, os, sys
        parser = argparse.ArgumentParser()
        parser.add_argument("--root", required=True)
        parser.add_argument("--mode", default="parts")
        args = parser.parse_args()
        config = json.load(open(os.path.join(os.environ["MLPIPELINE_CONTAINER_ROOT"], "opt/ml/config/resourceconfig.json")))
        host = config["current_host"]
        seen = {name: sorted(os.listdir(os.path.join(args.root, name))) for name in ("shard", "single", "full")}
        if args.mode == "fail" and host == "algo-2":
            print("algo-2 found a bad row", file=sys.stderr)
            sys.exit(65)
        if args.mode == "fail":
            import time
            time.sleep(30)
            print("finished")
        name = "result.json" if args.mode == "same" else f"part-{host}.json"
        with open(os.path.join(args.root, "parts", name), "w") as f:
            json.dump({"host": host, "hosts": config["hosts"], "seen": seen, "pid": os.getpid(), "peer": [os.environ.get("MLPIPELINE_HOST_ADDRESS"), os.environ.get("MLPIPELINE_PORT")]}, f)
        # A marker every instance writes with the same content: SageMaker's overwrite changes nothing.
        open(os.path.join(args.root, "parts", "_SUCCESS"), "w").close()
        """;

    private static (LocalProject Project, Pipeline Pipeline) ShardProject(string mode = "parts")
    {
        var project = new LocalProject();
        project.SetScript("shard.py", ShardScript);
        var store = project.Store;
        for (var i = 0; i < 7; i++)
        {
            store.Put($"s3://{LocalProject.Bucket}/raw/file-{i}.csv", Encoding.UTF8.GetBytes($"x\n{i}\n"));
        }

        store.Put($"s3://{LocalProject.Bucket}/one/only.csv", "x\n1\n"u8);
        store.Put($"s3://{LocalProject.Bucket}/lookup/table.csv", "k,v\n"u8);
        var sharded = new ProcessingS3Input { S3Uri = "", LocalPath = "", S3DataType = S3DataType.S3Prefix, S3InputMode = S3InputMode.File, S3DataDistributionType = S3DataDistributionType.ShardedByS3Key };
        ProcessingInput Sharded(string name, string uri) => new()
        {
            InputName = name,
            S3Input = sharded with { S3Uri = uri, LocalPath = $"/opt/ml/processing/{name}" },
        };

        var step = project.Processing("Shard", "shard.py",
            [Sharded("shard", $"s3://{LocalProject.Bucket}/raw"), Sharded("single", $"s3://{LocalProject.Bucket}/one"), LocalProject.Input("full", $"s3://{LocalProject.Bucket}/lookup", "/opt/ml/processing/full")],
            ["parts"], ["--mode", mode], 120);
        step = step with
        {
            Arguments = step.Arguments with
            {
                ProcessingResources = new ProcessingResources { ClusterConfig = new ProcessingClusterConfig { InstanceType = "ml.m5.large", InstanceCount = Instances, VolumeSizeInGB = 10 } },
            },
        };
        return (project, new Pipeline { Name = "instances", Parameters = [Instances], Steps = [step] });
    }

    private static List<JsonNode> Parts(LocalProject project, LocalRunResult result) =>
        project.Store.List($"s3://{LocalProject.Bucket}/runs/{result.RunId}/Shard/parts")
            .Where(o => o.RelativeKey.StartsWith("part-", StringComparison.Ordinal))
            .Select(o => JsonNode.Parse(File.ReadAllText(o.File))!)
            .ToList();

    [Fact]
    public async Task Each_instance_gets_its_own_shard_every_replicated_object_and_its_host_and_all_outputs_land_under_one_prefix()
    {
        var (project, pipeline) = ShardProject();
        using var _ = project;

        var result = await project.Runner().RunAsync(pipeline);

        Assert.True(result.Succeeded, result.Failure);
        var parts = Parts(project, result);
        Assert.Equal(["algo-1", "algo-2", "algo-3"], parts.Select(p => p["host"]!.GetValue<string>()));
        Assert.All(parts, p => Assert.Equal("""["algo-1","algo-2","algo-3"]""", p["hosts"]!.ToJsonString()));
        Assert.Equal(3, parts.Select(p => p["pid"]!.GetValue<int>()).Distinct().Count());
        // The instances reach each other at one address and the job's port.
        var peer = Assert.Single(parts.Select(p => p["peer"]!.ToJsonString()).Distinct());
        Assert.Matches("""^\["127\.0\.0\.1","[1-9][0-9]*"\]$""", peer);
        // ShardedByS3Key: the 7 objects split 3/2/2, none on two instances; with one object, one instance gets it and
        // the others find an empty folder. FullyReplicated: every instance gets every object.
        var shards = parts.Select(p => p["seen"]!["shard"]!.AsArray().Select(f => f!.GetValue<string>()).ToList()).ToList();
        Assert.Equal([3, 2, 2], shards.Select(s => s.Count));
        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"file-{i}.csv"), shards.SelectMany(s => s).Order(StringComparer.Ordinal));
        Assert.Equal([1, 0, 0], parts.Select(p => p["seen"]!["single"]!.AsArray().Count));
        Assert.All(parts, p => Assert.Equal("""["table.csv"]""", p["seen"]!["full"]!.ToJsonString()));
        var lineage = JsonNode.Parse(File.ReadAllText(result.LineagePath))!["Steps"]!["Shard"]!;
        Assert.Equal(3, lineage["InstanceCount"]!.GetValue<int>());
        // The step's log holds each instance's log under its host.
        var log = File.ReadAllText(Path.Combine(result.RunFolder, "steps", "Shard", "log.txt"));
        Assert.Contains("[mlpipeline] instance algo-3 of 3:", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_instance_gets_every_object_of_a_sharded_input_and_keeps_the_single_container_layout()
    {
        var (project, pipeline) = ShardProject();
        using var _ = project;

        var result = await project.Runner(new Dictionary<string, string> { ["ProcessingInstanceCount"] = "1" }).RunAsync(pipeline);

        Assert.True(result.Succeeded, result.Failure);
        var part = Assert.Single(Parts(project, result));
        Assert.Equal(7, part["seen"]!["shard"]!.AsArray().Count);
        Assert.Equal("""["algo-1"]""", part["hosts"]!.ToJsonString());
        Assert.Equal("[null,null]", part["peer"]!.ToJsonString());
        Assert.True(Directory.Exists(Path.Combine(result.RunFolder, "steps", "Shard", "container")));
        Assert.False(Directory.Exists(Path.Combine(result.RunFolder, "steps", "Shard", "instances")));
    }

    [Fact]
    public async Task Two_instances_that_write_one_file_name_with_different_contents_fail_the_step_with_the_file_and_hosts_named()
    {
        var (project, pipeline) = ShardProject("same");
        using var _ = project;

        var result = await project.Runner().RunAsync(pipeline);

        Assert.False(result.Succeeded);
        Assert.Contains("instances algo-1 and algo-2 both wrote 'result.json' to output 'parts', with different contents", result.Failure, StringComparison.Ordinal);
        Assert.Contains("current_host", result.Failure, StringComparison.Ordinal);
        Assert.Empty(project.Store.List($"s3://{LocalProject.Bucket}/runs/{result.RunId}/Shard/parts"));
    }

    [Fact]
    public async Task The_first_instance_that_fails_stops_the_others_and_the_failure_names_it()
    {
        var (project, pipeline) = ShardProject("fail");
        using var _ = project;

        var result = await project.Runner().RunAsync(pipeline);

        Assert.False(result.Succeeded);
        Assert.Contains("on instance algo-2 of 3, its script exited with code 65: algo-2 found a bad row", result.Failure, StringComparison.Ordinal);
        // The others were sleeping for 30 s: they were stopped, not waited for.
        var log = File.ReadAllText(Path.Combine(result.RunFolder, "steps", "Shard", "log.txt"));
        Assert.DoesNotContain("finished", log, StringComparison.Ordinal);
    }

    // Reports what its instance saw; the others tell algo-1 their host over the job's peer network (as a distributed
    // framework's workers reach its tracker), and only algo-1 saves the model, with what it heard.
    private const string DistributedTrainScript = """
        import json, os, socket, time
        host = os.environ["SM_CURRENT_HOST"]
        hosts = json.loads(os.environ["SM_HOSTS"])
        config = json.load(open(os.path.join(os.environ["SM_INPUT_CONFIG_DIR"], "resourceconfig.json")))
        assert config["current_host"] == host and config["hosts"] == hosts, (config, host, hosts)
        files = sorted(os.listdir(os.environ["SM_CHANNEL_TRAIN"]))
        print(f"{host} of {','.join(hosts)} trains on {' '.join(files)} with {os.environ['SM_NUM_CPUS']} cores")
        print(f"train_mse={len(files)}.0")
        peer = (os.environ["MLPIPELINE_HOST_ADDRESS"], int(os.environ["MLPIPELINE_PORT"]))
        if host == hosts[0]:
            server = socket.create_server(peer)
            heard = []
            for _ in hosts[1:]:
                connection, _ = server.accept()
                heard.append(connection.recv(64).decode())
            with open(os.path.join(os.environ["SM_MODEL_DIR"], "model.json"), "w") as f:
                json.dump({"hosts": hosts, "heard": sorted(heard)}, f)
        else:
            for attempt in range(100):
                try:
                    with socket.create_connection(peer) as connection:
                        connection.sendall(host.encode())
                    break
                except ConnectionRefusedError:
                    time.sleep(0.1)
        """;

    [Fact]
    public async Task A_training_job_of_several_instances_runs_each_with_its_host_and_shard_and_packs_what_they_saved()
    {
        using var project = new LocalProject(trainScript: DistributedTrainScript);
        for (var i = 0; i < 4; i++)
        {
            project.Store.Put($"s3://{LocalProject.Bucket}/train/part-{i}.csv", "x\n1\n"u8);
        }

        var pipeline = project.Pipeline();
        var train = (TrainingStep)pipeline.Steps.Single(s => s.Name == "Train");
        train = train with
        {
            Arguments = train.Arguments with
            {
                ResourceConfig = new ResourceConfig { InstanceType = "ml.m5.large", InstanceCount = 2, VolumeSizeInGB = 10 },
                InputDataConfig =
                [
                    new Channel
                    {
                        ChannelName = "train",
                        DataSource = new DataSource { S3DataSource = new S3DataSource { S3DataType = S3DataType.S3Prefix, S3Uri = $"s3://{LocalProject.Bucket}/train", S3DataDistributionType = S3DataDistributionType.ShardedByS3Key } },
                    },
                ],
            },
        };

        var result = await project.Runner().RunAsync(new Pipeline { Name = "distributed", Parameters = [LocalProject.Seed], Steps = [train] });

        Assert.True(result.Succeeded, result.Failure);
        var log = File.ReadAllText(Path.Combine(result.RunFolder, "steps", "Train", "log.txt"));
        var cores = Math.Max(1, Environment.ProcessorCount / 2);
        Assert.Contains($"algo-1 of algo-1,algo-2 trains on part-0.csv part-2.csv with {cores} cores", log, StringComparison.Ordinal);
        Assert.Contains($"algo-2 of algo-1,algo-2 trains on part-1.csv part-3.csv with {cores} cores", log, StringComparison.Ordinal);
        var model = result.Steps.Single(s => s.Name == "Train").Model!;
        var entries = Entries(project.Store.PathOf(model.S3Uri));
        Assert.Equal(["model.json"], entries.Keys);
        // algo-2 reached algo-1 at the job's peer address and port.
        Assert.Equal("""{"hosts": ["algo-1", "algo-2"], "heard": ["algo-2"]}""", entries["model.json"]);
    }

    private static Dictionary<string, string> Entries(string archive)
    {
        using var gzip = new GZipStream(File.OpenRead(archive), CompressionMode.Decompress);
        using var reader = new TarReader(gzip);
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.GetNextEntry() is { } entry)
        {
            using var content = new StreamReader(entry.DataStream!);
            entries.Add(entry.Name, content.ReadToEnd());
        }

        return entries;
    }
}
