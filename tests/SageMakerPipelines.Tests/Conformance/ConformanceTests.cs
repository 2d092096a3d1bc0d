using System.Text.Json.Nodes;
using MlPipeline.SageMakerPipelines.Validation;

namespace MlPipeline.SageMakerPipelines.Tests.Conformance;

/// <summary>
/// The library held to the SageMaker Python SDK's own unit tests: each case file holds JSON the SDK emits (or a
/// definition it refuses); each case's builder makes the same thing with our API. README.md beside this file says how.
/// </summary>
public class ConformanceTests
{
    public static TheoryData<string> PositiveCases() => [.. ConformanceCases.Positive.Keys.Order(StringComparer.Ordinal)];

    public static TheoryData<string> NegativeCases() => [.. ConformanceCases.Negative.Keys.Order(StringComparer.Ordinal)];

    [Fact]
    public void Every_case_file_has_a_builder_and_every_builder_a_case_file()
    {
        var built = ConformanceCases.Positive.Keys.Concat(ConformanceCases.Negative.Keys).ToHashSet(StringComparer.Ordinal);

        Assert.True(ConformanceCase.All.Keys.All(built.Contains), "case files without a builder: " + string.Join(", ", ConformanceCase.All.Keys.Where(id => !built.Contains(id))));
        Assert.True(built.All(ConformanceCase.All.ContainsKey), "builders without a case file: " + string.Join(", ", built.Where(id => !ConformanceCase.All.ContainsKey(id))));
        Assert.All(ConformanceCases.Negative.Keys, id => Assert.True(ConformanceCase.All[id].IsNegative, $"{id} is built as a negative case but its file has no rejectedWith"));
        Assert.All(ConformanceCases.Positive.Keys, id => Assert.False(ConformanceCase.All[id].IsNegative, $"{id} is built as a positive case but its file has rejectedWith"));
    }

    [Fact]
    public void Every_case_names_the_sdk_file_test_and_commit_it_comes_from()
    {
        Assert.All(ConformanceCase.All.Values, c =>
        {
            Assert.Matches(@"^tests/unit/sagemaker/workflow/test_[a-z_]+\.py$", c.Source);
            Assert.Equal(c.Id.Split('/')[0], Path.GetFileNameWithoutExtension(c.Source));
            Assert.Matches("^test_[a-z0-9_]+$", c.Test);
            Assert.StartsWith(c.Test, c.Id.Split('/')[1], StringComparison.Ordinal);
            Assert.Matches("^[0-9a-f]{40}$", c.Commit);
        });
    }

    [Fact]
    public void Every_difference_ignored_part_and_finding_says_why_in_one_line()
    {
        Assert.All(ConformanceCase.All.Values, c =>
        {
            foreach (var item in c.Items("differences").Concat(c.Items("ignored")).Concat(c.Items("findings")))
            {
                var why = item["why"]?.GetValue<string>() ?? "";
                Assert.True(why.Length is > 10 and <= 240 && !why.Contains('\n', StringComparison.Ordinal), $"{c.Id}: '{why}' must be one line that says why");
            }
        });
    }

    [Theory]
    [MemberData(nameof(PositiveCases))]
    public void Our_api_builds_the_json_the_sdk_emits(string id)
    {
        var @case = ConformanceCase.All[id];
        var built = ConformanceCases.Positive[id]();

        var ours = JsonTree.Select(JsonNode.Parse(built.Pipeline.ToJson()), built.Fragment)?.DeepClone();
        foreach (var path in @case.IgnoredPaths)
        {
            JsonTree.Remove(ours, path);
        }

        var differences = JsonTree.Differences(@case.ExpectedOfOurs(), ours);
        Assert.True(differences.Count == 0, $"{id} ({@case.Source}::{@case.Test}) differs from the SDK at {built.Fragment}:\n{string.Join('\n', differences)}");
    }

    [Theory]
    [MemberData(nameof(PositiveCases))]
    public void The_validator_accepts_what_the_sdk_emits(string id)
    {
        var built = ConformanceCases.Positive[id]();

        var findings = PipelineValidator.Validate(built.Pipeline).Select(f => $"{f.Code} at {f.Path}").Order(StringComparer.Ordinal);

        var expected = ConformanceCase.All[id].ExpectedFindings.Order(StringComparer.Ordinal);
        Assert.True(findings.SequenceEqual(expected), $"{id}: expected findings [{string.Join(", ", expected)}], got:\n{string.Join('\n', PipelineValidator.Validate(built.Pipeline))}");
    }

    [Theory]
    [MemberData(nameof(NegativeCases))]
    public void The_validator_rejects_what_the_sdk_rejects(string id)
    {
        var (code, path) = ConformanceCase.All[id].RejectedWith;

        var findings = PipelineValidator.Validate(ConformanceCases.Negative[id]());

        Assert.True(findings.Count > 0 && findings.All(f => f.Code == code) && findings.Any(f => f.Path == path),
            $"{id}: expected {code} at {path} (and nothing else), got:\n{string.Join('\n', findings)}");
    }

    [Fact]
    public void The_repository_readme_reports_the_suite_as_it_is()
    {
        var readme = File.ReadAllText(Path.Combine(MlPipeline.Tests.Shared.TestPaths.RepoRoot, "README.md"));
        var built = ConformanceCases.Positive.ToDictionary(p => p.Key, p => p.Value(), StringComparer.Ordinal);
        var rows = ConformanceCase.All.Values.GroupBy(c => Path.GetFileName(c.Source)).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
            $"| `{g.Key}` | {g.Count(c => !c.IsNegative)} | {g.Count(c => c.IsNegative)} | {g.Count(c => !c.IsNegative && built[c.Id].Run is not null)} | "
            + $"{g.Sum(c => c.Items("differences").Count())} | {g.Sum(c => c.Items("findings").Count())} |").ToList();
        var all = ConformanceCase.All.Values.ToList();
        rows.Add($"| all | {all.Count(c => !c.IsNegative)} | {all.Count(c => c.IsNegative)} | {built.Values.Count(b => b.Run is not null)} | "
            + $"{all.Sum(c => c.Items("differences").Count())} | {all.Sum(c => c.Items("findings").Count())} |");

        rows.Add($"holds {all.Count} cases taken from them");
        var missing = rows.Where(r => !readme.Contains(r, StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, "README.md's conformance table is out of date; its rows are:\n" + string.Join('\n', rows));
    }

    [Fact]
    public void Every_case_says_whether_the_local_runner_runs_it_and_if_not_why()
    {
        Assert.All(ConformanceCases.Positive, pair =>
        {
            var built = pair.Value();
            Assert.True((built.Run is null) != (built.NotRunnable is null), $"{pair.Key}: give either Run or NotRunnable (with why)");
            Assert.True(built.NotRunnable is null || built.NotRunnable.Length > 10, $"{pair.Key}: say why the runner cannot run it");
        });
    }
}
