using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MlPipeline.SageMakerPipelines.Code;
using MlPipeline.SageMakerPipelines.Images;
using MlPipeline.Scaffolder.Rendering;
using MlPipeline.Scaffolder.Tests.Infrastructure;
using MlPipeline.Tests.Shared;
using YamlDotNet.RepresentationModel;

namespace MlPipeline.Scaffolder.Tests.Templates;

/// <summary>
/// The generated project tests each step script with the Python and libraries of the SageMaker container that
/// runs it: which container runs which script comes from the definition (its golden file), the versions from the
/// library's container catalogue, and the requirements files, the CI jobs and the README are parsed to compare.
/// </summary>
public partial class ContainerParityTests
{
    public static TheoryData<string, string> Projects() => new()
    {
        { "sklearn", "github" },
        { "sklearn", "gitlab" },
        { "xgboost", "github" },
        { "xgboost", "gitlab" },
    };

    [Theory]
    [MemberData(nameof(Projects))]
    public void Every_requirements_file_that_ci_or_the_readme_installs_is_in_the_project(string framework, string ci)
    {
        var tree = Scaffold.Render("framework=" + framework, "ci=" + ci);
        var paths = tree.Files.Select(f => f.Path).ToHashSet();
        var installed = tree.Files.Where(f => f.Path is "README.md" || f.Path.StartsWith(".github/", StringComparison.Ordinal) || f.Path == ".gitlab-ci.yml")
            .SelectMany(f => Regex.Matches(tree.Text(f.Path), @"(?:-r |cache-dependency-path: |files: \[[^\]]*?)(steps/requirements[\w.-]*\.txt)").Select(m => (File: f.Path, Requirements: m.Groups[1].Value)))
            .ToList();

        Assert.Contains(installed, i => i.Requirements == "steps/requirements-deploy.txt" || ci == "none");
        Assert.All(installed, i => Assert.True(paths.Contains(i.Requirements), $"{i.File} installs {i.Requirements}, which the project does not have"));
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void Every_container_script_is_tested_by_one_ci_job_with_its_containers_python_and_pins(string framework, string ci)
    {
        var tree = Scaffold.Render("framework=" + framework, "ci=" + ci);
        var scripts = ScriptContainers(tree);
        var jobs = ci == "github" ? GithubJobs(tree) : GitlabJobs(tree);
        var tests = tree.Files.Select(f => f.Path).Where(p => TestFile().IsMatch(p)).ToList();

        Assert.Equal(["baseline.py", "clean.py", "evaluation.py", "feature.py", "inference.py", "serve_check.py", "train.py"], scripts.Keys.Order(StringComparer.Ordinal));
        foreach (var (script, container) in scripts)
        {
            var test = $"steps/tests/test_{script}";
            Assert.Contains(test, tests);
            var job = Assert.Single(jobs, j => j.Tests(tests).Contains(test));
            Assert.True(job.Python == container.PythonVersion, $"{job.Name} tests {script} with Python {job.Python}; {script} runs in {container.DisplayName}, Python {container.PythonVersion}");
            Assert.Equal(container.Libraries.Select(l => l.Requirement).Order(StringComparer.Ordinal), CatalogueLines(tree.Text(job.Requirements)));
        }

        // Two containers give two jobs; every test file of a container script is run once.
        Assert.Equal(scripts.Values.Distinct().Count(), jobs.Count);
    }

    [Theory]
    [InlineData("sklearn", "none")]
    [InlineData("xgboost", "none")]
    [InlineData("xgboost", "github")]
    public void The_readme_installs_the_python_and_versions_of_the_container_whose_pins_are_in_requirements_txt(string framework, string ci)
    {
        var tree = Scaffold.Render("framework=" + framework, "ci=" + ci);
        var readme = tree.Text("README.md");
        // requirements.txt and one per other container; requirements-deploy.txt holds CI's AWS tools, not a container's pins.
        var containerFiles = ContainerCatalog.All.Select(c => $"steps/requirements-{c.Id}.txt").Append("steps/requirements.txt").ToHashSet();
        foreach (var file in tree.Files.Where(f => containerFiles.Contains(f.Path)))
        {
            var container = Assert.Single(ContainerCatalog.All, c => c.Libraries.Select(l => l.Requirement).Order(StringComparer.Ordinal).SequenceEqual(CatalogueLines(tree.Text(file.Path))));
            var versions = string.Join(", ", container.Libraries.Select(l => $"{l.Package} {l.Version}{(l.Pinned ? "" : " or newer")}"));
            if (file.Path == "steps/requirements.txt")
            {
                // The local environment is that of the container that trains, evaluates and serves.
                Assert.Equal(framework, container.Framework);
                // `venv` installs PipelineApp.PythonRequirements (the pipeline class names steps/requirements.txt).
                Assert.Contains($"`venv` makes `.venv` with `python{container.PythonVersion}` (or `python3` when that is not on PATH), installs `steps/requirements.txt`",
                    readme.Replace("\n", " ", StringComparison.Ordinal), StringComparison.Ordinal);
                Assert.Contains("PythonRequirements = [\"steps/requirements.txt\"]", tree.Text(tree.Files.Single(f => f.Path.StartsWith("src/", StringComparison.Ordinal) && f.Path.EndsWith("Pipeline.cs", StringComparison.Ordinal)).Path), StringComparison.Ordinal);
                Assert.Contains($"Python {container.PythonVersion} with these libraries:\n{versions}.", readme, StringComparison.Ordinal);
            }
            else
            {
                var paragraph = readme.Split("\n\n").Single(p => p.Contains(file.Path, StringComparison.Ordinal)).ReplaceLineEndings(" ");
                Assert.Contains($"Python {container.PythonVersion} and libraries ({versions})", paragraph, StringComparison.Ordinal);
            }
        }
    }

    [Theory]
    [InlineData("sklearn")]
    [InlineData("xgboost")]
    public void Every_container_script_parses_as_the_oldest_python_of_every_container_it_runs_in(string framework)
    {
        var tree = Scaffold.Render("framework=" + framework);
        var scripts = ScriptContainers(tree);
        using var temp = new TempDirectory();
        foreach (var file in tree.Files.Where(f => f.Path.StartsWith("steps/", StringComparison.Ordinal) && f.Path.Count(c => c == '/') == 1))
        {
            File.WriteAllBytes(temp.Combine(file.Path["steps/".Length..]), file.Content);
        }

        // Each file of a step's code bundle (its script and the helper modules it imports) meets that step's container.
        var oldest = scripts
            .SelectMany(s => CodeBundle.FromScripts(s.Key, temp.Path, [s.Key]).Files.Select(f => (File: f.FileName, Python: s.Value.OldestPythonVersion)))
            .GroupBy(f => f.File, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Select(f => f.Python).Min(StringComparer.Ordinal)!))
            .ToList();
        var checks = new List<string>();
        foreach (var (script, python) in oldest)
        {
            checks.Add($"ast.parse(open({Escaping.Python(temp.Combine(script))}).read(), {Escaping.Python(script)}, feature_version=({python.Replace('.', ',')}))");
        }

        var result = ProcessRunner.Run("/usr/bin/python3", ["-c", "import ast\n" + string.Join('\n', checks) + "\nprint('parsed', " + checks.Count + ")"]);

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains($"parsed {checks.Count}", result.Output, StringComparison.Ordinal);
        // The helpers travel with the scripts that import them: schema.py with Clean, Feature and the endpoint.
        Assert.Contains(oldest, f => f.Item1 == "schema.py");
        Assert.Contains(oldest, f => f.Item1 == "common.py");
        if (framework == "xgboost")
        {
            Assert.Contains(("train.py", "3.8"), oldest);
            Assert.Contains(("scoring.py", "3.8"), oldest);
        }
    }

