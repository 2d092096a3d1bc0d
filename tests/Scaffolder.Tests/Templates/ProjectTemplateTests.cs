using System.Text.Json;
using MlPipeline.Scaffolder.Tests.Infrastructure;
using MlPipeline.Tests.Shared;

namespace MlPipeline.Scaffolder.Tests.Templates;

/// <summary>The real project template, rendered per scenario: golden files, and the real linters of each format.</summary>
public class ProjectTemplateTests
{
    public static TheoryData<string, string[]> Scenarios() => new()
    {
        { "default", [] },
        { "cloudformation-gitlab", ["name=Acme.Churn-Model", "iac=cloudformation", "ci=gitlab", "region=eu-west-1"] },
        { "xgboost-none", ["name=Fraud2Detector", "framework=xgboost", "ci=none", "description=Flags \"risky\" payments: <50ms, 99.9% recall & ${no} {{interpolation}}", "owner=Payments Team @ Acme"] },
    };

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Matches_its_snapshot(string scenario, string[] set)
    {
        Snapshot.Verify(scenario, Scaffold.Render(set));
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Every_yaml_and_json_file_parses(string scenario, string[] set)
    {
        var tree = Scaffold.Render(set);
        foreach (var file in tree.Files.Where(f => f.Path.EndsWith(".yaml", StringComparison.Ordinal) || f.Path.EndsWith(".yml", StringComparison.Ordinal)))
        {
            var stream = new YamlDotNet.RepresentationModel.YamlStream();
            // CloudFormation short-form tags (!Ref, !Sub) are YAML tags; YamlDotNet keeps them as tags.
            stream.Load(new StringReader(tree.Text(file.Path)));
            Assert.True(stream.Documents.Count == 1, $"{scenario}: {file.Path}");
        }

        foreach (var file in tree.Files.Where(f => f.Path.EndsWith(".json", StringComparison.Ordinal)))
        {
            JsonDocument.Parse(file.Content).Dispose();
        }
    }

    [Fact]
    public void The_cloudformation_stack_passes_cfn_lint_without_errors_or_warnings()
    {
        using var temp = new TempDirectory();
        foreach (var (scenario, set) in new[] { ("plain", new[] { "iac=cloudformation" }), ("odd", ["iac=cloudformation", "name=A.B-C.D2e.Fghijklmnopqrstuvwxyz", "owner=Ünïcode Team: a/b=c+d-e@f"]) })
        {
            var path = temp.Combine(scenario + ".yaml");
            File.WriteAllBytes(path, Scaffold.Render(set).Find("infra/cloudformation/stack.yaml")!.Content);

            var result = ProcessRunner.Run("cfn-lint", ["--format", "parseable", path]);

            Assert.True(result.ExitCode == 0, $"{scenario}: cfn-lint found:\n{result.All}");
        }
    }

    [Fact]
    public void Every_terraform_file_parses_with_HashiCorps_parser_and_every_variable_is_declared()
    {
        using var temp = new TempDirectory();
        TestPaths.RequireTool("node_modules/@cdktf/hcl2json");
        var tree = Scaffold.Render("name=A.B-C.D2e", "owner=Ünïcode Team: a/b=c+d-e@f");
        var files = tree.Files.Where(f => f.Path.EndsWith(".tf", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            File.WriteAllBytes(temp.Combine(Path.GetFileName(file.Path)), file.Content);
        }

        var result = ProcessRunner.Run("node", [Path.Combine(TestPaths.RepoRoot, "tests", "tools", "hcl2json.mjs"), TestPaths.Tools, .. files.Select(f => temp.Combine(Path.GetFileName(f.Path)))]);

        Assert.True(result.ExitCode == 0, result.All);
        using var parsed = JsonDocument.Parse(result.Output);
        var declared = parsed.RootElement.EnumerateObject()
            .SelectMany(f => f.Value.TryGetProperty("variable", out var v) ? v.EnumerateObject().Select(p => p.Name) : [])
            .ToHashSet(StringComparer.Ordinal);
        var used = System.Text.RegularExpressions.Regex.Matches(string.Concat(files.Select(f => System.Text.Encoding.UTF8.GetString(f.Content))), @"\bvar\.([A-Za-z_][A-Za-z0-9_-]*)")
            .Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        Assert.Empty(used.Except(declared));
        Assert.Equal("Ünïcode Team: a/b=c+d-e@f", parsed.RootElement.EnumerateObject().Single(f => f.Name.EndsWith("variables.tf", StringComparison.Ordinal)).Value
            .GetProperty("variable").GetProperty("owner")[0].GetProperty("default").GetString());
    }

    [Fact]
    public void The_readme_shows_free_text_as_written()
    {
        var description = "Flags *risky* payments <fast> & [cheap] | ~done~";
        var readme = Scaffold.Render("description=" + description).Text("README.md");
        var line = readme.Split('\n')[2];

        Assert.Equal(description, Markdig.Markdown.ToPlainText(line).TrimEnd('\n'));
    }
}
