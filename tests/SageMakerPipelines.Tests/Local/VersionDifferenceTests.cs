using System.Text.Json.Nodes;
using MlPipeline.SageMakerPipelines.Images;
using MlPipeline.SageMakerPipelines.Local;
using MlPipeline.Tests.Shared;

namespace MlPipeline.SageMakerPipelines.Tests.Local;

/// <summary>
/// A local run says where this machine differs from the SageMaker containers the steps run in: each difference
/// once, with its steps, in the result and the lineage; --strict-versions refuses to run instead.
/// </summary>
public class VersionDifferenceTests
{
    [Fact]
    public async Task A_run_lists_each_difference_from_the_steps_container_once_and_records_them_in_the_lineage()
    {
        using var project = new LocalProject();

        var result = await project.Runner().RunAsync(project.Pipeline());

        Assert.True(result.Succeeded, result.Failure);
        // /usr/bin/python3 is Debian's Python 3.11 with pandas 1.5.3; the scikit-learn 1.2-1 container has Python 3.9 and pandas 1.1.3.
        var python = Assert.Single(result.VersionDifferences, d => d.Library == "Python");
        Assert.Equal(("sagemaker-scikit-learn:1.2-1", "3.9"), (python.Container, python.Expected));
        Assert.Equal(["Prepare", "Train", "Evaluate"], python.Steps);
        var pandas = Assert.Single(result.VersionDifferences, d => d.Library == "pandas");
        Assert.Equal("1.1.3", pandas.Expected);
        Assert.Equal($"pandas {pandas.Local} here, 1.1.3 in sagemaker-scikit-learn:1.2-1 (steps Prepare, Train, Evaluate)", pandas.ToString());
        Assert.Equal(result.VersionDifferences.Count, result.VersionDifferences.DistinctBy(d => (d.Container, d.Library)).Count());
        var lineage = JsonNode.Parse(File.ReadAllText(result.LineagePath))!;
        var recorded = lineage["VersionDifferences"]!.AsArray();
        Assert.Equal(result.VersionDifferences.Count, recorded.Count);
        Assert.Contains(recorded, d => d!["Library"]!.GetValue<string>() == "pandas" && d["ContainerVersion"]!.GetValue<string>() == "1.1.3" && d["Local"]!.GetValue<string>() == pandas.Local);
        Assert.Equal(pandas.Local, lineage["Python"]!["Libraries"]!["pandas"]!.GetValue<string>());
    }

    [Fact]
    public async Task Strict_versions_refuses_to_run_and_names_every_difference()
    {
        using var project = new LocalProject();

        var error = await Assert.ThrowsAsync<LocalRunException>(() => Runner(project, strict: true).RunAsync(project.Pipeline()));

        Assert.Contains("--strict-versions", error.Message, StringComparison.Ordinal);
        Assert.Matches(@"\n  - Python 3\.\d+\.\d+ here, 3\.9 in sagemaker-scikit-learn:1\.2-1 \(steps Prepare, Train, Evaluate\)\n", error.Message);
        Assert.Contains("  - pandas ", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(project.Root, ".mlpipeline", "runs")), "nothing may run");
    }

    [Fact]
    public async Task An_interpreter_with_the_containers_versions_runs_strictly_with_no_differences()
    {
        using var project = new LocalProject();
        using var temp = new TempDirectory();
        var python = FakeContainerPython(temp, ContainerCatalog.Sklearn12);

        var result = await Runner(project, strict: true, python).RunAsync(project.Pipeline());

        Assert.True(result.Succeeded, result.Failure);
        Assert.Empty(result.VersionDifferences);
        Assert.Empty(JsonNode.Parse(File.ReadAllText(result.LineagePath))!["VersionDifferences"]!.AsArray());
    }

    [Fact]
    public async Task A_library_the_container_has_and_this_machine_lacks_is_a_difference_and_its_import_failure_names_module_and_step()
    {
        using var project = new LocalProject(trainScript: "import no_such_module_here\n");
        using var temp = new TempDirectory();
        var python = FakeContainerPython(temp, ContainerCatalog.Sklearn12, without: "joblib");

        var result = await Runner(project, strict: false, python).RunAsync(project.Pipeline());

        var joblib = Assert.Single(result.VersionDifferences);
        Assert.Equal("joblib is not installed here, >=1.1.1 in sagemaker-scikit-learn:1.2-1 (steps Prepare, Train, Evaluate)", joblib.ToString());
        Assert.Contains("Step 'Train' failed", result.Failure, StringComparison.Ordinal);
        Assert.Contains($"Its script imports Python module 'no_such_module_here', which {python} does not have", result.Failure, StringComparison.Ordinal);
        Assert.Contains("its container sagemaker-scikit-learn:1.2-1 does not have it either", result.Failure, StringComparison.Ordinal);
    }

    private static LocalRunner Runner(LocalProject project, bool strict, string python = LocalProject.Python) =>
        new(new LocalRunOptions { ProjectRoot = project.Root, Python = python, StrictVersions = strict });

    /// <summary>
    /// An interpreter that reports the container's versions when the runner asks (the probe passes package=module
    /// arguments) and is the machine's Python for everything else, as a venv with the pinned versions would be.
    /// </summary>
    private static string FakeContainerPython(TempDirectory temp, FrameworkContainer container, string? without = null)
    {
        var libraries = string.Join(", ", container.Libraries.Select(l => $"\"{l.Package}\": {(l.Package == without ? "null" : $"\"{l.Version}\"")}"));
        var path = temp.Combine("python");
        File.WriteAllText(path, $$$"""
            #!/bin/sh
            case "$*" in
              *numpy=numpy*) echo '{"python": "{{{container.PythonVersion}}}.18", "libraries": { {{{libraries}}} }}' ;;
              *) exec {{{LocalProject.Python}}} "$@" ;;
            esac
            """.Replace("\r", "", StringComparison.Ordinal));
        Assert.Equal(0, ProcessRunner.Run("chmod", ["+x", path]).ExitCode);
        return path;
    }
}
