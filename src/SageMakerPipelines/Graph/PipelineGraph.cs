using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using MlPipeline.SageMakerPipelines.Definition;

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
        var document = new DefinitionDocument(root);
        var edges = new HashSet<GraphEdge>();
        foreach (var step in document.Steps)
        {
            var before = document.Dependencies(step);
            edges.UnionWith(before.Select(source => new GraphEdge(source, step.Name, null)));

            // A branch step hangs off its condition, unless it follows another step of the same branch.
            if (step.Branches.Count > 0)
            {
                var branch = step.Branches[^1];
                if (!before.Any(source => document.ByName[source].Branches.Contains(branch)))
                {
                    edges.Add(new GraphEdge(branch.Condition, step.Name, branch.Branch == "IfSteps" ? "if" : "else"));
                }
            }
        }

        var nodes = document.Steps.Select(s => new GraphNode(s.Name, s.TypeName,
            s.Kind == StepKind.Condition && s.Arguments["Conditions"] is JsonArray conditions ? ConditionText.Describe(conditions) + "?" : s.TypeName)).ToList();
        var ordered = edges
            .OrderBy(e => nodes.FindIndex(n => n.Name == e.Source))
            .ThenBy(e => nodes.FindIndex(n => n.Name == e.Target))
            .ToList();
        return new PipelineGraph(nodes, ordered);
    }

    /// <summary>
    /// A Mermaid flowchart. Node ids are the step names in lower case (made unique, and kept clear of Mermaid's
    /// keywords), so that the Markdown reads like the pipeline.
    /// </summary>
    public string ToMermaid()
    {
        var ids = MermaidIds();
        var builder = new StringBuilder("flowchart TD\n");
        foreach (var node in Nodes)
        {
            var label = $"{MermaidText(node.Name)}<br/><small>{MermaidText(node.Detail)}</small>";
            builder.Append(CultureInfo.InvariantCulture, $"    {ids[node.Name]}").Append(StepKinds.Of(node.Type).Shape switch
            {
                GraphShape.Decision => $"{{{{\"{label}\"}}}}",
                GraphShape.End => $"([\"{label}\"])",
                _ => $"[\"{label}\"]",
            }).Append('\n');
        }

        foreach (var edge in Edges)
        {
            var arrow = edge.Label is null ? "-->" : $"-- {edge.Label} -->";
            builder.Append(CultureInfo.InvariantCulture, $"    {ids[edge.Source]} {arrow} {ids[edge.Target]}\n");
        }

        return builder.ToString();
    }

    private Dictionary<string, string> MermaidIds()
    {
        string[] keywords = ["end", "graph", "flowchart", "subgraph", "direction", "click", "style", "class", "classdef", "linkstyle", "call", "href"];
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in Nodes.Where(n => !ids.ContainsKey(n.Name)))
        {
            var id = new string(node.Name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());
            if (id.Length == 0 || !char.IsAsciiLetter(id[0]) || keywords.Contains(id))
            {
                id = "step_" + id;
            }

            var unique = id;
            for (var n = 2; !taken.Add(unique); n++)
            {
                unique = $"{id}_{n}";
            }

            ids[node.Name] = unique;
        }

        return ids;
    }

    /// <summary>Text inside a quoted Mermaid label: quotes and angle brackets as Mermaid's entity codes.</summary>
    private static string MermaidText(string text) =>
        text.Replace("\"", "#quot;", StringComparison.Ordinal).Replace("<", "#lt;", StringComparison.Ordinal).Replace(">", "#gt;", StringComparison.Ordinal);

    /// <summary>A Graphviz DOT digraph.</summary>
    public string ToDot()
    {
        var builder = new StringBuilder("digraph pipeline {\n    rankdir=TB;\n    node [shape=box, style=rounded];\n");
        foreach (var node in Nodes)
        {
            var shape = StepKinds.Of(node.Type).Shape switch { GraphShape.Decision => ", shape=hexagon", GraphShape.End => ", shape=octagon", _ => "" };
            builder.Append(CultureInfo.InvariantCulture, $"    {Quote(node.Name)} [label={Quote($"{node.Name}\\n{node.Detail}")}{shape}];\n");
        }

        foreach (var edge in Edges)
        {
            var label = edge.Label is null ? "" : $" [label={Quote(edge.Label)}]";
            builder.Append(CultureInfo.InvariantCulture, $"    {Quote(edge.Source)} -> {Quote(edge.Target)}{label};\n");
        }

        return builder.Append("}\n").ToString();
    }

    private static string Quote(string text) => "\"" + text.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
