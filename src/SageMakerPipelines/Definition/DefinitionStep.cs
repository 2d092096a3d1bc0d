using System.Text.Json.Nodes;

namespace MlPipeline.SageMakerPipelines.Definition;

/// <summary>
/// A step found in a definition, with where it is: its JSON path and, for steps inside condition branches,
/// the chain of (condition, branch) it sits in. The validator, the graph writers and the local runner share it.
/// </summary>
/// <param name="Name">The step's name ("" when it has none).</param>
/// <param name="TypeName">Its <c>Type</c> as written ("" when it has none); <see cref="Kind"/> is what it names.</param>
/// <param name="Node">The step's JSON.</param>
/// <param name="Path">Its JSON path, such as <c>Steps[2].Arguments.IfSteps[0]</c>.</param>
/// <param name="Branches">The (condition, IfSteps or ElseSteps) it sits in, outermost first.</param>
internal sealed record DefinitionStep(string Name, string TypeName, JsonObject Node, string Path, IReadOnlyList<(string Condition, string Branch)> Branches)
{
    /// <summary>What the library knows about the kind <see cref="TypeName"/> names.</summary>
    public StepKindDescriptor Descriptor { get; } = StepKinds.Of(TypeName);

    /// <summary>The kind <see cref="TypeName"/> names.</summary>
    public StepKind Kind => Descriptor.Kind;

    public JsonObject Arguments => Node["Arguments"] as JsonObject ?? [];

    /// <summary>
    /// Where the step's values are, with its path: the arguments, or a condition's conditions (its branches are steps
    /// of their own).
    /// </summary>
    public (JsonNode? Node, string Path) Values => Kind == StepKind.Condition
        ? (Arguments["Conditions"], $"{Path}.Arguments.Conditions")
        : (Arguments, $"{Path}.Arguments");

    /// <summary>Every <c>Get</c> in the step's values, with its path.</summary>
    public IEnumerable<(string Reference, string Path)> References => Definition.References.In(Values.Node, Values.Path);

    /// <summary>The names in <c>DependsOn</c> ("" for an entry that is not a string), with their paths.</summary>
    public IEnumerable<(string Name, string Path)> DependsOn =>
        (Node["DependsOn"] as JsonArray ?? []).Select((n, i) => (JsonText.Of(n) ?? "", $"{Path}.DependsOn[{i}]"));

    /// <summary>The steps this one names, by a <c>Get</c> or in <c>DependsOn</c>, whether they exist or not.</summary>
    public IEnumerable<string> Needs =>
        References.Select(r => Definition.References.StepOf(r.Reference)).OfType<string>().Concat(DependsOn.Select(d => d.Name));

    /// <summary>The names of a processing step's outputs.</summary>
    public IReadOnlyList<string> OutputNames =>
        (JsonText.Member(Arguments["ProcessingOutputConfig"], "Outputs") as JsonArray ?? []).Select(o => JsonText.Of(o, "OutputName")).OfType<string>().ToList();

    /// <summary>The step's named property files: each one's name and the output it is written to ("" for none).</summary>
    public IReadOnlyList<(string Name, string Output)> PropertyFiles =>
        [.. from file in Node["PropertyFiles"] as JsonArray ?? []
            let name = JsonText.Of(file, "PropertyFileName")
            where name is not null
            select (name, JsonText.Of(file, "OutputName") ?? "")];

    /// <summary>Every step of a definition's Steps array, branches included, in document order.</summary>
    public static List<DefinitionStep> Flatten(JsonArray steps, string path)
    {
        var result = new List<DefinitionStep>();
        Flatten(steps, path, [], result);
        return result;
    }

    private static void Flatten(JsonArray steps, string path, IReadOnlyList<(string, string)> branches, List<DefinitionStep> result)
    {
        for (var i = 0; i < steps.Count; i++)
        {
            // No pattern variables here: Stryker cannot compile its mutants of a method whose locals are assigned
            // only on one branch of a pattern, and would leave the whole method untested.
            var node = steps[i] as JsonObject;
            if (node is null)
            {
                continue;
            }

            var stepPath = $"{path}[{i}]";
            var step = new DefinitionStep(JsonText.Of(node["Name"]) ?? "", JsonText.Of(node["Type"]) ?? "", node, stepPath, branches);
            result.Add(step);
            if (step.Kind == StepKind.Condition && node["Arguments"] is JsonObject arguments)
            {
                foreach (var branch in new[] { "IfSteps", "ElseSteps" })
                {
                    if (arguments[branch] is JsonArray inner)
                    {
                        Flatten(inner, $"{stepPath}.Arguments.{branch}", [.. branches, (step.Name, branch)], result);
                    }
                }
            }
        }
    }
}
