using System.Text;
using MlPipeline.Tests.Shared;

namespace MlPipeline.Scaffolder.Tests.Updating;

/// <summary>A project on disk as the tests see it: its files (without .git) and the git commands a user runs.</summary>
internal static class ProjectFolder
{
    public static SortedDictionary<string, byte[]> Files(string folder) =>
        new(Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(folder, path).Replace('\\', '/'))
            .Where(path => !path.StartsWith(".git/", StringComparison.Ordinal))
            .ToDictionary(path => path, path => File.ReadAllBytes(Path.Combine(folder, path)), StringComparer.Ordinal), StringComparer.Ordinal);

    /// <summary>Asserts that the two trees hold the same paths with the same bytes, naming the first difference.</summary>
    public static void AssertSame(IReadOnlyDictionary<string, byte[]> expected, IReadOnlyDictionary<string, byte[]> actual)
    {
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        foreach (var (path, bytes) in expected)
        {
            Assert.True(bytes.AsSpan().SequenceEqual(actual[path]),
                $"{path} differs:\n{TextDiff.Unified(Encoding.UTF8.GetString(bytes), Encoding.UTF8.GetString(actual[path]))}");
        }
    }

    public static string Read(string folder, string path) => File.ReadAllText(Path.Combine(folder, path));

    public static void Write(string folder, string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(folder, path))!);
        File.WriteAllText(Path.Combine(folder, path), text);
    }

    /// <summary>Commits everything, as a user does before an update.</summary>
    public static void Commit(string folder, string message = "my changes")
    {
        Git(folder, "add", "--all");
        Git(folder, "-c", "user.name=Test", "-c", "user.email=test@localhost", "-c", "commit.gpgsign=false", "commit", "--quiet", "--allow-empty", "-m", message);
    }

    public static string Git(string folder, params string[] arguments)
    {
        var result = ProcessRunner.Run("git", arguments, folder);
        Assert.True(result.ExitCode == 0, $"git {string.Join(' ', arguments)}: {result.All}");
        return result.Output;
    }
}
