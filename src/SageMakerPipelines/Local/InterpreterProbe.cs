using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using MlPipeline.SageMakerPipelines.Definition;
using MlPipeline.SageMakerPipelines.Images;

namespace MlPipeline.SageMakerPipelines.Local;

/// <summary>
/// What the local interpreter is: its Python version and the versions of the libraries the container catalogue
/// lists, read from their installed metadata (nothing is imported, so it takes a fraction of a second), and how
/// that differs from the containers the steps of a definition run in.
/// </summary>
internal static partial class InterpreterProbe
{
    public sealed record Interpreter(string PythonVersion, IReadOnlyDictionary<string, string?> Libraries);

    // Python 3.8+ reads versions from importlib.metadata; older ones fall back to importing the module.
    private const string Script = """
        import json, sys
        try:
            from importlib import metadata
        except ImportError:
            metadata = None
        found = {}
        for pair in sys.argv[1:]:
            package, module = pair.split("=")
            try:
                found[package] = metadata.version(package) if metadata else __import__(module).__version__
            except Exception:
                found[package] = None
        print(json.dumps({"python": sys.version.split()[0], "libraries": found}))
        """;

    public static async Task<Interpreter> RunAsync(string python, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Script);
        foreach (var library in ContainerCatalog.All.SelectMany(c => c.Libraries).DistinctBy(l => l.Package))
        {
            start.ArgumentList.Add($"{library.Package}={library.Module}");
        }

        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            var report = process.ExitCode == 0 ? TryParse(await output) : null;
            return report ?? throw new LocalRunException($"'{python}' is not a working Python interpreter: {(await error).Trim()}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new LocalRunException($"Python interpreter '{python}' was not found ({e.Message}); pass --python PATH or set MLPIPELINE_PYTHON.", e);
        }
    }

    /// <summary>
    /// Each way the interpreter differs from the container of a Processing or Training step, once per container
    /// and library, with the steps it concerns. Steps whose image the catalogue does not know are not compared.
    /// </summary>
    public static List<VersionDifference> Differences(Interpreter interpreter, IEnumerable<(string Step, FrameworkContainer Container)> steps)
    {
        var result = new List<VersionDifference>();
        foreach (var group in steps.GroupBy(s => s.Container))
        {
            var container = group.Key;
            var names = group.Select(s => s.Step).ToList();
            if (!container.HasPython(interpreter.PythonVersion))
            {
                result.Add(new VersionDifference(container.DisplayName, "Python", interpreter.PythonVersion, container.PythonVersion, names));
            }

            foreach (var library in container.Libraries)
            {
                var local = interpreter.Libraries.GetValueOrDefault(library.Package);
                if (!library.IsMetBy(local))
                {
                    result.Add(new VersionDifference(container.DisplayName, library.Package, local, library.Pinned ? library.Version : $">={library.Version}", names));
                }
            }
        }

        return result;
    }

    /// <summary>The container each Processing and Training step runs in, when its image is one the catalogue knows.</summary>
    public static IEnumerable<(string Step, FrameworkContainer Container)> StepContainers(IEnumerable<DefinitionStep> steps, RunValues values)
    {
        foreach (var step in steps)
        {
            var image = ImageOf(step, values);
            if (image is not null && ContainerCatalog.ForImage(image) is { } container)
            {
                yield return (step.Name, container);
            }
        }
    }

    /// <summary>The image a Processing or Training step runs, evaluated when it is a parameter or a join; null for other steps.</summary>
    public static string? ImageOf(DefinitionStep step, RunValues values)
    {
        var node = step.Descriptor.ImagePath?.Split('.').Aggregate((JsonNode?)step.Arguments, (at, member) => at?[member]);
        if (node is null)
        {
            return null;
        }

        try
        {
            return RunValues.Text(values.Evaluate(node, step.Name));
        }
        catch (LocalRunException)
        {
            return null; // an image that depends on another step's output is known only while the run goes
        }
    }

    /// <summary>
    /// When a step's log ends with Python's "No module named 'x'", one sentence that names the module, the
    /// interpreter, the step's container and how to fix it; otherwise null.
    /// </summary>
    public static string? MissingModuleAdvice(string? logTail, DefinitionStep step, RunValues values, string python)
    {
        var match = logTail is null ? null : MissingModule().Matches(logTail).LastOrDefault();
        if (match is null)
        {
            return null;
        }

        var module = match.Groups[1].Value;
        var container = ImageOf(step, values) is { } image ? ContainerCatalog.ForImage(image) : null;
        var library = container?.Library(module.Split('.')[0]);
        var there = container is null ? "" : library is null
            ? $" (its container {container.DisplayName} does not have it either, so the script would fail on SageMaker too)"
            : $" (its container {container.DisplayName} has {library.Package} {library.Version})";
        return $"Its script imports Python module '{module}', which {python} does not have{there}; install it into that interpreter, or choose another with --python or MLPIPELINE_PYTHON.";
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"No module named '([^']+)'")]
    private static partial System.Text.RegularExpressions.Regex MissingModule();

    /// <summary>The JSON the lineage records for the interpreter's libraries.</summary>
    public static JsonObject LibrariesJson(Interpreter interpreter) =>
        new(interpreter.Libraries.Select(l => KeyValuePair.Create(l.Key, (JsonNode?)l.Value)));

    private static Interpreter? TryParse(string output)
    {
        try
        {
            var report = JsonNode.Parse(output.Trim().Split('\n')[^1]);
            var python = report?["python"]?.GetValue<string>();
            var libraries = report?["libraries"] as JsonObject;
            return python is null || libraries is null
                ? null
                : new Interpreter(python, libraries.ToDictionary(p => p.Key, p => p.Value?.GetValue<string>(), StringComparer.Ordinal));
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
