using System.Globalization;
using MlPipeline.SageMakerPipelines.Images;
using MlPipeline.Scaffolder.Manifest;
using MlPipeline.Scaffolder.Spec;
using Scriban.Runtime;

namespace MlPipeline.Scaffolder.Rendering;

/// <summary>
/// What a template sees: <c>project</c> (the name forms), <c>options</c> (every answer; free text wrapped in
/// <see cref="FreeText"/>), <c>answers</c> (name, value and type of each, in manifest order), <c>template</c>
/// (id and version), <c>containers</c> (the SageMaker framework containers by framework name, from the library's
/// container catalogue: <c>containers.sklearn.python</c>, <c>.requirements</c>, …), <c>python</c> (the oldest Python
/// any of those containers runs: <c>python.oldest</c> 3.8, <c>python.ruff_target</c> py38; <c>python.ruff</c>, the Ruff
/// version the generated pyproject.toml requires and CI installs; <c>python.mypy</c>, the mypy version CI installs) and
/// one object per escaping
/// function (<c>yaml.quote</c>, <c>json.quote</c>, …).
/// </summary>
internal static class TemplateGlobals
{
    /// <summary>
    /// The Ruff version generated projects lint and format their Python with: pyproject.toml requires it and CI
    /// installs it. The tests check the generated scripts with this very version (its WebAssembly build, installed by
    /// eng/install-test-tools.sh, which refuses a pyproject.toml that requires another).
    /// </summary>
    public const string RuffVersion = "0.17.4";

    /// <summary>
    /// The mypy version generated CI type-checks the step scripts with: the one the tests check them with (Debian's
    /// python3-mypy for /usr/bin/python3, installed by eng/install-test-tools.sh).
    /// </summary>
    public const string MypyVersion = "1.0.1";

    public static ScriptObject Create(TemplateManifest manifest, ProjectSpec spec, IReadOnlyDictionary<string, string> nameForms)
    {
        var project = new ScriptObject();
        foreach (var (form, value) in nameForms)
        {
            project.Add(form, value);
        }

        var options = new ScriptObject();
        var answers = new ScriptArray();
        foreach (var (name, value) in spec.Answers)
        {
            var definition = manifest.FindOption(name);
            var exposed = value is string text && name != "name" && definition?.Type == OptionType.String
                ? new FreeText(name, text)
                : value;
            options.Add(name, exposed);
            answers.Add(new ScriptObject
            {
                ["name"] = name,
                ["value"] = name == "name" ? nameForms["name"] : exposed,
                ["type"] = (definition?.Type ?? OptionType.String).ToString().ToLowerInvariant(),
            });
        }

        var globals = new ScriptObject
        {
            ["project"] = project,
            ["options"] = options,
            ["answers"] = answers,
            ["template"] = new ScriptObject { ["id"] = spec.TemplateId, ["version"] = spec.TemplateVersion.ToString() },
            ["containers"] = Containers(),
            ["python"] = OldestPython(),
            ["yaml"] = Functions(("quote", value => Escaping.Yaml(Text(value))), ("value", YamlValue)),
            ["json"] = Functions(("quote", value => Escaping.JsonString(Text(value)))),
            ["hcl"] = Functions(("quote", value => Escaping.Hcl(Text(value)))),
            ["py"] = Functions(("quote", value => Escaping.Python(Text(value)))),
            ["cs"] = Functions(("quote", value => Escaping.CSharp(Text(value)))),
            ["xml"] = Functions(("escape", value => Escaping.Xml(Text(value)))),
            ["md"] = Functions(("escape", value => Escaping.Markdown(Text(value)))),
        };
        // present VALUE: whether an answer is given (not empty), so templates can test free text without writing it.
        globals.Add("present", ScriptFunction.Of(value => Text(value).Length > 0));
        return globals;
    }

    /// <summary>
    /// containers.sklearn and containers.xgboost: <c>id</c> (sklearn-1.2-1), <c>image</c> (sagemaker-scikit-learn:1.2-1),
    /// <c>python</c>, <c>oldest_python</c>, <c>requirements</c> (pip lines), <c>summary</c> (numpy 1.24.1, …, joblib
    /// 1.1.1 or newer) and <c>libraries</c> (package, version, pinned, source): the facts of ContainerCatalog, so
    /// generated pins never drift from it.
    /// </summary>
    private static ScriptObject Containers()
    {
        var result = new ScriptObject();
        foreach (var container in ContainerCatalog.All)
        {
            var libraries = new ScriptArray();
            foreach (var library in container.Libraries)
            {
                libraries.Add(new ScriptObject
                {
                    ["package"] = library.Package,
                    ["module"] = library.Module,
                    ["version"] = library.Version,
                    ["pinned"] = library.Pinned,
                    ["requirement"] = library.Requirement,
                    ["source"] = library.Source,
                });
            }

            result.Add(container.Framework, new ScriptObject
            {
                ["id"] = container.Id,
                ["framework"] = container.Framework,
                ["version"] = container.Version,
                ["image"] = container.DisplayName,
                ["python"] = container.PythonVersion,
                ["oldest_python"] = container.OldestPythonVersion,
                ["python_source"] = container.PythonSource,
                ["libraries"] = libraries,
                ["requirements"] = new ScriptArray(container.Libraries.Select(l => l.Requirement)),
                ["summary"] = string.Join(", ", container.Libraries.Select(l => $"{l.Package} {l.Version}{(l.Pinned ? "" : " or newer")}")),
            });
        }

        return result;
    }

    /// <summary>
    /// python.oldest (3.8) and python.ruff_target (py38): the oldest Python of every container in the catalogue (the
    /// step scripts' shared helpers run in all of them), the version linters and type checkers of the scripts target.
    /// </summary>
    private static ScriptObject OldestPython()
    {
        var oldest = ContainerCatalog.All.Select(c => Version.Parse(c.OldestPythonVersion)).Min()!;
        return new ScriptObject
        {
            ["oldest"] = oldest.ToString(2),
            ["ruff_target"] = string.Create(CultureInfo.InvariantCulture, $"py{oldest.Major}{oldest.Minor}"),
            ["ruff"] = RuffVersion,
            ["mypy"] = MypyVersion,
        };
    }

    private static ScriptObject Functions(params (string Name, Func<object?, string> Function)[] functions)
    {
        var result = new ScriptObject();
        foreach (var (name, function) in functions)
        {
            result.Add(name, ScriptFunction.Of(function));
        }

        return result;
    }

    /// <summary>yaml.value: booleans and numbers as YAML scalars, everything else quoted.</summary>
    private static string YamlValue(object? value) => value switch
    {
        bool flag => flag ? "true" : "false",
        long number => number.ToString(CultureInfo.InvariantCulture),
        _ => Escaping.Yaml(Text(value)),
    };

    private static string Text(object? value) => value switch
    {
        FreeText text => text.Value,
        string text => text,
        bool flag => flag ? "true" : "false",
        long number => number.ToString(CultureInfo.InvariantCulture),
        int number => number.ToString(CultureInfo.InvariantCulture),
        null => "",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
