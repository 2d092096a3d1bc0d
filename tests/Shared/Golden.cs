namespace MlPipeline.Tests.Shared;

/// <summary>
/// A golden text file: the output must equal the committed file. On a mismatch the output is written next to it
/// as NAME.received.EXT and the failure shows a diff. Set MLPIPELINE_ACCEPT_SNAPSHOTS=1 to accept new output
/// (then review the change like code).
/// </summary>
internal static class Golden
{
    public const string AcceptVariable = "MLPIPELINE_ACCEPT_SNAPSHOTS";

    /// <param name="path">The golden file, relative to the repository root.</param>
    /// <param name="actual">The output.</param>
    public static void Verify(string path, string actual)
    {
        var full = Path.Combine(TestPaths.RepoRoot, path);
        var received = Path.ChangeExtension(full, ".received" + Path.GetExtension(full));
        if (File.Exists(received))
        {
            File.Delete(received);
        }

        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, actual);
            return;
        }

        var expected = File.Exists(full) ? File.ReadAllText(full) : "";
        if (expected != actual)
        {
            File.WriteAllText(received, actual);
            Assert.Fail($"{path} differs from the output:\n{TextDiff.Unified(expected, actual)}\nThe output is in {received}; if it is right, run the tests with {AcceptVariable}=1 and review the change.");
        }
    }
}