    /// <summary>Each step script and the container that runs it, from the definition: processing entrypoints, the training program and the serving program.</summary>
    internal static Dictionary<string, FrameworkContainer> ScriptContainers(GeneratedTree tree)
    {
        var golden = tree.Files.Single(f => f.Path.EndsWith("/definition.golden.json", StringComparison.Ordinal));
        var definition = JsonNode.Parse(golden.Content)!;
        var result = new Dictionary<string, FrameworkContainer>(StringComparer.Ordinal);
        void Add(string script, string? image) =>
            result.Add(script, ContainerCatalog.ForImage(image ?? "") ?? throw new Xunit.Sdk.XunitException($"{script} runs in {image}, which the catalogue does not know"));
        foreach (var step in Steps(definition["Steps"]!.AsArray()))
        {
            var arguments = step["Arguments"]!;
            switch (step["Type"]!.GetValue<string>())
            {
                case "Processing":
                    Add(Path.GetFileName(arguments["AppSpecification"]!["ContainerEntrypoint"]![1]!.GetValue<string>()), arguments["AppSpecification"]!["ImageUri"]!.GetValue<string>());
                    break;
                case "Training":
                    Add(arguments["HyperParameters"]!["sagemaker_program"]!.GetValue<string>().Trim('"'), arguments["AlgorithmSpecification"]!["TrainingImage"]!.GetValue<string>());
                    break;
                case "RegisterModel":
                    foreach (var container in arguments["InferenceSpecification"]!["Containers"]!.AsArray())
                    {
                        Add(container!["Environment"]!["SAGEMAKER_PROGRAM"]!.GetValue<string>(), container["Image"]!.GetValue<string>());
                    }

                    break;
            }
        }

        return result;
    }

    private static IEnumerable<JsonNode> Steps(JsonArray steps) => steps.OfType<JsonNode>().SelectMany(step =>
        step["Type"]!.GetValue<string>() == "Condition"
            ? Steps(step["Arguments"]!["IfSteps"]!.AsArray()).Concat(Steps(step["Arguments"]!["ElseSteps"]!.AsArray()))
            : [step]);

