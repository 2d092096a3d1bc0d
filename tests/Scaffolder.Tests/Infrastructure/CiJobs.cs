using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace MlPipeline.Scaffolder.Tests.Infrastructure;

/// <summary>One command line of a CI job, in the order the job runs it, with the environment the CI gives it.</summary>
/// <param name="Step">The step's name or id (GitHub) or the section (GitLab: before_script, script).</param>
/// <param name="Script">The shell text.</param>
/// <param name="Environment">Variables as the CI sets them (GitHub expressions and GitLab references still in them).</param>
/// <param name="Id">The step id (GitHub), for steps.ID.outputs.</param>
/// <param name="WorkingDirectory">The step's working-directory (GitHub), relative to the checkout; null for its root.</param>
internal sealed record CiLine(string Step, string Script, IReadOnlyDictionary<string, string> Environment, string? Id = null, string? WorkingDirectory = null);

/// <summary>A CI job: its lines in order, the image it runs on (GitLab), the actions it uses (GitHub).</summary>
internal sealed record CiJob(string Name, string? Image, IReadOnlyList<CiLine> Lines, IReadOnlyList<(string Uses, IReadOnlyDictionary<string, string> With)> Actions, YamlMappingNode Node);

/// <summary>
/// Reads the generated CI files the way the CI systems do: GitHub workflows (workflow, job and step env; steps in
/// order) and .gitlab-ci.yml (extends merged, !reference resolved, before_script then script).
/// </summary>
internal static partial class CiJobs
{
    public static YamlMappingNode Load(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    /// <summary>Every job of a GitHub workflow.</summary>
    public static IReadOnlyList<CiJob> GitHub(string workflowYaml)
    {
        var root = Load(workflowYaml);
        var workflowEnv = Map(root, "env");
        var jobs = new List<CiJob>();
        foreach (var (key, value) in ((YamlMappingNode)root["jobs"]).Children)
        {
            var job = (YamlMappingNode)value;
            var jobEnv = Merge(workflowEnv, Map(job, "env"));
            var lines = new List<CiLine>();
            var actions = new List<(string, IReadOnlyDictionary<string, string>)>();
            foreach (var step in ((YamlSequenceNode)job["steps"]).Children.OfType<YamlMappingNode>())
            {
                if (Scalar(step, "uses") is { } uses)
                {
                    actions.Add((uses, Map(step, "with")));
                }

                if (Scalar(step, "run") is { } run)
                {
                    lines.Add(new CiLine(Scalar(step, "name") ?? Scalar(step, "id") ?? run, run, Merge(jobEnv, Map(step, "env")), Scalar(step, "id"), Scalar(step, "working-directory")));
                }
            }

            jobs.Add(new CiJob(key.ToString(), null, lines, actions, job));
        }

        return jobs;
    }

    /// <summary>Every job of a .gitlab-ci.yml (hidden templates such as .aws and keywords left out).</summary>
    public static IReadOnlyList<CiJob> GitLab(string yaml)
    {
        var root = Load(yaml);
        var keywords = new HashSet<string>(["stages", "default", "variables", "workflow", "include", "image", "services", "cache", "before_script", "after_script"], StringComparer.Ordinal);
        var defaults = root.Children.TryGetValue(new YamlScalarNode("default"), out var d) ? (YamlMappingNode)d : new YamlMappingNode();
        var globalVariables = Map(root, "variables");
        var jobs = new List<CiJob>();
        foreach (var (key, _) in root.Children)
        {
            var name = key.ToString();
            if (name.StartsWith('.') || keywords.Contains(name))
            {
                continue;
            }

            var job = Resolve(root, name);
            var variables = Merge(globalVariables, Map(job, "variables"));
            var image = job.Children.TryGetValue(new YamlScalarNode("image"), out var i) ? i
                : defaults.Children.TryGetValue(new YamlScalarNode("image"), out var fallback) ? fallback : null;
            var imageName = image switch
            {
                YamlScalarNode scalar => scalar.Value,
                YamlMappingNode mapping => Scalar(mapping, "name"),
                _ => null,
            };
            var lines = new List<CiLine>();
            foreach (var section in new[] { "before_script", "script" })
            {
                if (job.Children.TryGetValue(new YamlScalarNode(section), out var list))
                {
                    lines.AddRange(References(root, list).Select(line => new CiLine(section, line, variables)));
                }
            }

            jobs.Add(new CiJob(name, imageName, lines, [], job));
        }

        return jobs;
    }

    /// <summary>GitLab's variable expansion: $NAME and ${NAME} from the same variables, repeatedly; unknown names stay.</summary>
    public static Dictionary<string, string> ExpandGitLab(IReadOnlyDictionary<string, string> variables, IReadOnlyDictionary<string, string> predefined)
    {
        var all = Merge(predefined, variables);
        for (var round = 0; round < 5; round++)
        {
            foreach (var (key, value) in all.ToList())
            {
                all[key] = GitLabReference().Replace(value, m => all.TryGetValue(m.Groups[1].Value + m.Groups[2].Value, out var v) && v != value ? v : m.Value);
            }
        }

        return all;
    }

    /// <summary>
    /// GitHub's ${{ ... }} expressions, from a table of the values this run gives them (env.NAME from
    /// <paramref name="env"/>); an unknown one is <paramref name="unknown"/>, or fails the test when that is null.
    /// </summary>
    public static string ResolveGitHub(string text, IReadOnlyDictionary<string, string> values, IReadOnlyDictionary<string, string>? env = null, string? unknown = null) =>
        GitHubExpression().Replace(text, m =>
        {
            var expression = m.Groups[1].Value;
            if (values.TryGetValue(expression, out var value))
            {
                return value;
            }

            if (expression.StartsWith("env.", StringComparison.Ordinal) && env is not null && env.TryGetValue(expression[4..], out var variable))
            {
                return ResolveGitHub(variable, values, null, unknown);
            }

            return unknown ?? throw new Xunit.Sdk.XunitException($"The workflow uses ${{{{ {expression} }}}}, which the test does not know how to stand in for.");
        });

    private static YamlMappingNode Resolve(YamlMappingNode root, string name)
    {
        var job = (YamlMappingNode)root[name];
        var merged = new YamlMappingNode();
        if (job.Children.TryGetValue(new YamlScalarNode("extends"), out var extends))
        {
            foreach (var parent in extends is YamlSequenceNode many ? many.Children.Select(c => c.ToString()) : [extends.ToString()])
            {
                merged = DeepMerge(merged, Resolve(root, parent));
            }
        }

        return DeepMerge(merged, job);
    }

    private static YamlMappingNode DeepMerge(YamlMappingNode under, YamlMappingNode over)
    {
        var result = new YamlMappingNode();
        foreach (var (key, value) in under.Children)
        {
            result.Children[key] = value;
        }

        foreach (var (key, value) in over.Children)
        {
            result.Children[key] = value is YamlMappingNode map && result.Children.TryGetValue(key, out var existing) && existing is YamlMappingNode old
                ? DeepMerge(old, map)
                : value;
        }

        return result;
    }

    private static IEnumerable<string> References(YamlMappingNode root, YamlNode list)
    {
        foreach (var item in list is YamlSequenceNode sequence ? sequence.Children : [list])
        {
            if (item is YamlSequenceNode reference && reference.Tag.Value == "!reference")
            {
                // !reference [.job, key]: that job's (extends-resolved) list.
                var target = Resolve(root, reference.Children[0].ToString());
                foreach (var line in References(root, target[reference.Children[1].ToString()]))
                {
                    yield return line;
                }
            }
            else
            {
                yield return item.ToString();
            }
        }
    }

    private static Dictionary<string, string> Map(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlMappingNode map
            ? map.Children.ToDictionary(p => p.Key.ToString(), p => p.Value.ToString(), StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode scalar ? scalar.Value : null;

    private static Dictionary<string, string> Merge(IReadOnlyDictionary<string, string> under, IReadOnlyDictionary<string, string> over)
    {
        var result = new Dictionary<string, string>(under, StringComparer.Ordinal);
        foreach (var (key, value) in over)
        {
            result[key] = value;
        }

        return result;
    }

    [GeneratedRegex(@"\$\{\{\s*([^}]+?)\s*\}\}")]
    private static partial Regex GitHubExpression();

    [GeneratedRegex(@"\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex GitLabReference();
}
