using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MlPipeline.SageMakerPipelines.Images;
using MlPipeline.Scaffolder.Rendering;
using MlPipeline.Scaffolder.Tests.Infrastructure;
using MlPipeline.Tests.Shared;
using YamlDotNet.RepresentationModel;

namespace MlPipeline.Scaffolder.Tests.Templates;

/// <summary>
/// The generated project's Python passes the linter and formatter its own pyproject.toml configures, checked with the
/// real Ruff (its WebAssembly build, the version the generated CI installs), and its CI runs both checks.
/// </summary>
public class PythonToolingTests
{
    public static TheoryData<string, string> Projects() => new()
    {
        { "sklearn", "github" },
        { "xgboost", "gitlab" },
    };

    [Theory]
    [MemberData(nameof(Projects))]
    public void Every_python_file_passes_ruff_check_and_needs_no_reformatting_with_the_projects_own_settings(string framework, string ci)
    {
        var tree = Scaffold.Render("framework=" + framework, "ci=" + ci, "name=Acme.Churn-2");
        using var temp = new TempDirectory();
        var files = WritePython(tree, temp);

        var result = Ruff(temp.Combine("pyproject.toml"), files);

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains($"ruff {TemplateGlobals.RuffVersion}", result.Output, StringComparison.Ordinal);
        Assert.Contains($"0 finding(s) in {files.Count} file(s)", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Ruff_with_the_projects_settings_reports_what_it_should_catch()
    {
        // The check above cannot pass by checking nothing: the same settings find an import out of order, code for a
        // newer Python than the containers' (a walrus is 3.8, a match statement is not), a line over 120 columns and
        // code the formatter would change.
        var tree = Scaffold.Render();
        using var temp = new TempDirectory();
        WritePython(tree, temp);
        var bad = temp.Combine("steps", "bad.py");
        File.WriteAllText(bad, "import sys\nimport os\n\n\ndef f(x):\n    match x:\n        case 1:\n            return os.sep\n    return sys.argv[ 0 ]\n\n\nA = '" + new string('a', 130) + "'\n");

        var result = Ruff(temp.Combine("pyproject.toml"), [bad]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("I001", result.Output, StringComparison.Ordinal);
        Assert.Contains("E501", result.Output, StringComparison.Ordinal);
        Assert.Contains("syntax", result.Output, StringComparison.Ordinal);
        Assert.Contains("would be reformatted", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void Pyproject_targets_the_oldest_container_python_requires_the_tested_ruff_and_knows_every_step_module(string framework, string ci)
    {
        var tree = Scaffold.Render("framework=" + framework, "ci=" + ci);
        var ruff = Pyproject(tree)["tool"]!["ruff"]!;
        var oldest = ContainerCatalog.All.Select(c => Version.Parse(c.OldestPythonVersion)).Min()!;

        Assert.Equal($"py{oldest.Major}{oldest.Minor}", ruff["target-version"]!.GetValue<string>());
        Assert.Equal("==" + TemplateGlobals.RuffVersion, ruff["required-version"]!.GetValue<string>());
        // The step scripts import their helpers by bare name; Ruff's command line finds first-party modules from the
        // files, the WebAssembly build only from this list, so the two sort imports alike only when it is complete.
        var modules = tree.Files.Select(f => f.Path).Where(p => Regex.IsMatch(p, @"^steps/(tests/conftest|[^/]+)\.py$"))
            .Select(p => Path.GetFileNameWithoutExtension(p)).Order(StringComparer.Ordinal);
        Assert.Equal(modules, ruff["lint"]!["isort"]!["known-first-party"]!.AsArray().Select(m => m!.GetValue<string>()));
    }

    [Theory]
    [InlineData("github")]
    [InlineData("gitlab")]
    public void Ci_installs_the_required_ruff_and_runs_the_lint_and_the_format_check_over_the_project(string ci)
    {
        var tree = Scaffold.Render("ci=" + ci);
        var lines = CiScriptLines(tree, ci);

        Assert.Contains($"pip install ruff=={TemplateGlobals.RuffVersion}", lines.Select(l => l.Replace(" -q", "", StringComparison.Ordinal)));
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^ruff check( --[\w-]+=\w+)* \.$"));
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^ruff format --check( --diff)? \.$"));
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void Every_public_function_of_the_step_scripts_and_their_modules_has_type_hints(string framework, string ci)
    {
        var tree = Scaffold.Render("framework=" + framework, "ci=" + ci);
        using var temp = new TempDirectory();
        var steps = WritePython(tree, temp).Where(IsStepModule).ToList();

        var result = ProcessRunner.Run("python3", [Path.Combine(TestPaths.RepoRoot, "tests", "tools", "check_annotations.py"), .. steps]);

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Matches($@"^0 unannotated of [1-9][0-9]+ public function\(s\) in {steps.Count} file\(s\)$", result.Output.Trim());
    }

    [Fact]
    public void The_annotation_check_finds_a_missing_parameter_or_return_hint()
    {
        using var temp = new TempDirectory();
        var file = temp.Combine("module.py");
        File.WriteAllText(file, "class A:\n    def m(self, x: int):\n        return x\n\n\ndef f(a, *b: int, c: str = \"\", **d) -> None:\n    def inner(z):\n        pass\n\n\ndef _private(y):\n    pass\n");

        var result = ProcessRunner.Run("python3", [Path.Combine(TestPaths.RepoRoot, "tests", "tools", "check_annotations.py"), file]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("module.py:2: A.m has no type hint for return", result.Output, StringComparison.Ordinal);
        Assert.Contains("module.py:6: f has no type hint for a, d", result.Output, StringComparison.Ordinal);
        Assert.Contains("2 unannotated of 2 public function(s) in 1 file(s)", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void The_step_scripts_pass_mypy_with_the_projects_settings_for_the_oldest_container_python(string framework, string ci)
    {
        var tree = Scaffold.Render("framework=" + framework, "ci=" + ci);
        using var temp = new TempDirectory();
        var steps = WritePython(tree, temp).Count(IsStepModule);

        var result = Mypy(temp.Path);

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains($"Success: no issues found in {steps} source files", result.Output, StringComparison.Ordinal);
        var mypy = Pyproject(tree)["tool"]!["mypy"]!;
        Assert.Equal(ContainerCatalog.All.Select(c => Version.Parse(c.OldestPythonVersion)).Min()!.ToString(2), mypy["python_version"]!.GetValue<string>());
    }

    [Fact]
    public void Mypy_with_the_projects_settings_refuses_an_unannotated_function_and_a_wrong_type()
    {
        var tree = Scaffold.Render();
        using var temp = new TempDirectory();
        WritePython(tree, temp);
        File.WriteAllText(temp.Combine("steps", "helper.py"), "from common import csv_files\n\n\ndef first(folder):\n    return csv_files(folder)[0]\n\n\ndef count(folder: str) -> int:\n    return csv_files(folder)\n");

        var result = Mypy(temp.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("steps/helper.py:4: error: Function is missing a type annotation", result.Output, StringComparison.Ordinal);
        Assert.Contains("steps/helper.py:9: error: Incompatible return value type", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("github")]
    [InlineData("gitlab")]
    public void Ci_installs_the_tested_mypy_and_type_checks_the_step_scripts(string ci)
    {
        var lines = CiScriptLines(Scaffold.Render("ci=" + ci), ci);
        var version = ProcessRunner.Run("/usr/bin/python3", ["-m", "mypy", "--version"]);

        Assert.StartsWith($"mypy {TemplateGlobals.MypyVersion} ", version.Output, StringComparison.Ordinal);
        Assert.Contains(lines, l => Regex.IsMatch(l, $@"(^|&& )(\.venv/bin/)?pip install( -q)? mypy=={Regex.Escape(TemplateGlobals.MypyVersion)}$"));
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^(\.venv/bin/)?python -m mypy$"));
    }

    private static bool IsStepModule(string path) =>
        Path.GetFileName(Path.GetDirectoryName(path)) == "steps" && path.EndsWith(".py", StringComparison.Ordinal);

    private static ProcessRunner.Result Mypy(string project) =>
        ProcessRunner.Run("/usr/bin/python3", ["-m", "mypy", "--cache-dir", Path.Combine(project, ".mypy_cache")], project);

    internal static List<string> WritePython(GeneratedTree tree, TempDirectory temp)
    {
        var files = new List<string>();
        foreach (var file in tree.Files.Where(f => f.Path.EndsWith(".py", StringComparison.Ordinal) || f.Path == "pyproject.toml"))
        {
            var path = temp.Combine(file.Path.Split('/'));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, file.Content);
            if (file.Path.EndsWith(".py", StringComparison.Ordinal))
            {
                files.Add(path);
            }
        }

        Assert.True(files.Count > 20, $"only {files.Count} Python files were generated");
        return files;
    }

    internal static JsonNode Pyproject(GeneratedTree tree)
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.Combine("pyproject.toml"), tree.Text("pyproject.toml"));
        var result = ProcessRunner.Run("python3", ["-c", "import json, sys, tomllib; print(json.dumps(tomllib.load(open(sys.argv[1], 'rb'))))", temp.Combine("pyproject.toml")]);
        Assert.True(result.ExitCode == 0, result.All);
        return JsonNode.Parse(result.Output)!;
    }

    private static ProcessRunner.Result Ruff(string pyproject, IEnumerable<string> files) =>
        ProcessRunner.Run("node", [Path.Combine(TestPaths.RepoRoot, "tests", "tools", "ruff.mjs"), TestPaths.RequireTool("."), pyproject, .. files]);

    /// <summary>Every run line of the CI's jobs (GitHub) or script line (GitLab), one command a line.</summary>
    private static List<string> CiScriptLines(GeneratedTree tree, string ci)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(tree.Text(ci == "github" ? ".github/workflows/ci.yml" : ".gitlab-ci.yml")));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var scripts = ci == "github"
            ? ((YamlMappingNode)root["jobs"]).Children.Values.OfType<YamlMappingNode>()
                .SelectMany(job => ((YamlSequenceNode)job["steps"]).Children.OfType<YamlMappingNode>())
                .Where(step => step.Children.ContainsKey(new YamlScalarNode("run"))).Select(step => step["run"].ToString())
            : root.Children.Values.OfType<YamlMappingNode>()
                .Where(job => job.Children.ContainsKey(new YamlScalarNode("script")))
                .SelectMany(job => ((YamlSequenceNode)job["script"]).Children.Select(line => line.ToString()));
        return scripts.SelectMany(s => s.Split('\n')).Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
    }
}
