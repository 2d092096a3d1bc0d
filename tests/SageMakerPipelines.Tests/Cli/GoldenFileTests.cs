using MlPipeline.SageMakerPipelines.Cli;
using MlPipeline.Shared;
using MlPipeline.Tests.Shared;

namespace MlPipeline.SageMakerPipelines.Tests.Cli;

/// <summary>
/// The golden file of a generated project's definition test: a difference shows as a unified diff that `git apply`
/// takes, and no stale .received file is left behind.
/// </summary>
// Both set ACCEPT_GOLDEN for the whole process: one collection keeps them from running at the same time.
[Collection("ACCEPT_GOLDEN")]
public class GoldenFileTests
{
    public static TheoryData<string, string> Changes() => new()
    {
        { "a\nb\nc\n", "a\nB\nc\n" },
        { "", "one\ntwo\n" },
        { "one\ntwo\n", "" },
        { "x\n", "x" },
        { "x", "x\ny\n" },
        { string.Concat(Enumerable.Range(0, 40).Select(i => $"line {i}\n")), string.Concat(Enumerable.Range(0, 40).Select(i => i is 3 or 20 or 21 or 39 ? $"changed {i}\n" : $"line {i}\n")) + "added\n" },
        { "{\n  \"Steps\": [\n    \"Clean\",\n    \"Train\"\n  ]\n}\n", "{\n  \"Steps\": [\n    \"Clean\",\n    \"Feature\",\n    \"Train\"\n  ],\n  \"Version\": 2\n}\n" },
        { "a\na\nb\na\n", "b\na\na\nb\n" },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void The_diff_is_one_git_applies_to_turn_the_old_text_into_the_new(string before, string after)
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.Combine("file.txt"), before);
        var diff = UnifiedDiff.Of(before, after, "a/file.txt", "b/file.txt");
        File.WriteAllText(temp.Combine("change.diff"), diff);

        var applied = ProcessRunner.Run("git", ["apply", "--unidiff-zero", "change.diff"], temp.Path);

        Assert.True(applied.ExitCode == 0, $"git apply refused:\n{diff}\n{applied.All}");
        Assert.Equal(after, File.ReadAllText(temp.Combine("file.txt")));
    }

    [Fact]
    public void Equal_texts_have_an_empty_diff() => Assert.Equal("", UnifiedDiff.Of("same\n", "same\n", "a", "b"));

    [Fact]
    public void A_difference_is_shown_as_a_diff_and_written_beside_the_golden_file_until_it_matches_again()
    {
        using var temp = new TempDirectory();
        var golden = temp.Combine("definition.golden.json");
        var received = temp.Combine("definition.golden.received.json");
        File.WriteAllText(golden, "{\n  \"Version\": 1\n}\n");

        var differs = GoldenFile.Compare(golden, "{\n  \"Version\": 2\n}\n");
        var receivedText = File.ReadAllText(received);
        var same = GoldenFile.Compare(golden, "{\n  \"Version\": 1\n}\n");

        Assert.NotNull(differs);
        Assert.Contains("-  \"Version\": 1\n+  \"Version\": 2\n", differs, StringComparison.Ordinal);
        Assert.Contains("ACCEPT_GOLDEN=1", differs, StringComparison.Ordinal);
        Assert.Equal("{\n  \"Version\": 2\n}\n", receivedText);
        Assert.Null(same);
        Assert.False(File.Exists(received), "a .received file from an earlier difference was left behind");
    }

    [Fact]
    public void Accepting_writes_the_new_text_and_removes_the_received_file()
    {
        using var temp = new TempDirectory();
        var golden = temp.Combine("definition.golden.json");
        File.WriteAllText(golden, "old\n");
        GoldenFile.Compare(golden, "new\n");

        // Only this test reads ACCEPT_GOLDEN.
        Environment.SetEnvironmentVariable(GoldenFile.AcceptVariable, "1");
        string? accepted;
        try
        {
            accepted = GoldenFile.Compare(golden, "new\n");
        }
        finally
        {
            Environment.SetEnvironmentVariable(GoldenFile.AcceptVariable, null);
        }

        Assert.Null(accepted);
        Assert.Equal("new\n", File.ReadAllText(golden));
        Assert.False(File.Exists(GoldenFile.ReceivedPath(golden)));
    }
}
