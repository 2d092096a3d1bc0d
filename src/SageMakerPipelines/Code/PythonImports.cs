using System.Text.RegularExpressions;

namespace MlPipeline.SageMakerPipelines.Code;

/// <summary>
/// Which modules of their own folder Python scripts import, followed from import to import: the files a step's
/// code bundle needs. Read from the text, never run: <c>import a, b as c</c> and <c>from a import b</c> statements at
/// any indentation (an import inside a function counts), the first part of a dotted name; relative imports and
/// modules imported by a computed name (importlib) are not followed. A name that is not a file of the folder (a
/// library, the standard library) is skipped. An import-looking line inside a string counts too (a bundle gets a
/// file more, which is harmless).
/// </summary>
internal static partial class PythonImports
{
    /// <summary>The scripts and every module of the folder they import, directly or not, as file names in ordinal order.</summary>
    /// <param name="scripts">The scripts' file names, such as train.py.</param>
    /// <param name="source">The text of a file of the folder by name, or null when the folder has no such file.</param>
    public static IReadOnlyList<string> Closure(IEnumerable<string> scripts, Func<string, string?> source)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Queue<string>();
        foreach (var script in scripts)
        {
            if (found.Add(script))
            {
                pending.Enqueue(script);
            }
        }

        while (pending.TryDequeue(out var file))
        {
            var text = source(file) ?? throw new FileNotFoundException($"The script {file} does not exist.", file);
            foreach (var module in Imported(text))
            {
                var dependency = module + ".py";
                if (!found.Contains(dependency) && source(dependency) is not null)
                {
                    found.Add(dependency);
                    pending.Enqueue(dependency);
                }
            }
        }

        return [.. found];
    }

    /// <summary>The top-level names of the modules a script's text imports, in order of appearance.</summary>
    /// <param name="text">The script's text.</param>
    public static IEnumerable<string> Imported(string text)
    {
        foreach (Match statement in ImportStatement().Matches(text))
        {
            if (statement.Groups["from"].Success)
            {
                yield return statement.Groups["from"].Value;
                continue;
            }

            foreach (var part in statement.Groups["names"].Value.Split('#')[0].Split(','))
            {
                var name = TopLevelName().Match(part);
                if (name.Success)
                {
                    yield return name.Groups[1].Value;
                }
            }
        }
    }

    [GeneratedRegex(@"(?:^|;)[ \t]*(?:from[ \t]+(?<from>[A-Za-z_]\w*)(?:\.[\w.]*)?[ \t]+import\b|import[ \t]+(?<names>[^\r\n;]+))", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex ImportStatement();

    [GeneratedRegex(@"^\s*([A-Za-z_]\w*)(?:\.[\w.]*)?(?:\s+as\s+\w+)?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex TopLevelName();
}
