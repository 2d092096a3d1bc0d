using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using MlPipeline.SageMakerPipelines.Validation;

namespace MlPipeline.SageMakerPipelines.Graph;

/// <summary>
/// The steps of a definition and what runs before what: data references (<c>Get</c>), <c>DependsOn</c>, and
/// condition branches (labelled if/else). Drawn as Mermaid for READMEs or DOT for Graphviz.
/// </summary>
public sealed class PipelineGraph
{
    private PipelineGraph(IReadOnlyList<GraphNode> nodes, IReadOnlyList<GraphEdge> edges)
    {
        Nodes = nodes;
        Edges = edges;
    }

    /// <summary>The steps, in document order.</summary>
    public IReadOnlyList<GraphNode> Nodes { get; }

    /// <summary>Who runs before whom, sorted by source then target.</summary>
    public IReadOnlyList<GraphEdge> Edges { get; }

    /// <summary>The graph of a pipeline built with this library.</summary>
    /// <param name="pipeline">The pipeline.</param>
    public static PipelineGraph From(Pipeline pipeline) => FromDefinition(pipeline.ToJson());

    /// <summary>The graph of a definition.</summary>
    /// <param name="definitionJson">The definition JSON.</param>
    public static PipelineGraph FromDefinition(string definitionJson)
    {
        var root = JsonNode.Parse(definitionJson) as JsonObject ?? throw new ArgumentException("The definition is not a JSON object.", nameof(definitionJson));
        var steps = DefinitionStep.Flatten(root["Steps"] as JsonArray ?? [], "Steps");
        var byName = steps.GroupBy(s => s.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var edges = new HashSet<GraphEdge>();
        foreach (var step in steps)
        {
            var before = PipelineValidator.References(step)
                .Select(r => r.Reference.StartsWith("Steps.", StringComparison.Ordinal) ? r.Reference["Steps.".Length..].Split('.')[0] : null)
                .Concat((step.Node["DependsOn"] as JsonArray ?? []).Select(PipelineValidator.Text))
                .OfType<string>()
                .Where(byName.ContainsKey)
                .ToHashSet(StringComparer.Ordinal);
            edges.UnionWith(before.Select(source => new GraphEdge(source, step.Name, null)));

            // A branch step hangs off its condition, unless it follows another step of the same branch.
            if (step.Branches.Count > 0)
            {
                var branch = step.Branches[^1];
                if (!before.Any(source => byName[source].Branches.Contains(branch)))
                {
                    edges.Add(new GraphEdge(branch.Condition, step.Name, branch.Branch == "IfSteps" ? "if" : "else"));
                }
            }
        }

        var nodes = steps.Select(s => new GraphNode(s.Name, s.Type)).ToList();
        var ordered = edges
            .OrderBy(e => nodes.FindIndex(n => n.Name == e.Source))
            .ThenBy(e => nodes.FindIndex(n => n.Name == e.Target))
            .ToList();
        return new PipelineGraph(nodes, ordered);
    }

    /// <summary>A Mermaid flowchart.</summary>
    public string ToMermaid()
    {
        var builder = new StringBuilder("flowchart TD\n");
        for (var i = 0; i < Nodes.Count; i++)
        {
            var label = $"{Nodes[i].Name}<br/><small>{Nodes[i].Type}</small>".Replace("\"", "#quot;", StringComparison.Ordinal);
            builder.Append(CultureInfo.InvariantCulture, $"    s{i}").Append(Nodes[i].Type switch
            {
                "Condition" => $"{{\"{label}\"}}",
                "Fail" => $"([\"{label}\"])",
                _ => $"[\"{label}\"]",
            }).Append('\n');
        }

        foreach (var edge in Edges)
        {
            var arrow = edge.Label is null ? "-->" : $"-- {edge.Label} -->";
            builder.Append(CultureInfo.InvariantCulture, $"    s{Index(edge.Source)} {arrow} s{Index(edge.Target)}\n");
        }

        return builder.ToString();
    }

    /// <summary>A Graphviz DOT digraph.</summary>
    public string ToDot()
    {
        var builder = new StringBuilder("digraph pipeline {\n    rankdir=TB;\n    node [shape=box, style=rounded];\n");
        foreach (var node in Nodes)
        {
            var shape = node.Type switch { "Condition" => ", shape=diamond", "Fail" => ", shape=octagon", _ => "" };
            builder.Append(CultureInfo.InvariantCulture, $"    {Quote(node.Name)} [label={Quote($"{node.Name}\\n{node.Type}")}{shape}];\n");
        }

        foreach (var edge in Edges)
        {
            var label = edge.Label is null ? "" : $" [label={Quote(edge.Label)}]";
            builder.Append(CultureInfo.InvariantCulture, $"    {Quote(edge.Source)} -> {Quote(edge.Target)}{label};\n");
        }

        return builder.Append("}\n").ToString();
    }

    private int Index(string name) => Nodes.ToList().FindIndex(n => n.Name == name);

    private static string Quote(string text) => "\"" + text.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
