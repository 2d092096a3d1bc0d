using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MlPipeline.SageMakerPipelines.Serialization;

namespace MlPipeline.SageMakerPipelines.Local;

/// <summary>
/// The local model registry: model package groups and their versions as JSON files under
/// <c>.mlpipeline/registry/GROUP/NNNN.json</c>. Every write is atomic and made under a lock, so concurrent
/// runs and a crash mid-write never lose or corrupt a version.
/// </summary>
/// <param name="root">The registry folder.</param>
public sealed partial class LocalModelRegistry(string root)
{
    private static readonly JsonSerializerOptions Indented = ReadableJson.Options;

    /// <summary>The registry folder.</summary>
    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>Adds a version to a group (made when needed) with the next version number.</summary>
    /// <param name="group">The model package group.</param>
    /// <param name="approvalStatus">The new version's approval status.</param>
    /// <param name="document">What to record; the registry adds group, version, ARN, status and time.</param>
    public ModelPackage Register(string group, string approvalStatus, JsonObject document)
    {
        CheckGroup(group);
        CheckStatus(approvalStatus);
        using var _ = Lock();
        var version = VersionNumbers(group).DefaultIfEmpty(0).Max() + 1;
        document["ModelPackageGroupName"] = group;
        document["ModelPackageVersion"] = version;
        document["ModelPackageArn"] = ModelPackage.ArnOf(group, version);
        document["ModelApprovalStatus"] = approvalStatus;
        document["CreationTime"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
        document["ApprovalHistory"] = new JsonArray(History(approvalStatus, "registered"));
        AtomicFile.WriteText(PathOf(group, version), document.ToJsonString(Indented));
        return new ModelPackage(group, version, approvalStatus, document);
    }

    /// <summary>The groups, by name.</summary>
    public IReadOnlyList<string> Groups() =>
        Directory.Exists(Root)
            ? Directory.EnumerateDirectories(Root).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList()
            : [];

    /// <summary>The versions of a group, oldest first.</summary>
    /// <param name="group">The group.</param>
    /// <exception cref="LocalRunException">A version file cannot be read; the message names it.</exception>
    public IReadOnlyList<ModelPackage> Versions(string group) =>
        VersionNumbers(group).Order().Select(v => Get(group, v)).ToList();

    /// <summary>Every version that a local run registered, by that run's id (groups in order, versions oldest first).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<ModelPackage>> VersionsByRun() =>
        Groups().SelectMany(Versions).Where(v => v.RunId is not null)
            .GroupBy(v => v.RunId!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<ModelPackage>)[.. g], StringComparer.Ordinal);

    /// <summary>One version.</summary>
    /// <param name="group">The group.</param>
    /// <param name="version">The version.</param>
    /// <exception cref="LocalRunException">No such version, or its file is damaged.</exception>
    public ModelPackage Get(string group, int version)
    {
        CheckGroup(group);
        var path = PathOf(group, version);
        if (!File.Exists(path))
        {
            throw new LocalRunException($"Model package group '{group}' has no version {version}; `registry list` shows what there is.");
        }

        try
        {
            var document = JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new JsonException("not a JSON object");
            return new ModelPackage(group, version, document["ModelApprovalStatus"]?.GetValue<string>() ?? "Unknown", document);
        }
        catch (JsonException e)
        {
            throw new LocalRunException($"The registry file {path} is damaged ({e.Message}); restore it from version control or delete it. Other versions are unaffected.", e);
        }
    }

    /// <summary>
    /// Approves or rejects a version (or puts it back to pending), recording who changed it when; a version that
    /// already has the status is left as it is (no history entry).
    /// </summary>
    /// <param name="group">The group.</param>
    /// <param name="version">The version.</param>
    /// <param name="approvalStatus">Approved, Rejected or PendingManualApproval.</param>
    /// <param name="note">Why, for the history.</param>
    public ModelPackage SetApprovalStatus(string group, int version, string approvalStatus, string? note = null)
    {
        CheckStatus(approvalStatus);
        using var _ = Lock();
        var package = Get(group, version);
        if (package.ApprovalStatus == approvalStatus)
        {
            return package;
        }

        var document = package.Document;
        document["ModelApprovalStatus"] = approvalStatus;
        var history = document["ApprovalHistory"] as JsonArray ?? [];
        history.Add(History(approvalStatus, note ?? "changed"));
        document["ApprovalHistory"] = history;
        AtomicFile.WriteText(PathOf(group, version), document.ToJsonString(Indented));
        return package with { ApprovalStatus = approvalStatus };
    }

    private IEnumerable<int> VersionNumbers(string group)
    {
        var folder = Path.Combine(Root, group);
        return Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*.json")
                .Select(Path.GetFileNameWithoutExtension)
                .Where(n => n is not null && VersionFile().IsMatch(n))
                .Select(n => int.Parse(n!, CultureInfo.InvariantCulture))
            : [];
    }

    private string PathOf(string group, int version)
    {
        // As the object store: no symbolic link on the way, so a version file is never written or read outside the registry.
        var path = Path.Combine(Root, group, version.ToString("D4", CultureInfo.InvariantCulture) + ".json");
        LocalSandbox.CheckNoLinks(Root, path, $"version {version} of {group}");
        return path;
    }

    private static JsonObject History(string status, string note) => new()
    {
        ["Status"] = status,
        ["Time"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
        ["User"] = Environment.UserName,
        ["Note"] = note,
    };

    private FileStream Lock()
    {
        LocalSandbox.CheckNoLinks(Root, Root, "the local registry");
        Directory.CreateDirectory(Root);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                return new FileStream(Path.Combine(Root, ".lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            // Stryker disable once Equality,Block : < and <= differ only at the very tick of the 30-second deadline; without the pause the wait only spins
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                // Stryker disable once Statement : without the pause the wait spins until the lock is free; the outcome is the same
                Thread.Sleep(50);
            }
        }
    }

    private static void CheckGroup(string group)
    {
        if (!GroupName().IsMatch(group))
        {
            throw new LocalRunException($"'{group}' is not a model package group name (1 to 63 letters, digits and hyphens).");
        }
    }

    private static void CheckStatus(string status)
    {
        if (status is not ("Approved" or "Rejected" or "PendingManualApproval"))
        {
            throw new LocalRunException($"'{status}' is not an approval status: Approved, Rejected or PendingManualApproval.");
        }
    }

    [GeneratedRegex("^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$")]
    private static partial Regex GroupName();

    [GeneratedRegex("^[0-9]{4,}$")]
    private static partial Regex VersionFile();
}
