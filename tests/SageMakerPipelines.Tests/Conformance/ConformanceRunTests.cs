using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MlPipeline.SageMakerPipelines.Local;
using MlPipeline.Tests.Shared;

namespace MlPipeline.SageMakerPipelines.Tests.Conformance;

/// <summary>
/// Every case the local runner can run, run on stub scripts with the machine's /usr/bin/python3: the runner's reading
/// of the same property references, conditions and functions the SDK's tests pin down.
/// </summary>
public class ConformanceRunTests
{
    public static TheoryData<string> RunnableCases() =>
        [.. ConformanceCases.Positive.Where(p => p.Value().Run is not null).Select(p => p.Key).Order(StringComparer.Ordinal)];

    [Theory]
    [Trait("Category", "Slow")]
    [MemberData(nameof(RunnableCases))]
    public async Task The_local_runner_runs_the_case_as_sagemaker_would(string id)
    {
        var built = ConformanceCases.Positive[id]();
        var check = built.Run!;
        using var project = new TempDirectory();
        var runner = new LocalRunner(new LocalRunOptions
        {
            ProjectRoot = project.Path,
            Python = "/usr/bin/python3",
            Parameters = check.Parameters,
            MaxParallelism = 2,
        });
        Stub.Seed(runner.Store);

        var result = await runner.RunAsync(built.Pipeline);

        var log = $"{id}: {result.Status} {result.Failure}\n{string.Join('\n', result.Steps.Select(s => $"{s.Name}:{s.Status} {s.Message}"))}";
        Assert.True(check.Steps.SequenceEqual(result.Steps.Select(s => $"{s.Name}:{s.Status}")), $"expected [{string.Join(", ", check.Steps)}]\n{log}");
        if (check.FailureContains is null)
        {
            Assert.True(result.Succeeded, log);
        }
        else
        {
            Assert.False(result.Succeeded, log);
            Assert.Contains(check.FailureContains, result.Failure ?? "", StringComparison.Ordinal);
        }

        if (check.Probe is { } patterns)
        {
            var args = JsonNode.Parse(File.ReadAllText(runner.Store.PathOf(Stub.OutputUri("Probe", "probe") + "/args.json")))!;
            var values = args["values"]!.AsArray().Select(v => v!.GetValue<string>()).ToList();
            Assert.True(
                values.Count == patterns.Count && values.Zip(patterns).All(p => Regex.IsMatch(p.First, $"^(?:{p.Second})$", RegexOptions.None, TimeSpan.FromSeconds(1))),
                $"{id}: the probe received [{string.Join(", ", values.Select(v => $"'{v}'"))}], expected [{string.Join(", ", patterns)}]");
        }
    }
}
