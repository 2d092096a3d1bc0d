using System.Globalization;
using System.Text;
using MlPipeline.Scaffolder.Rendering;

using MlPipeline.Tests.Shared;

namespace MlPipeline.Scaffolder.Tests.Infrastructure;

/// <summary>
/// Golden files: a generated tree is compared file by file with <c>Snapshots/&lt;scenario&gt;.verified/</c>.
/// On a mismatch the tree is written to <c>&lt;scenario&gt;.received/</c> and the failure shows a unified diff.
/// Set MLPIPELINE_ACCEPT_SNAPSHOTS=1 to accept the new output (then review the change like code).
/// </summary>
internal static class Snapshot
{
    private const string AcceptVariable = Golden.AcceptVariable;

    public static void Verify(string scenario, GeneratedTree tree)
    {
        var verified = Path.Combine(Path.Combine(TestPaths.RepoRoot, "tests", "Scaffolder.Tests", "Snapshots"), scenario + ".verified");
        var received = Path.Combine(Path.Combine(TestPaths.RepoRoot, "tests", "Scaffolder.Tests", "Snapshots"), scenario + ".received");
        if (Directory.Exists(received))
        {
            Directory.Delete(received, recursive: true);
        }

        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            if (Directory.Exists(verified))
            {
                Directory.Delete(verified, recursive: true);
            }

            WriteTree(tree, verified);
            return;
        }

        var expected = Directory.Exists(verified)
            ? Directory.EnumerateFiles(verified, "*", SearchOption.AllDirectories)
                .ToDictionary(f => Path.GetRelativePath(verified, f).Replace('\\', '/'), File.ReadAllBytes, StringComparer.Ordinal)
            : [];
        var report = new StringBuilder();
        foreach (var file in tree.Files)
        {
            if (!expected.TryGetValue(file.Path, out var bytes))
            {
                report.AppendLine(CultureInfo.InvariantCulture, $"+ new file {file.Path}");
            }
            else if (!bytes.AsSpan().SequenceEqual(file.Content))
            {
                report.AppendLine(CultureInfo.InvariantCulture, $"~ {file.Path}").AppendLine(TextDiff.Unified(Encoding.UTF8.GetString(bytes), Encoding.UTF8.GetString(file.Content)));
            }
        }

        foreach (var missing in expected.Keys.Except(tree.Files.Select(f => f.Path)).Order(StringComparer.Ordinal))
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"- missing file {missing}");
        }

        if (report.Length > 0)
        {
            WriteTree(tree, received);
            Assert.Fail($"Snapshot '{scenario}' differs from {verified}:\n{report}\nThe new output is in {received}; if it is right, run the tests with {AcceptVariable}=1 and review the change.");
        }
    }

    private static void WriteTree(GeneratedTree tree, string folder)
    {
        foreach (var file in tree.Files)
        {
            var path = Path.Combine(folder, file.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, file.Content);
        }
    }
}
