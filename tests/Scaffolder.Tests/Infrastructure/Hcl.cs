using System.Text.Json;
using System.Text.Json.Nodes;
using MlPipeline.Tests.Shared;

namespace MlPipeline.Scaffolder.Tests.Infrastructure;

/// <summary>HashiCorp's HCL parser (@cdktf/hcl2json, installed by ./test.sh), run on files given in memory.</summary>
internal static class Hcl
{
    /// <summary>Each file's parsed body, keyed by its file name; fails the test with the parser's message.</summary>
    public static JsonDocument Parse(IEnumerable<(string Name, byte[] Content)> files)
    {
        TestPaths.RequireTool("node_modules/@cdktf/hcl2json");
        using var temp = new TempDirectory();
        var paths = new List<string>();
        foreach (var (name, content) in files)
        {
            paths.Add(temp.Combine(name));
            File.WriteAllBytes(paths[^1], content);
        }

        var result = ProcessRunner.Run("node", [Path.Combine(TestPaths.RepoRoot, "tests", "tools", "hcl2json.mjs"), TestPaths.Tools, .. paths]);
        Assert.True(result.ExitCode == 0, result.All);
        var parsed = JsonNode.Parse(result.Output)!.AsObject();
        return JsonDocument.Parse(new JsonObject(parsed.Select(p => KeyValuePair.Create(Path.GetFileName(p.Key), p.Value?.DeepClone()))).ToJsonString());
    }
}
