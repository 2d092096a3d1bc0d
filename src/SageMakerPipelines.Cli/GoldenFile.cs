using MlPipeline.Shared;

namespace MlPipeline.SageMakerPipelines.Cli;

/// <summary>
/// A golden file for a project's tests: the text a test produces must equal the committed file. On a difference
/// the new text is written next to it as NAME.received.EXT and the message holds a unified diff; with
/// <see cref="AcceptVariable"/>=1 the new text becomes the golden file. Either way a stale .received file is removed.
/// </summary>
public static class GoldenFile
{
    /// <summary>The environment variable that accepts the new text (<c>ACCEPT_GOLDEN=1 dotnet test</c>).</summary>
    public const string AcceptVariable = "ACCEPT_GOLDEN";

    /// <summary>Compares <paramref name="actual"/> with the golden file at <paramref name="path"/>.</summary>
    /// <param name="path">The golden file.</param>
    /// <param name="actual">The text the test produced.</param>
    /// <returns>Null when they are equal (or the text was accepted); otherwise what differs, as a message with a unified diff.</returns>
    public static string? Compare(string path, string actual)
    {
        var received = ReceivedPath(path);
        File.Delete(received);
        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            File.WriteAllText(path, actual);
            return null;
        }

        var expected = File.Exists(path) ? File.ReadAllText(path) : "";
        if (expected == actual)
        {
            return null;
        }

        File.WriteAllText(received, actual);
        var name = Path.GetFileName(path);
        return $"{path} differs from what the test produced:\n"
            + UnifiedDiff.Of(expected, actual, name, Path.GetFileName(received))
            + $"The new text is in {received}. If the change is intended, run the tests with {AcceptVariable}=1 and commit {name}.";
    }

    /// <summary>Where a differing text is written: NAME.received.EXT beside NAME.EXT.</summary>
    /// <param name="path">The golden file.</param>
    public static string ReceivedPath(string path) => Path.ChangeExtension(path, ".received" + Path.GetExtension(path));
}