    /// <summary>The lines of a requirements file that name a library the catalogue knows, as written.</summary>
    private static List<string> CatalogueLines(string requirements)
    {
        var known = ContainerCatalog.All.SelectMany(c => c.Libraries).Select(l => l.Package).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return requirements.Split('\n').Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#') && known.Contains(Regex.Split(l, "[=<>~!]")[0]))
            .Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>A CI job that runs step tests: its name, its Python, the requirements file it installs and its pytest arguments.</summary>
    internal sealed record PythonJob(string Name, string Python, string Requirements, IReadOnlyList<string> PytestArguments)
    {
        /// <summary>The test files the pytest line runs: files named, or every file of a folder named, less --ignore ones.</summary>
        public List<string> Tests(IReadOnlyList<string> all)
        {
            var ignored = PytestArguments.Where(a => a.StartsWith("--ignore=", StringComparison.Ordinal)).Select(a => a["--ignore=".Length..]).ToHashSet(StringComparer.Ordinal);
            return PytestArguments.Where(a => !a.StartsWith('-'))
                .SelectMany(a => a.EndsWith(".py", StringComparison.Ordinal) ? [a] : all.Where(t => t.StartsWith(a.TrimEnd('/') + "/", StringComparison.Ordinal)))
                .Where(t => !ignored.Contains(t)).Distinct(StringComparer.Ordinal).ToList();
        }
    }

    internal static List<PythonJob> GithubJobs(GeneratedTree tree)
    {
        var root = Yaml(tree.Text(".github/workflows/ci.yml"));
        var result = new List<PythonJob>();
        foreach (var (name, job) in ((YamlMappingNode)root["jobs"]).Children)
        {
            var steps = ((YamlSequenceNode)job["steps"]).Children.OfType<YamlMappingNode>().ToList();
            var runs = steps.Where(s => s.Children.ContainsKey(new YamlScalarNode("run"))).Select(s => s["run"].ToString()).ToList();
            var pytest = runs.FirstOrDefault(r => r.Contains("-m pytest", StringComparison.Ordinal));
            if (pytest is null)
            {
                continue;
            }

            var python = steps.Single(s => s.Children.TryGetValue(new YamlScalarNode("uses"), out var uses) && uses.ToString().StartsWith("actions/setup-python@", StringComparison.Ordinal))["with"]["python-version"].ToString();
            result.Add(new PythonJob(name.ToString(), python, Requirements(runs), PytestArguments(pytest)));
        }

        return result;
    }

    internal static List<PythonJob> GitlabJobs(GeneratedTree tree)
    {
        var root = (YamlMappingNode)Yaml(tree.Text(".gitlab-ci.yml"));
        var result = new List<PythonJob>();
        foreach (var (name, node) in root.Children)
        {
            if (node is not YamlMappingNode job || !job.Children.TryGetValue(new YamlScalarNode("script"), out var script))
            {
                continue;
            }

            var lines = Lines(job, "before_script", root).Concat(((YamlSequenceNode)script).Children.Select(l => l.ToString())).ToList();
            var pytest = lines.FirstOrDefault(l => l.Contains("-m pytest", StringComparison.Ordinal));
            if (pytest is null)
            {
                continue;
            }

            // The Python is the job's python image, or the one uv fetches in the before_script it extends.
            var image = job.Children.TryGetValue(new YamlScalarNode("image"), out var i) ? i.ToString() : "";
            var python = Regex.Match(image, @"^python:([0-9.]+)") is { Success: true } m ? m.Groups[1].Value
                : Regex.Match(string.Join('\n', lines), @"uv venv .*--python ([0-9.]+)").Groups[1].Value;
            result.Add(new PythonJob(name.ToString(), python, Requirements(lines), PytestArguments(pytest)));
        }

        return result;
    }

    /// <summary>A job's lines of a key, following `extends` (the generated file uses one level of it).</summary>
    private static IEnumerable<string> Lines(YamlMappingNode job, string key, YamlMappingNode root)
    {
        if (job.Children.TryGetValue(new YamlScalarNode(key), out var own))
        {
            return ((YamlSequenceNode)own).Children.OfType<YamlScalarNode>().Select(l => l.Value ?? "");
        }

        return job.Children.TryGetValue(new YamlScalarNode("extends"), out var parent)
            ? Lines((YamlMappingNode)root[parent.ToString()], key, root)
            : [];
    }

    private static string Requirements(IEnumerable<string> lines) =>
        lines.Select(l => Regex.Match(l, @"pip install (?:-q )?-r (\S+)")).Where(m => m.Success).Select(m => m.Groups[1].Value).Distinct().Single();

    private static List<string> PytestArguments(string line) => [.. line[(line.IndexOf("-m pytest", StringComparison.Ordinal) + "-m pytest".Length)..].Split(' ', StringSplitOptions.RemoveEmptyEntries)];

    private static YamlNode Yaml(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents[0].RootNode;
    }

    [GeneratedRegex(@"^steps/tests/test_[a-z_]+\.py$")]
    private static partial Regex TestFile();
}
