using MlPipeline.SageMakerPipelines.Definition;

namespace MlPipeline.SageMakerPipelines.Validation;

public static partial class PipelineValidator
{
    /// <summary>One finding per group of steps that wait on each other (a strongly connected component).</summary>
    private static void CheckCycles(IReadOnlyList<DefinitionStep> steps, Dictionary<string, HashSet<string>> dependencies, List<ValidationFinding> findings)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        foreach (var step in steps.Where(s => !index.ContainsKey(s.Name)))
        {
            Connect(step.Name);
        }

        void Connect(string name)
        {
            index[name] = low[name] = index.Count;
            stack.Push(name);
            onStack.Add(name);
            // Every name reached is a step's: dependencies has each step and keeps only existing steps.
            // Stryker disable once Linq : Tarjan finds the same components in any visiting order
            foreach (var next in dependencies[name].Order(StringComparer.Ordinal))
            {
                if (!index.TryGetValue(next, out var seen))
                {
                    Connect(next);
                    low[name] = Math.Min(low[name], low[next]);
                }
                else if (onStack.Contains(next))
                {
                    low[name] = Math.Min(low[name], seen);
                }
            }

            if (low[name] != index[name])
            {
                return;
            }

            var component = new List<string>();
            string member;
            do
            {
                member = stack.Pop();
                onStack.Remove(member);
                component.Add(member);
            }
            while (member != name);

            if (component.Count > 1 || dependencies[name].Contains(name))
            {
                var ordered = steps.Select(s => s.Name).Where(component.Contains).Distinct().ToList();
                findings.Add(new(ValidationRules.Cycle,
                    $"Steps wait on each other in a cycle: {string.Join(", ", ordered)}; remove a DependsOn or a reference between them.",
                    // Stryker disable once Linq : ordered[0] is the name of a step in the list
                    steps.First(s => s.Name == ordered[0]).Path));
            }
        }
    }

    private static void CheckBranches(DefinitionDocument document, Dictionary<string, HashSet<string>> dependencies, List<ValidationFinding> findings)
    {
        // Stryker disable once Equality : a step outside every branch has no branch to split, so it gets no finding either way
        foreach (var step in document.Steps.Where(s => s.Branches.Count > 0))
        {
            foreach (var dependency in dependencies[step.Name].Order(StringComparer.Ordinal))
            {
                var other = document.ByName[dependency];
                var split = step.Branches.FirstOrDefault(b => other.Branches.Any(o => o.Condition == b.Condition && o.Branch != b.Branch));
                if (split.Condition is not null)
                {
                    findings.Add(new(ValidationRules.CrossBranchReference,
                        $"Step '{step.Name}' ({split.Branch} of '{split.Condition}') uses step '{dependency}' from the other branch, which never runs with it.",
                        step.Path));
                }
            }
        }
    }
}
