using System.Text.Json.Nodes;

namespace MlPipeline.SageMakerPipelines.Definition;

/// <summary>
/// A pipeline definition as its readers see it: the steps flattened (condition branches included), each with its
/// kind, arguments and references, and what runs before what. The validator, the graph and the local runner read
/// definitions through it, so a step's dependencies are worked out in one place.
/// </summary>
internal sealed class DefinitionDocument
{
    private readonly Dictionary<string, DefinitionStep> _byName;

    /// <summary>Reads a definition's JSON object; a missing or malformed Steps array reads as no steps.</summary>
    /// <param name="root">The definition.</param>
    public DefinitionDocument(JsonObject root)
    {
        Root = root;
        Steps = DefinitionStep.Flatten(root["Steps"] as JsonArray ?? [], "Steps");
        // A name used twice (SMP008) finds its first step.
        _byName = new Dictionary<string, DefinitionStep>(StringComparer.Ordinal);
        foreach (var step in Steps)
        {
            _byName.TryAdd(step.Name, step);
        }
    }

    /// <summary>The definition's JSON.</summary>
    public JsonObject Root { get; }

    /// <summary>The declared parameters (empty when there are none).</summary>
    public JsonArray Parameters => Root["Parameters"] as JsonArray ?? [];

    /// <summary>Every step, branches included, in document order.</summary>
    public IReadOnlyList<DefinitionStep> Steps { get; }

    /// <summary>The steps by name (a name used twice: its first step).</summary>
    public IReadOnlyDictionary<string, DefinitionStep> ByName => _byName;

    /// <summary>
    /// The steps that must finish before <paramref name="step"/> starts: those its <c>Get</c> references read and
    /// those its <c>DependsOn</c> names, when they exist. A step inside a branch also waits for its condition, which
    /// this leaves out (<see cref="DefinitionStep.Branches"/> says which it is).
    /// </summary>
    public IReadOnlySet<string> Dependencies(DefinitionStep step) =>
        step.Needs.Where(_byName.ContainsKey).ToHashSet(StringComparer.Ordinal);
}
