using System.Text.RegularExpressions;
using MlPipeline.Scaffolder.Tests.Infrastructure;
using MlPipeline.Scaffolder.Tests.Templates;
using MlPipeline.Tests.Shared;
using Xunit.Abstractions;

namespace MlPipeline.Scaffolder.Tests.EndToEnd;

/// <summary>
/// The generated step scripts run in more than one SageMaker container, with older libraries than this machine's.
/// Their own pytest tests run in the floor environment, whose libraries are at or below every container's
/// (Infrastructure/Floor.cs), and the floor reads what the model archive carries for the endpoint, as written by
/// this machine's newer libraries. With this machine's /usr/bin/python3 the same tests run in
/// GeneratedProjectTests, as the generated CI runs them (ContainerParityTests checks that CI covers them all).
/// </summary>
[Trait("Category", "Slow")]
public sealed partial class ContainerFloorTests(ITestOutputHelper log)
{
    private const string HostPython = "/usr/bin/python3";

    [Theory]
    [InlineData("sklearn")]
    [InlineData("xgboost")]
    public void The_tests_of_every_script_that_runs_in_a_container_pass_in_the_floor_environment(string framework)
    {
        using var temp = new TempDirectory();
        var project = Generate(temp, framework);
        var tests = ContainerParityTests.ScriptContainers(Scaffold.Render("framework=" + framework)).Keys.Select(script => $"steps/tests/test_{script}").Order(StringComparer.Ordinal).ToList();

        var result = Floor.Run(project, $"python3 -m pytest -p no:cacheprovider -rs {string.Join(' ', tests)}", TimeSpan.FromMinutes(15));

        var summary = Regex.Match(result.Output, @"=+ (.*) in [0-9.]+s").Groups[1].Value;
        log.WriteLine($"{framework} in the floor: {summary}");
        Assert.True(result.ExitCode == 0, $"{framework}: pytest failed in the floor environment:\n{result.All}");
        Assert.Equal(7, tests.Count);
        // No skips: a test the floor could not run for a reason outside the script would need that reason written
        // in the skip, and none does.
        Assert.Matches(@"^\d+ passed(, \d+ warnings?)?$", summary);
    }

    [Theory]
    [InlineData("sklearn")]
    [InlineData("xgboost")]
    public void The_floor_reads_what_the_model_archive_carries_for_the_endpoint_as_this_machine_wrote_it(string framework)
    {
        using var temp = new TempDirectory();
        var project = Generate(temp, framework);
        var work = Path.Combine(project, "work");
        foreach (var command in new[]
        {
            $"{HostPython} data/generate.py --rows 300 --seed 5 --out work/raw/sample.csv",
            $"{HostPython} steps/clean.py --input-dir work/raw --output-dir work/cleaned",
            $"{HostPython} steps/feature.py --input-dir work/cleaned --seed 3 --train-dir work/train --validation-dir work/validation --test-dir work/test --transformer-dir work/transformer",
            $"{HostPython} steps/train.py --train work/train --validation work/validation --model-dir work/model --transformer work/transformer",
        })
        {
            Directory.CreateDirectory(Path.Combine(work, "raw"));
            var made = ProcessRunner.Run("/bin/sh", ["-c", command], project, timeout: TimeSpan.FromMinutes(5));
            Assert.True(made.ExitCode == 0, $"{command}:\n{made.All}");
        }

        // What the endpoint reads besides the model itself (a joblib file the same scikit-learn container wrote, or
        // XGBoost's own format): every other file must load with the serving code under the floor's libraries.
        var model = framework == "xgboost" ? "xgboost-model.json" : "model.joblib";
        var carried = Directory.GetFiles(Path.Combine(work, "model")).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(new[] { model, "transformer.json" }.Order(StringComparer.Ordinal), carried);
        const string read = """
            import json, os, sys
            sys.path.insert(0, "steps")
            from common import read_json
            from transformer import transform
            from inference import input_fn
            rows = open("work/raw/sample.csv").read().splitlines()
            request = "\n".join(",".join(line.split(",")[:9]) for line in rows[:40]) + "\n"
            for name in sorted(os.listdir("work/model")):
                if name != sys.argv[1]:
                    features = transform(input_fn(request, "text/csv"), read_json(os.path.join("work/model", name)))
                    print(name, json.dumps(features.to_numpy(dtype=float).round(6).tolist()))
            """;
        File.WriteAllText(Path.Combine(work, "read.py"), read);

        var here = ProcessRunner.Run(HostPython, ["work/read.py", model], project);
        var floor = Floor.Run(project, $"python3 work/read.py {model}", TimeSpan.FromMinutes(5));

        Assert.True(here.ExitCode == 0, here.All);
        Assert.True(floor.ExitCode == 0, $"the floor could not read the model archive's transformer.json:\n{floor.All}");
        Assert.StartsWith("transformer.json [[", floor.Output, StringComparison.Ordinal);
        Assert.Equal(here.Output, floor.Output);
    }

    private static string Generate(TempDirectory temp, string framework)
    {
        var project = temp.Combine("Churn");
        var (code, _, error) = Mlpipeline.Run("new", project, "--framework", framework, "--no-git");
        Assert.True(code == 0, error);
        return project;
    }
}
