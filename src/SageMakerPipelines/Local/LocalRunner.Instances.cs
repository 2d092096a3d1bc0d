using System.Globalization;
using System.Text.Json.Nodes;

namespace MlPipeline.SageMakerPipelines.Local;

public sealed partial class LocalRunner
{
    /// <summary>
    /// One instance of a job (a processing job's ProcessingResources.ClusterConfig.InstanceCount, a training job's
    /// ResourceConfig.InstanceCount): its host name as SageMaker gives it (algo-1 … algo-N), the folder that stands
    /// for its container's root, its log, and where it reaches its peers (<see cref="PeerNetwork"/>). A job of one
    /// instance keeps the layout of earlier runs: container/ and the step's log.txt; with more, each has
    /// instances/algo-K/ and log-algo-K.txt, merged into log.txt at the end.
    /// </summary>
    private sealed record Instance(string Host, int Index, string Container, string LogPath, IReadOnlyDictionary<string, string> Network);

    private static List<Instance> Instances(JsonNode? count, string stepName, string folder, string logPath)
    {
        var instances = 1;
        if (count is not null && (!int.TryParse(RunValues.Text(count), NumberStyles.None, CultureInfo.InvariantCulture, out instances) || instances < 1))
        {
            throw new LocalRunException(stepName, $"its InstanceCount is '{RunValues.Text(count)}'; it must be a whole number of at least 1.");
        }

        if (instances == 1)
        {
            return [new Instance("algo-1", 0, Path.Combine(folder, "container"), logPath, new Dictionary<string, string>())];
        }

        var network = PeerNetwork();
        return Enumerable.Range(1, instances)
            .Select(i => new Instance($"algo-{i}", i - 1, Path.Combine(folder, "instances", $"algo-{i}"), Path.Combine(folder, $"log-algo-{i}.txt"), network))
            .ToList();
    }

    /// <summary>What each instance finds in its resource configuration file: its own host name and every host's.</summary>
    private static string ResourceConfig(Instance instance, IReadOnlyList<Instance> instances, string? instanceType)
    {
        var config = new JsonObject
        {
            ["current_host"] = instance.Host,
            ["hosts"] = Hosts(instances),
        };
        if (instanceType is not null)
        {
            config["current_instance_type"] = instanceType;
        }

        return config.ToJsonString();
    }

    /// <summary>Every host name of a job, as the resource configuration and SM_HOSTS list them.</summary>
    private static JsonArray Hosts(IReadOnlyList<Instance> instances) => new(instances.Select(i => (JsonNode?)i.Host).ToArray());

