using System.Text.Json.Nodes;
using MlPipeline.Tests.Shared;

namespace MlPipeline.SageMakerPipelines.Tests.Conformance;

/// <summary>
/// One case file of the suite (<c>Cases/SDK_TEST_FILE/CASE.json</c>): where the SDK pins the fact (source file, test,
/// commit) and the fact itself. A positive case holds the JSON the SDK emits (<c>expected</c>), what of it is a test
/// double of the SDK's own tests (<c>ignored</c>), where our output differs on purpose (<c>differences</c>, each with
/// why) and the findings our validator reports on it (<c>findings</c>, each with why). A negative case holds what the
/// SDK refuses (<c>sdkRejects</c>) and the rule our validator reports for it (<c>rejectedWith</c>).
/// </summary>
internal sealed record ConformanceCase(string Id, JsonObject Document)
{
    public static string Folder => Path.Combine(TestPaths.RepoRoot, "tests", "SageMakerPipelines.Tests", "Conformance", "Cases");

    /// <summary>Every case file, by id (<c>test_conditions/test_condition_equals</c>).</summary>
    public static IReadOnlyDictionary<string, ConformanceCase> All { get; } = Directory
        .EnumerateFiles(Folder, "*.json", SearchOption.AllDirectories)
        .Select(path => new ConformanceCase(
            Path.GetRelativePath(Folder, path)[..^".json".Length].Replace(Path.DirectorySeparatorChar, '/'),
            JsonNode.Parse(File.ReadAllText(path))!.AsObject()))
        .ToDictionary(c => c.Id, StringComparer.Ordinal);

    public string Source => Text("source");

    public string Test => Text("test");

    public string Commit => Text("commit");

    public bool IsNegative => Document.ContainsKey("rejectedWith");

    /// <summary>The SDK's JSON with our deliberate differences applied and the SDK's test doubles removed.</summary>
    public JsonNode? ExpectedOfOurs()
    {
        var expected = Document["expected"]?.DeepClone();
        foreach (var difference in Items("differences"))
        {
            if (difference["omit"]?.GetValue<bool>() == true)
            {
                JsonTree.Remove(expected, difference["path"]!.GetValue<string>());
            }
            else
            {
                expected = JsonTree.Replace(expected, difference["path"]!.GetValue<string>(), difference["ours"]?.DeepClone());
            }
        }

        foreach (var path in IgnoredPaths)
        {
            JsonTree.Remove(expected, path);
        }

        return expected;
    }

    public IEnumerable<string> IgnoredPaths => Items("ignored").Select(i => i["path"]!.GetValue<string>());

    /// <summary>The findings the validator must report on the case's pipeline: CODE at PATH.</summary>
    public IEnumerable<string> ExpectedFindings => Items("findings").Select(f => $"{f["code"]} at {f["path"]}");

    public (string Code, string Path) RejectedWith => (Document["rejectedWith"]!["code"]!.GetValue<string>(), Document["rejectedWith"]!["path"]!.GetValue<string>());

    public IEnumerable<JsonObject> Items(string name) => (Document[name] as JsonArray ?? []).Select(i => i!.AsObject());

    private string Text(string name) => Document[name]?.GetValue<string>() ?? "";
}
