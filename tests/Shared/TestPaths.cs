namespace MlPipeline.Tests.Shared;

/// <summary>Where the repository and the test tools (installed by ./test.sh) are.</summary>
internal static class TestPaths
{
    public static string RepoRoot { get; } = FindRoot();

    public static string Tools => Path.Combine(RepoRoot, ".tools");

    public static string Templates => Path.Combine(RepoRoot, "templates");

    /// <summary>The published specifications and data tables the tests check output against (reference/README.md says where each comes from).</summary>
    public static string Reference => Path.Combine(RepoRoot, "reference");

    /// <summary>Fails with the fix when a tool that ./test.sh installs is missing.</summary>
    public static string RequireTool(string relativePath)
    {
        var path = Path.Combine(Tools, relativePath);
        Assert.True(File.Exists(path) || Directory.Exists(path), $"{path} is missing: run ./test.sh once (it installs the test tools), or eng/install-test-tools.sh.");
        return path;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MlPipeline.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The tests must run inside the repository (MlPipeline.slnx not found above " + AppContext.BaseDirectory + ").");
    }
}
