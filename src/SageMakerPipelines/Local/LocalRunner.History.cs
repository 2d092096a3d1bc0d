using System.Text.Json;
using System.Text.Json.Nodes;
using MlPipeline.SageMakerPipelines.Definition;

namespace MlPipeline.SageMakerPipelines.Local;

public sealed partial class LocalRunner
{
    private const string LockFile = "runner.lock";

    /// <summary>Every local run of the project, newest first, each with the status it really has.</summary>
    /// <remarks>
    /// A runner holds a lock on its run's <c>runner.lock</c> while it runs; the operating system releases it when the
    /// runner ends, however it ends. A record that says Running while nobody holds the lock is shown as Interrupted.
    /// </remarks>
    public IReadOnlyList<LocalRunRecord> Runs()
    {
        var runs = Path.Combine(options.StateFolder, "runs");
        return Directory.Exists(runs)
            // By start time: two runs can start within one second, and the random part of their ids does not say which came first.
            ? Directory.EnumerateDirectories(runs).Select(Read).OfType<LocalRunRecord>()
                .OrderByDescending(r => r.StartTime ?? "", StringComparer.Ordinal).ThenByDescending(r => r.RunId, StringComparer.Ordinal).ToList()
            : [];
    }

    /// <summary>Rewrites the record of every run whose runner is gone from Running to Interrupted; returns those runs.</summary>
    public IReadOnlyList<LocalRunRecord> MarkInterruptedRuns()
    {
        var marked = new List<LocalRunRecord>();
        foreach (var run in Runs().Where(r => r.Status == LocalRunStatus.Interrupted))
        {
            var path = Path.Combine(run.Folder, "run.json");
            using var held = TryLock(run.Folder);
            if (held is null || ReadRecord(run.Folder) is not { } record || StatusOf(record) != LocalRunStatus.Running)
            {
                continue;
            }

            record["Status"] = LocalRunStatus.Interrupted.ToString();
            record["Failure"] = "The runner stopped without finishing the run (it was killed, or the machine stopped); finished steps are kept, and a rerun reuses them from the cache.";
            AtomicFile.WriteText(path, record.ToJsonString(Indented));
            marked.Add(run with { Failure = record["Failure"]!.GetValue<string>() });
        }

        return marked;
    }

    /// <summary>
    /// Deletes the folders of all but the <paramref name="keep"/> newest runs, except a run that a registered model
    /// version points to (its lineage stays readable) and a run that is still running. The step cache and the
    /// object store are left alone: a later run may still reuse what a deleted run made.
    /// </summary>
    /// <param name="keep">How many of the newest runs to keep, whatever they are.</param>
    /// <param name="dryRun">Only say what would be deleted.</param>
    /// <returns>Each older run, with whether it was (or would be) deleted and why a kept one stays.</returns>
    public IReadOnlyList<(LocalRunRecord Run, bool Deleted, string? KeptBecause)> Prune(int keep, bool dryRun = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(keep);
        var registered = Registry.VersionsByRun();
        var result = new List<(LocalRunRecord, bool, string?)>();
        foreach (var run in Runs().Skip(keep))
        {
            if (registered.TryGetValue(run.RunId, out var versions))
            {
                result.Add((run, false, $"{string.Join(", ", versions.Select(v => $"{v.Group} version {v.Version}"))} points to it"));
                continue;
            }

            using var held = run.Status == LocalRunStatus.Running ? null : TryLock(run.Folder);
            if (run.Status == LocalRunStatus.Running || held is null)
            {
                result.Add((run, false, "it is running"));
                continue;
            }

            if (!dryRun)
            {
                held.Dispose();
                Directory.Delete(run.Folder, recursive: true);
            }

            result.Add((run, true, null));
        }

        return result;
    }

    /// <summary>A run's lineage (lineage.json), or null if the run has none (it stopped before its end).</summary>
    /// <param name="runId">The run.</param>
    public JsonObject? Lineage(string runId)
    {
        // Only a listed run: the id never becomes a path of its own (no ../ out of the runs folder).
        var run = Runs().FirstOrDefault(r => r.RunId == runId)
            ?? throw new LocalRunException($"There is no local run '{runId}'; `runs` lists them.");
        var path = Path.Combine(run.Folder, "lineage.json");
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) as JsonObject;
        }
        catch (JsonException e)
        {
            throw new LocalRunException($"The lineage of run {runId} ({path}) is damaged: {e.Message}", e);
        }
    }

    /// <summary>The lock that says this run's runner is alive, held until the run is recorded.</summary>
    private static FileStream HoldRunLock(string folder) =>
        new(Path.Combine(folder, LockFile), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);

    /// <summary>The run's lock if nobody holds it (its runner is gone), else null.</summary>
    private static FileStream? TryLock(string folder)
    {
        try
        {
            return new FileStream(Path.Combine(folder, LockFile), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static LocalRunRecord? Read(string folder)
    {
        var record = ReadRecord(folder);
        if (record is null || StatusOf(record) is not { } status)
        {
            return null;
        }

        string? Text(string key) => JsonText.Of(record[key]);
        var host = JsonText.Of(record["Runner"]?["Host"]) ?? Environment.MachineName;
        if (status == LocalRunStatus.Running && host == Environment.MachineName)
        {
            using var held = TryLock(folder);
            if (held is not null)
            {
                // Nobody holds the lock: read again, in case the runner finished between the two looks.
                var again = ReadRecord(folder) is { } now ? StatusOf(now) ?? status : status;
                status = again == LocalRunStatus.Running ? LocalRunStatus.Interrupted : again;
            }
        }

        return new LocalRunRecord(Text("RunId") ?? Path.GetFileName(folder), Text("PipelineName") ?? "", status, Text("Failure"), Text("StartTime"), folder);
    }

    /// <summary>The status a run.json records, or null when it names none this library writes (the record is damaged).</summary>
    private static LocalRunStatus? StatusOf(JsonObject record) =>
        Enum.GetValues<LocalRunStatus>().Select(s => (LocalRunStatus?)s).FirstOrDefault(s => s.ToString() == JsonText.Of(record["Status"]));

    /// <summary>A run's run.json, or null if it is missing or damaged (such a run is left out of listings).</summary>
    private static JsonObject? ReadRecord(string folder)
    {
        try
        {
            return JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "run.json"))) as JsonObject;
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
