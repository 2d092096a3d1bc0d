using System.Globalization;
using System.Text.Json.Nodes;
using MlPipeline.SageMakerPipelines.Local;
using MlPipeline.Tests.Shared;

namespace MlPipeline.SageMakerPipelines.Tests.Local;

/// <summary>
/// The local model registry as `registry list/show/approve/reject` and a deploy read it: version numbers, approval
/// status and its history, and which run made each version. A wrong answer here deploys the wrong model.
/// </summary>
public sealed class LocalModelRegistryTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    private LocalModelRegistry Registry() => new(_temp.Combine("registry"));

    private static JsonObject Made(string runId) => new() { ["Lineage"] = new JsonObject { ["RunId"] = runId } };

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Versions_are_numbered_per_group_from_one_and_recorded_with_group_arn_status_and_time()
    {
        var registry = Registry();

        var first = registry.Register("churn-models", "PendingManualApproval", Made("run-1"));
        var other = registry.Register("Other", "Approved", []);
        var second = registry.Register("churn-models", "Approved", Made("run-2"));

        Assert.Equal((1, 1, 2), (first.Version, other.Version, second.Version));
        Assert.Equal("arn:aws:sagemaker:local:000000000000:model-package/other/1", other.Arn);
        var stored = registry.Get("churn-models", 2);
        Assert.Equal(("Approved", "run-2"), (stored.ApprovalStatus, stored.RunId));
        Assert.Equal("churn-models", stored.Document["ModelPackageGroupName"]!.GetValue<string>());
        Assert.Equal(2, stored.Document["ModelPackageVersion"]!.GetValue<int>());
        Assert.Equal("arn:aws:sagemaker:local:000000000000:model-package/churn-models/2", stored.Document["ModelPackageArn"]!.GetValue<string>());
        Assert.InRange(stored.CreationTime!.Value, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
        var history = Assert.Single(stored.Document["ApprovalHistory"]!.AsArray())!;
        // Times are ISO 8601 round-trip text (as SageMaker's CreationTime), so any tool reads them the same way.
        foreach (var time in new[] { stored.Document["CreationTime"]!, history["Time"]! })
        {
            Assert.Equal(TimeSpan.Zero, DateTimeOffset.ParseExact(time.GetValue<string>(), "O", CultureInfo.InvariantCulture).Offset);
        }

        Assert.Equal(("Approved", "registered", Environment.UserName), (history["Status"]!.GetValue<string>(), history["Note"]!.GetValue<string>(), history["User"]!.GetValue<string>()));
        Assert.True(File.Exists(Path.Combine(registry.Root, "churn-models", "0002.json")));
    }

    [Fact]
    public void A_new_version_follows_the_highest_even_when_an_earlier_one_was_deleted()
    {
        var registry = Registry();
        foreach (var _ in Enumerable.Range(0, 3))
        {
            registry.Register("g", "Approved", []);
        }

        File.Delete(Path.Combine(registry.Root, "g", "0002.json"));

        Assert.Equal(4, registry.Register("g", "Approved", []).Version);
        Assert.Equal([1, 3, 4], registry.Versions("g").Select(v => v.Version));
    }

    [Fact]
    public void Versions_come_oldest_first_past_9999_and_other_files_in_the_group_are_not_versions()
    {
        var registry = Registry();
        registry.Register("g", "Approved", []);
        var folder = Path.Combine(registry.Root, "g");
        File.Copy(Path.Combine(folder, "0001.json"), Path.Combine(folder, "10000.json"));
        File.Copy(Path.Combine(folder, "0001.json"), Path.Combine(folder, "0009.json"));
        File.WriteAllText(Path.Combine(folder, "notes.json"), "{}");
        File.WriteAllText(Path.Combine(folder, "12.json"), "{}");
        File.WriteAllText(Path.Combine(folder, "0005.txt"), "notes on version 5");
        File.WriteAllText(Path.Combine(folder, "0003.json.tmp"), "{");

        Assert.Equal([1, 9, 10000], registry.Versions("g").Select(v => v.Version));
        Assert.Equal(10001, registry.Register("g", "Approved", []).Version);
    }

    [Fact]
    public void Groups_are_listed_by_name_and_an_empty_registry_has_none()
    {
        var registry = Registry();
        Assert.Empty(registry.Groups());
        Assert.Empty(registry.Versions("g"));

        registry.Register("b-models", "Approved", []);
        registry.Register("A-models", "Approved", []);
        registry.Register("a-models", "Approved", []);

        Assert.Equal(["A-models", "a-models", "b-models"], registry.Groups());
    }

    [Fact]
    public void Versions_are_found_by_the_run_that_registered_them()
    {
        var registry = Registry();
        registry.Register("a", "Approved", Made("run-1"));
        registry.Register("b", "Approved", Made("run-1"));
        registry.Register("a", "Approved", Made("run-2"));
        registry.Register("a", "Approved", []);

        var byRun = registry.VersionsByRun();

        Assert.Equal(["run-1", "run-2"], byRun.Keys.Order(StringComparer.Ordinal));
        Assert.Equal([("a", 1), ("b", 1)], byRun["run-1"].Select(v => (v.Group, v.Version)));
        Assert.Equal([("a", 2)], byRun["run-2"].Select(v => (v.Group, v.Version)));
    }

    [Fact]
    public void Approving_records_who_changed_it_why_and_keeps_the_change()
    {
        var registry = Registry();
        registry.Register("g", "PendingManualApproval", Made("run-1"));

        var approved = registry.SetApprovalStatus("g", 1, "Approved", "AUC 0.91 on the hold-out");
        var rejected = registry.SetApprovalStatus("g", 1, "Rejected");

        Assert.Equal(("Approved", "Rejected"), (approved.ApprovalStatus, rejected.ApprovalStatus));
        var stored = registry.Get("g", 1);
        Assert.Equal("Rejected", stored.ApprovalStatus);
        Assert.Equal(
            [("PendingManualApproval", "registered"), ("Approved", "AUC 0.91 on the hold-out"), ("Rejected", "changed")],
            stored.Document["ApprovalHistory"]!.AsArray().Select(h => (h!["Status"]!.GetValue<string>(), h["Note"]!.GetValue<string>())));
        Assert.Equal("run-1", stored.RunId);
    }

    [Fact]
    public void Setting_the_status_a_version_has_adds_no_history_entry()
    {
        var registry = Registry();
        registry.Register("g", "Approved", []);
        var before = File.ReadAllText(Path.Combine(registry.Root, "g", "0001.json"));

        var same = registry.SetApprovalStatus("g", 1, "Approved", "again");

        Assert.Equal("Approved", same.ApprovalStatus);
        Assert.Equal(before, File.ReadAllText(Path.Combine(registry.Root, "g", "0001.json")));
    }

    [Theory]
    [InlineData("approved")]
    [InlineData("Pending")]
    [InlineData("")]
    public void An_unknown_approval_status_is_refused_and_nothing_changes(string status)
    {
        var registry = Registry();
        registry.Register("g", "Approved", []);

        var register = Assert.Throws<LocalRunException>(() => registry.Register("g", status, []));
        var set = Assert.Throws<LocalRunException>(() => registry.SetApprovalStatus("g", 1, status));

        Assert.Equal($"'{status}' is not an approval status: Approved, Rejected or PendingManualApproval.", register.Message);
        Assert.Equal(register.Message, set.Message);
        Assert.Equal([("g", 1, "Approved")], registry.Versions("g").Select(v => (v.Group, v.Version, v.ApprovalStatus)));
    }

    [Theory]
    [InlineData("churn_models")]
    [InlineData("-churn")]
    [InlineData("churn-")]
    [InlineData("")]
    [InlineData("../outside")]
    [InlineData("a234567890123456789012345678901234567890123456789012345678901234")]
    public void A_group_name_SageMaker_refuses_is_refused(string group)
    {
        var registry = Registry();

        var error = Assert.Throws<LocalRunException>(() => registry.Register(group, "Approved", []));

        Assert.Equal($"'{group}' is not a model package group name (1 to 63 letters, digits and hyphens).", error.Message);
        Assert.Equal(error.Message, Assert.Throws<LocalRunException>(() => registry.Get(group, 1)).Message);
        Assert.False(Directory.Exists(registry.Root) && Directory.EnumerateDirectories(registry.Root).Any());
    }

    [Theory]
    [InlineData("a")]
    [InlineData("a--b")]
    [InlineData("A1-b2")]
    [InlineData("a23456789012345678901234567890123456789012345678901234567890123")]
    public void A_group_name_SageMaker_takes_is_taken(string group)
    {
        Assert.Equal(1, Registry().Register(group, "Approved", []).Version);
    }

    [Fact]
    public void A_missing_version_is_named_with_where_to_look()
    {
        var registry = Registry();
        registry.Register("g", "Approved", []);

        var error = Assert.Throws<LocalRunException>(() => registry.Get("g", 2));

        Assert.Equal("Model package group 'g' has no version 2; `registry list` shows what there is.", error.Message);
    }

    [Theory]
    [InlineData("{ not json", "(")]
    [InlineData("[1, 2]", "(not a JSON object)")]
    public void A_damaged_version_file_is_named_and_the_other_versions_still_read(string content, string why)
    {
        var registry = Registry();
        registry.Register("g", "Approved", []);
        registry.Register("g", "Rejected", []);
        var path = Path.Combine(registry.Root, "g", "0001.json");
        File.WriteAllText(path, content);

        var error = Assert.Throws<LocalRunException>(() => registry.Get("g", 1));

        Assert.StartsWith($"The registry file {path} is damaged {why}", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("restore it from version control or delete it. Other versions are unaffected.", error.Message, StringComparison.Ordinal);
        Assert.Equal("Rejected", registry.Get("g", 2).ApprovalStatus);
    }

    [Fact]
    public void A_version_without_a_status_reads_as_unknown()
    {
        var registry = Registry();
        registry.Register("g", "Approved", []);
        File.WriteAllText(Path.Combine(registry.Root, "g", "0001.json"), "{}");

        Assert.Equal("Unknown", registry.Get("g", 1).ApprovalStatus);
    }

    [Fact]
    public async Task Concurrent_registrations_get_distinct_versions_and_none_is_lost()
    {
        var root = _temp.Combine("registry");

        var packages = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Task.Run(() => new LocalModelRegistry(root).Register("g", "Approved", Made($"run-{i}")))));

        Assert.Equal(Enumerable.Range(1, 8), packages.Select(p => p.Version).Order());
        Assert.Equal(Enumerable.Range(0, 8).Select(i => $"run-{i}").Order(StringComparer.Ordinal),
            Registry().Versions("g").Select(v => v.RunId!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Approving_a_version_recorded_without_a_history_starts_one()
    {
        var registry = Registry();
        registry.Register("g", "PendingManualApproval", []);
        var path = Path.Combine(registry.Root, "g", "0001.json");
        var document = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        document.Remove("ApprovalHistory");
        File.WriteAllText(path, document.ToJsonString());

        registry.SetApprovalStatus("g", 1, "Approved", "checked by hand");

        var entry = Assert.Single(registry.Get("g", 1).Document["ApprovalHistory"]!.AsArray())!;
        Assert.Equal(("Approved", "checked by hand"), (entry["Status"]!.GetValue<string>(), entry["Note"]!.GetValue<string>()));
    }

    [Fact]
    public void A_version_file_that_is_a_link_is_neither_read_nor_written_through()
    {
        var registry = Registry();
        registry.Register("g", "PendingManualApproval", []);
        var outside = _temp.Combine("outside.json");
        File.WriteAllText(outside, """{"ModelApprovalStatus": "Approved"}""");
        var path = Path.Combine(registry.Root, "g", "0001.json");
        File.Delete(path);
        File.CreateSymbolicLink(path, outside);

        var read = Assert.Throws<LocalRunException>(() => registry.Get("g", 1));
        var write = Assert.Throws<LocalRunException>(() => registry.SetApprovalStatus("g", 1, "Rejected"));

        Assert.StartsWith($"SMP103 version 1 of g: '{path}' is a symbolic link (to '{outside}')", read.Message, StringComparison.Ordinal);
        Assert.Equal(read.Message, write.Message);
        Assert.Equal("""{"ModelApprovalStatus": "Approved"}""", File.ReadAllText(outside));
    }

    [Fact]
    public void A_registry_folder_that_is_a_link_is_never_written_through()
    {
        var outside = _temp.Combine("outside");
        Directory.CreateDirectory(outside);
        Directory.CreateSymbolicLink(_temp.Combine("registry"), outside);

        var error = Assert.Throws<LocalRunException>(() => Registry().Register("g", "Approved", []));

        Assert.StartsWith($"SMP103 the local registry: '{_temp.Combine("registry")}' is a symbolic link (to '{outside}')", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(outside));
    }

    [Fact]
    public async Task A_registration_waits_while_another_process_holds_the_registry_lock()
    {
        var registry = Registry();
        Directory.CreateDirectory(registry.Root);
        var held = new FileStream(Path.Combine(registry.Root, ".lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);

        var registering = Task.Run(() => registry.Register("g", "Approved", []));
        await Task.Delay(500);
        var waited = !registering.IsCompleted;
        await held.DisposeAsync();
        var package = await registering;

        Assert.True(waited, "the registration went ahead while the lock was held");
        Assert.Equal(1, package.Version);
    }
}
