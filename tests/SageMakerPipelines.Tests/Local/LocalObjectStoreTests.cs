using System.Security.Cryptography;
using System.Text;
using MlPipeline.SageMakerPipelines.Local;
using MlPipeline.Tests.Shared;

namespace MlPipeline.SageMakerPipelines.Tests.Local;

/// <summary>
/// S3 on disk, as a step sees it: what an input downloads, what an output uploads, and the content hashes the cache
/// and the lineage record. A wrong answer here gives a step the wrong files or reuses a stale result.
/// </summary>
public sealed class LocalObjectStoreTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    private LocalObjectStore Store() => new(_temp.Combine("s3"));

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void An_object_maps_to_bucket_and_key_under_the_root_whatever_its_slashes()
    {
        var store = Store();

        Assert.Equal(Path.Combine(store.Root, "bucket", "data", "train", "a.csv"), store.PathOf("s3://bucket/data/train/a.csv"));
        Assert.Equal(Path.Combine(store.Root, "bucket", "data", "train"), store.PathOf("s3://bucket/data//train/"));
        Assert.Equal(Path.Combine(store.Root, "bucket"), store.PathOf("s3://bucket"));
    }

    [Theory]
    [InlineData("https://bucket/key", "SMP020")]
    [InlineData("s3://", "SMP020")]
    [InlineData("s3:/bucket/key", "SMP020")]
    [InlineData("s3://bucket/a\0b", "SMP020")]
    [InlineData("s3:///key", "SMP101")]
    [InlineData("s3://bucket/../other/key", "SMP101")]
    [InlineData("s3://bucket/a/./b", "SMP101")]
    [InlineData("s3://..", "SMP101")]
    public void A_uri_that_is_not_s3_or_climbs_is_refused_with_its_code(string uri, string code)
    {
        var error = Assert.Throws<LocalRunException>(() => Store().PathOf(uri));

        Assert.StartsWith(code + " ", error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{uri}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_prefix_lists_its_objects_by_key_and_an_object_lists_itself()
    {
        var store = Store();
        store.Put("s3://b/data/z.csv", "z"u8);
        store.Put("s3://b/data/a.csv", "a"u8);
        store.Put("s3://b/data/part/m.csv", "m"u8);
        store.Put("s3://b/other.csv", "o"u8);

        Assert.Equal(["a.csv", "part/m.csv", "z.csv"], store.List("s3://b/data").Select(o => o.RelativeKey));
        Assert.Equal(["a.csv", "part/m.csv", "z.csv"], store.List("s3://b/data/").Select(o => o.RelativeKey));
        var single = Assert.Single(store.List("s3://b/data/part/m.csv"));
        Assert.Equal(("m.csv", store.PathOf("s3://b/data/part/m.csv")), single);
        Assert.Empty(store.List("s3://b/nothing"));
    }

    [Fact]
    public void A_half_written_object_of_another_writer_is_neither_listed_nor_downloaded()
    {
        var store = Store();
        store.Put("s3://b/data/a.csv", "a"u8);
        File.WriteAllText(store.PathOf("s3://b/data/b.csv") + ".4242.0123abcd.tmp", "half");
        var folder = _temp.Combine("input");

        var count = store.Download("s3://b/data", folder);

        Assert.Equal(1, count);
        Assert.Equal(["a.csv"], Directory.GetFiles(folder).Select(Path.GetFileName));
        Assert.Equal(["a.csv"], store.List("s3://b/data").Select(o => o.RelativeKey));
    }

    [Fact]
    public void Download_copies_every_object_under_the_prefix_keeping_subfolders_and_replacing_old_files()
    {
        var store = Store();
        store.Put("s3://b/data/a.csv", "new a"u8);
        store.Put("s3://b/data/part/m.csv", "m"u8);
        var folder = _temp.Combine("input");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "a.csv"), "old a");

        Assert.Equal(2, store.Download("s3://b/data", folder));

        Assert.Equal("new a", File.ReadAllText(Path.Combine(folder, "a.csv")));
        Assert.Equal("m", File.ReadAllText(Path.Combine(folder, "part", "m.csv")));
        Assert.Equal(0, store.Download("s3://b/missing", _temp.Combine("empty")));
    }

    [Fact]
    public void Upload_puts_every_file_of_a_folder_under_the_prefix_with_its_relative_key()
    {
        var store = Store();
        var folder = _temp.Combine("output");
        Directory.CreateDirectory(Path.Combine(folder, "sub"));
        File.WriteAllText(Path.Combine(folder, "model.tar.gz"), "model");
        File.WriteAllText(Path.Combine(folder, "sub", "report.json"), "{}");

        Assert.Equal(2, store.Upload(folder, "s3://b/runs/1/"));

        Assert.Equal("model", File.ReadAllText(store.PathOf("s3://b/runs/1/model.tar.gz")));
        Assert.Equal("{}", File.ReadAllText(store.PathOf("s3://b/runs/1/sub/report.json")));
        Assert.Equal(0, store.Upload(_temp.Combine("no-such-folder"), "s3://b/runs/2"));
        Assert.Empty(store.List("s3://b/runs/2"));
    }

    [Fact]
    public void An_output_that_is_a_file_or_holds_a_link_is_refused_and_nothing_is_uploaded()
    {
        var store = Store();
        var file = _temp.Combine("model.tar.gz");
        File.WriteAllText(file, "model");
        var folder = _temp.Combine("output");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "a.txt"), "a");
        File.CreateSymbolicLink(Path.Combine(folder, "secret"), "/etc/hostname");

        var notFolder = Assert.Throws<LocalRunException>(() => store.Upload(file, "s3://b/out"));
        var link = Assert.Throws<LocalRunException>(() => store.Upload(folder, "s3://b/out"));

        Assert.StartsWith("SMP103 ", notFolder.Message, StringComparison.Ordinal);
        Assert.Contains("is not a folder", notFolder.Message, StringComparison.Ordinal);
        Assert.StartsWith("SMP103 ", link.Message, StringComparison.Ordinal);
        Assert.Contains("symbolic link (to '/etc/hostname')", link.Message, StringComparison.Ordinal);
        Assert.Empty(store.List("s3://b/out"));
    }

    [Fact]
    public void PutFile_copies_a_regular_file_and_refuses_a_missing_file_a_folder_or_a_link()
    {
        var store = Store();
        var file = _temp.Combine("data.csv");
        File.WriteAllText(file, "x,y\n1,2\n");
        var link = _temp.Combine("link.csv");
        File.CreateSymbolicLink(link, file);

        store.PutFile("s3://b/data.csv", file);

        Assert.Equal("x,y\n1,2\n", File.ReadAllText(store.PathOf("s3://b/data.csv")));
        var missing = Assert.Throws<FileNotFoundException>(() => store.PutFile("s3://b/missing.csv", _temp.Combine("missing.csv")));
        Assert.Equal($"The file {_temp.Combine("missing.csv")} does not exist.", missing.Message);
        foreach (var notFile in new[] { _temp.Path, link })
        {
            var error = Assert.Throws<LocalRunException>(() => store.PutFile("s3://b/x.csv", notFile));
            Assert.Equal($"SMP103 '{notFile}' is not a regular file (a symbolic link, folder, FIFO or device); the local object store takes regular files only.", error.Message);
        }

        Assert.Equal(["data.csv"], store.List("s3://b").Select(o => o.RelativeKey));
    }

    [Fact]
    public void An_objects_hash_is_what_sha256sum_prints_for_its_file()
    {
        var store = Store();
        var content = Encoding.UTF8.GetBytes("the model\n");
        store.Put("s3://b/model.tar.gz", content);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), store.ContentHash("s3://b/model.tar.gz"));
    }

    [Fact]
    public void A_prefixs_hash_changes_with_any_key_or_content_under_it_and_only_then()
    {
        var store = Store();
        void Put(string prefix, params (string Key, string Text)[] objects)
        {
            foreach (var (key, text) in objects)
            {
                store.Put($"s3://b/{prefix}/{key}", Encoding.UTF8.GetBytes(text));
            }
        }

        Put("same", ("a.csv", "1"), ("b.csv", "2"));
        Put("copy", ("b.csv", "2"), ("a.csv", "1"));
        Put("renamed", ("a.csv", "1"), ("c.csv", "2"));
        Put("changed", ("a.csv", "1"), ("b.csv", "3"));
        Put("more", ("a.csv", "1"), ("b.csv", "2"), ("c.csv", ""));
        Put("swapped", ("a.csv", "2"), ("b.csv", "1"));
        Put("joined", ("a.csv", "12"));

        var same = store.ContentHash("s3://b/same");

        Assert.Equal(same, store.ContentHash("s3://b/copy"));
        Assert.Equal(64, same.Length);
        var others = new[] { "renamed", "changed", "more", "swapped", "joined" }.Select(p => store.ContentHash($"s3://b/{p}")).ToList();
        Assert.DoesNotContain(same, others);
        Assert.Equal(others.Count, others.Distinct().Count());
        Assert.NotEqual(store.ContentHash("s3://b/same/a.csv"), same);
    }

    [Fact]
    public void An_output_folder_that_is_a_link_is_refused_and_what_it_points_to_is_not_uploaded()
    {
        var store = Store();
        var secrets = _temp.Combine("secrets");
        Directory.CreateDirectory(secrets);
        File.WriteAllText(Path.Combine(secrets, "token"), "s3cr3t");
        var output = _temp.Combine("output");
        Directory.CreateSymbolicLink(output, secrets);

        var error = Assert.Throws<LocalRunException>(() => store.Upload(output, "s3://b/out"));

        Assert.Equal($"SMP103 '{output}' is not a folder; an output must be a folder of regular files.", error.Message);
        Assert.Empty(store.List("s3://b/out"));
    }

    [Fact]
    public void A_bucket_that_is_a_link_out_of_the_store_is_never_written_or_read_through()
    {
        var store = Store();
        var outside = _temp.Combine("outside");
        Directory.CreateDirectory(outside);
        File.WriteAllText(Path.Combine(outside, "secret.csv"), "s3cr3t");
        Directory.CreateDirectory(store.Root);
        Directory.CreateSymbolicLink(Path.Combine(store.Root, "b"), outside);

        var put = Assert.Throws<LocalRunException>(() => store.Put("s3://b/planted.csv", "x"u8));
        var list = Assert.Throws<LocalRunException>(() => store.List("s3://b/secret.csv"));

        Assert.StartsWith($"SMP103 the object s3://b/planted.csv: '{Path.Combine(store.Root, "b")}' is a symbolic link (to '{outside}')", put.Message, StringComparison.Ordinal);
        Assert.StartsWith("SMP103 the object s3://b/secret.csv: ", list.Message, StringComparison.Ordinal);
        Assert.Equal(["secret.csv"], Directory.GetFiles(outside).Select(Path.GetFileName));
    }

    [Fact]
    public void A_fifo_where_an_object_is_or_in_an_output_folder_is_refused_and_never_opened()
    {
        var store = Store();
        store.Put("s3://b/data/a.csv", "a"u8);
        var pipe = store.PathOf("s3://b/data/pipe");
        Assert.Equal(0, ProcessRunner.Run("mkfifo", [pipe]).ExitCode);
        var output = _temp.Combine("output");
        Directory.CreateDirectory(output);
        var outputPipe = Path.Combine(output, "pipe");
        Assert.Equal(0, ProcessRunner.Run("mkfifo", [outputPipe]).ExitCode);

        var listed = Assert.Throws<LocalRunException>(() => store.List("s3://b/data/pipe"));
        var uploaded = Assert.Throws<LocalRunException>(() => store.Upload(output, "s3://b/out"));

        Assert.Equal($"SMP103 the object s3://b/data/pipe ({pipe}) is not a regular file; the local object store holds only files and folders.", listed.Message);
        Assert.Equal($"SMP103 '{outputPipe}' is not a regular file (a FIFO, device or socket); the local object store takes regular files only.", uploaded.Message);
        Assert.Empty(store.List("s3://b/out"));
    }
}
