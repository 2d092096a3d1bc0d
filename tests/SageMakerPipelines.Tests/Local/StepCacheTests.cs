using System.Text.Json.Nodes;
using MlPipeline.SageMakerPipelines.Local;
using MlPipeline.Tests.Shared;

namespace MlPipeline.SageMakerPipelines.Tests.Local;

/// <summary>
/// The step cache a rerun reads: a reused step must give the next steps the same properties and property files, and
/// the lineage of the run that made its result; a result whose outputs changed since must never be reused.
/// </summary>
public sealed class StepCacheTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly LocalObjectStore _store;
    private readonly StepCache _cache;

    public StepCacheTests()
    {
        _store = new LocalObjectStore(_temp.Combine("s3"));
        _cache = new StepCache(_temp.Combine("cache"), _store);
    }

    public void Dispose() => _temp.Dispose();

    private StepCache.Entry Made(string key = "abc123")
    {
        _store.Put("s3://b/runs/r1/Train/model.tar.gz", "model"u8);
        _store.Put("s3://b/runs/r1/Prepare/train/a.csv", "a"u8);
        _store.Put("s3://b/runs/r1/Prepare/train/b.csv", "b"u8);
        var outputs = new Dictionary<string, string>
        {
            ["s3://b/runs/r1/Train/model.tar.gz"] = _store.ContentHash("s3://b/runs/r1/Train/model.tar.gz"),
            ["s3://b/runs/r1/Prepare/train"] = _store.ContentHash("s3://b/runs/r1/Prepare/train"),
        };
        return new StepCache.Entry(
            key,
            new JsonObject { ["ModelArtifacts.S3ModelArtifacts"] = "s3://b/runs/r1/Train/model.tar.gz", ["TrainingJobStatus"] = "Completed" },
            new JsonObject { ["Report"] = new JsonObject { ["mse"] = 0.25 } },
            outputs,
            "r1",
            new JsonObject { ["Code"] = new JsonObject { ["Sha256"] = "c0de" }, ["ModelArtifact"] = new JsonObject { ["Sha256"] = "0123" } })
        {
            InputContent = new Dictionary<string, string> { ["s3://b/data/input.csv"] = "feed" },
        };
    }

    [Fact]
    public void A_saved_result_is_found_with_its_properties_files_outputs_run_input_content_and_lineage()
    {
        var made = Made();
        _cache.Save(made);

        var (found, stale) = _cache.Find("abc123");

        Assert.Null(stale);
        Assert.NotNull(found);
        Assert.Equal(("abc123", "r1"), (found.Key, found.RunId));
        Assert.True(JsonNode.DeepEquals(made.Properties, found.Properties), found.Properties.ToJsonString());
        Assert.True(JsonNode.DeepEquals(made.PropertyFiles, found.PropertyFiles), found.PropertyFiles.ToJsonString());
        Assert.True(JsonNode.DeepEquals(made.Lineage, found.Lineage), found.Lineage.ToJsonString());
        Assert.Equal(made.Outputs.OrderBy(o => o.Key, StringComparer.Ordinal), found.Outputs.OrderBy(o => o.Key, StringComparer.Ordinal));
        Assert.Equal(made.InputContent, found.InputContent);
    }

    [Fact]
    public void Saving_copies_the_entry_so_later_changes_to_the_runs_records_do_not_reach_the_cache()
    {
        var made = Made();
        _cache.Save(made);
        made.Lineage["Code"] = "changed";
        made.Properties.Remove("TrainingJobStatus");

        var (found, _) = _cache.Find("abc123");

        Assert.Equal("c0de", found!.Lineage["Code"]!["Sha256"]!.GetValue<string>());
        Assert.Equal("Completed", found.Properties["TrainingJobStatus"]!.GetValue<string>());
    }

    [Fact]
    public void Nothing_cached_under_a_key_is_no_entry_and_no_reason()
    {
        _cache.Save(Made());

        Assert.Equal((null, null), _cache.Find("other"));
    }

    [Theory]
    [InlineData("s3://b/runs/r1/Train/model.tar.gz", "changed")]
    [InlineData("s3://b/runs/r1/Train/model.tar.gz", "deleted")]
    [InlineData("s3://b/runs/r1/Prepare/train", "changed")]
    [InlineData("s3://b/runs/r1/Prepare/train", "deleted")]
    public void A_result_whose_output_changed_or_went_is_not_reused_and_the_reason_names_it(string output, string how)
    {
        _cache.Save(Made());
        var file = output.EndsWith("train", StringComparison.Ordinal) ? output + "/b.csv" : output;
        if (how == "deleted")
        {
            Directory.Delete(Path.GetDirectoryName(_store.PathOf(output))!, recursive: true);
        }
        else
        {
            _store.Put(file, "tampered"u8);
        }

        var (found, stale) = _cache.Find("abc123");

        Assert.Null(found);
        Assert.Equal($"the cached output {output} no longer matches its recorded hash", stale);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"RunId": "r1", "Properties": {}, "PropertyFiles": {}}""")]
    [InlineData("""{"RunId": "r1", "Properties": {}, "Outputs": {}}""")]
    [InlineData("""{"Properties": {}, "PropertyFiles": {}, "Outputs": {}}""")]
    [InlineData("""{"RunId": "r1", "Properties": {}, "PropertyFiles": {}, "Outputs": {"s3://b/x": 5}}""")]
    public void A_damaged_entry_is_not_reused_and_the_reason_names_its_file(string content)
    {
        var path = _temp.Combine("cache", "abc123.json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);

        var (found, stale) = _cache.Find("abc123");

        Assert.Null(found);
        Assert.Equal($"the cache entry {path} is damaged", stale);
    }

    [Fact]
    public void An_entry_written_before_lineage_and_input_content_were_kept_is_reused_with_neither()
    {
        var path = _temp.Combine("cache", "abc123.json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, """{"RunId": "r0", "Properties": {"A": 1}, "PropertyFiles": {}, "Outputs": {}}""");

        var (found, stale) = _cache.Find("abc123");

        Assert.Null(stale);
        Assert.Equal("r0", found!.RunId);
        Assert.Empty(found.Lineage);
        Assert.Empty(found.InputContent);
    }

    [Fact]
    public void A_folder_where_an_entry_goes_is_refused_with_how_to_fix_it()
    {
        var path = _temp.Combine("cache", "abc123.json");
        Directory.CreateDirectory(path);

        var error = Assert.Throws<IOException>(() => _cache.Save(Made()));

        Assert.Equal($"the step cache entry {path} is a folder, not a file; delete it (the cache is rebuilt by the next run).", error.Message);
    }
}