    /// <summary>
    /// Where the instances of a job of several reach each other. On SageMaker each host name (algo-K) resolves to its
    /// own machine, and a peer service may listen on a fixed port of the script's choice; here every instance is this
    /// machine and jobs share its ports. So each instance gets MLPIPELINE_HOST_ADDRESS, the address of every host of
    /// the job (127.0.0.1), and MLPIPELINE_PORT, a port free when the job starts, for the job's peer service (a
    /// distributed framework's tracker). A script uses them when they are set and the host names and its own port when
    /// they are not, as in SageMaker. A job of one instance gets neither.
    /// </summary>
    private static Dictionary<string, string> PeerNetwork()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new(StringComparer.Ordinal)
        {
            ["MLPIPELINE_HOST_ADDRESS"] = System.Net.IPAddress.Loopback.ToString(),
            ["MLPIPELINE_PORT"] = port.ToString(CultureInfo.InvariantCulture),
        };
    }

    /// <summary>An instance's process environment: the step's (<see cref="StepEnvironment"/>) in its container, and its peer network.</summary>
    private static Dictionary<string, string> InstanceEnvironment(JsonNode? declared, Instance instance)
    {
        var environment = StepEnvironment(declared, instance.Container);
        foreach (var (name, value) in instance.Network)
        {
            environment[name] = value;
        }

        return environment;
    }

    /// <summary>
    /// Copies an input to every instance of a job (<paramref name="local"/>: its folder in each) as its distribution
    /// type says: FullyReplicated (the default) gives every instance every object; ShardedByS3Key gives each about
    /// 1/N of the objects, none to two instances (object K, in key order, goes to instance K mod N; an instance may
    /// get none when there are fewer objects than instances, and then finds an empty folder).
    /// </summary>
    /// <returns>How many objects the instances got in all.</returns>
    private int Download(IReadOnlyList<Instance> instances, string uri, Func<Instance, string> local, string? distribution) =>
        instances.Sum(instance =>
        {
            var folder = local(instance);
            Directory.CreateDirectory(folder);
            return distribution == "ShardedByS3Key"
                ? Store.Download(uri, folder, instance.Index, instances.Count)
                : Store.Download(uri, folder);
        });

    /// <summary>
    /// Runs a job's instances side by side, as SageMaker does: one instance's process each. The first instance that
    /// fails stops the others and the job fails with its message (naming the instance when there are several); a
    /// cancelled run stops them all. The instances' logs are then appended to the step's log, each under its host.
    /// </summary>
    private static async Task<ChildProcess.Outcome> RunInstancesAsync(
        string stepName, IReadOnlyList<Instance> instances, JsonObject arguments, string logPath,
        Func<Instance, CancellationToken, Task<ChildProcess.Outcome>> start, CancellationToken cancellationToken)
    {
        if (instances.Count == 1)
        {
            var outcome = await start(instances[0], cancellationToken);
            CheckExit(stepName, outcome, arguments, logPath);
            return outcome;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var outcomes = await Task.WhenAll(instances.Select(async instance =>
        {
            try
            {
                var outcome = await start(instance, stop.Token);
                if (outcome.ExitCode != 0)
                {
                    await stop.CancelAsync();
                }

                return outcome;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return null; // stopped because another instance failed
            }
        }));
        await using (var log = new StreamWriter(logPath, append: true))
        {
            foreach (var instance in instances.Where(i => File.Exists(i.LogPath)))
            {
                await log.WriteLineAsync($"[mlpipeline] instance {instance.Host} of {instances.Count}:");
                foreach (var line in File.ReadLines(instance.LogPath))
                {
                    await log.WriteLineAsync(line);
                }
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        foreach (var (instance, outcome) in instances.Zip(outcomes))
        {
            if (outcome is not null && ExitProblem(outcome, arguments, instance.LogPath) is { } problem)
            {
                throw new LocalRunException(stepName, $"on instance {instance.Host} of {instances.Count}, {problem}");
            }
        }

        return new ChildProcess.Outcome(0, TimedOut: false,
            outcomes.Max(o => o!.Elapsed), new TimeSpan(outcomes.Sum(o => o!.ProcessorTime.Ticks)));
    }

    /// <summary>
    /// Gathers what the instances wrote to one output folder (a processing output's LocalPath, /opt/ml/model), as
    /// SageMaker uploads every instance's folder to the same S3 prefix. Two instances that write one file name with
    /// different contents would overwrite each other there, so that is refused with the file named.
    /// </summary>
    /// <returns>(relative path, file) of every file, in key order.</returns>
    private static List<(string Key, string File)> Gather(string stepName, string what, IReadOnlyList<(Instance Instance, string Folder)> folders)
    {
        var found = new SortedDictionary<string, (Instance Instance, string File)>(StringComparer.Ordinal);
        foreach (var (instance, folder) in folders)
        {
            foreach (var (key, file) in LocalObjectStore.OutputFiles(folder))
            {
                if (!found.TryGetValue(key, out var earlier))
                {
                    found[key] = (instance, file);
                }
                else if (!LocalObjectStore.FileSha256(earlier.File).AsSpan().SequenceEqual(LocalObjectStore.FileSha256(file)))
                {
                    throw new LocalRunException(stepName,
                        $"instances {earlier.Instance.Host} and {instance.Host} both wrote '{key}' to {what}, with different contents; in SageMaker one would overwrite the other. "
                        + "Give each instance's file its own name, for example with the host name from the resource configuration (current_host).");
                }
            }
        }

        return found.Select(f => (f.Key, f.Value.File)).ToList();
    }
}
