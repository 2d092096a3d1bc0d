using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MlPipeline.SageMakerPipelines.Validation;

public static partial class PipelineValidator
{
    /// <summary>Checks every <c>Get</c> and <c>DependsOn</c>; returns, per step, the steps it needs first.</summary>
    private static Dictionary<string, HashSet<string>> CheckReferences(
        List<DefinitionStep> steps, Dictionary<string, DefinitionStep> byName, Dictionary<string, string> parameters, bool experiment, List<ValidationFinding> findings)
    {
        var dependencies = steps.Select(s => s.Name).Distinct(StringComparer.Ordinal)
            .ToDictionary(n => n, _ => new HashSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var step in steps)
        {
            var needs = dependencies[step.Name];
            if (step.Node["DependsOn"] is JsonArray dependsOn)
            {
                for (var i = 0; i < dependsOn.Count; i++)
                {
                    var name = Text(dependsOn[i]) ?? "";
                    if (byName.ContainsKey(name))
                    {
                        needs.Add(name);
                    }
                    else
                    {
                        findings.Add(new(ValidationRules.UnknownDependency, $"DependsOn names step '{name}', which does not exist.", $"{step.Path}.DependsOn[{i}]"));
                    }
                }
            }

            foreach (var (reference, path) in References(step))
            {
                if (CheckReference(reference, path, byName, parameters, experiment, findings) is { } target)
                {
                    needs.Add(target);
                }
            }
        }

        return dependencies;
    }

    /// <summary>Every <c>Get</c> in a step's arguments (a condition's branches are steps of their own) with its path.</summary>
    internal static IEnumerable<(string Reference, string Path)> References(DefinitionStep step)
    {
        var root = step.Type == "Condition" ? step.Arguments["Conditions"] : step.Arguments;
        var rootPath = step.Type == "Condition" ? $"{step.Path}.Arguments.Conditions" : $"{step.Path}.Arguments";
        return ReferencesIn(root, rootPath);
    }

    /// <summary>Every <c>Get</c> inside a node, with its path.</summary>
    internal static IEnumerable<(string Reference, string Path)> ReferencesIn(JsonNode? node, string path)
    {
        switch (node)
        {
            case JsonObject { Count: 1 } get when Text(get["Get"]) is { } reference:
                yield return (reference, path);
                break;
            case JsonObject obj:
                foreach (var (key, child) in obj)
                {
                    foreach (var found in ReferencesIn(child, $"{path}.{key}"))
                    {
                        yield return found;
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    foreach (var found in ReferencesIn(array[i], $"{path}[{i}]"))
                    {
                        yield return found;
                    }
                }

                break;
        }
    }

    /// <summary>Checks one reference; returns the step it points at, when it is a step property that exists.</summary>
    private static string? CheckReference(
        string reference, string path, Dictionary<string, DefinitionStep> byName, Dictionary<string, string> parameters, bool experiment, List<ValidationFinding> findings)
    {
        if (reference.StartsWith("PipelineExperimentConfig.", StringComparison.Ordinal))
        {
            if (reference is not ("PipelineExperimentConfig.ExperimentName" or "PipelineExperimentConfig.TrialName"))
            {
                findings.Add(new(ValidationRules.UnknownProperty, $"'{reference}' does not exist; PipelineExperimentConfig has ExperimentName and TrialName.", path));
            }
            else if (!experiment)
            {
                findings.Add(new(ValidationRules.UnknownProperty, $"'{reference}' reads the pipeline's experiment config, but the definition has none.", path));
            }

            return null;
        }

        if (reference.StartsWith("Parameters.", StringComparison.Ordinal))
        {
            var name = reference["Parameters.".Length..];
            if (!parameters.ContainsKey(name))
            {
                findings.Add(new(ValidationRules.UnknownParameter, $"Parameter '{name}' is not declared; declared: {string.Join(", ", parameters.Keys)}.", path));
            }

            return null;
        }

        if (reference.StartsWith("Execution.", StringComparison.Ordinal))
        {
            var name = reference["Execution.".Length..];
            if (!ExecutionVariables.Names.Contains(name))
            {
                findings.Add(new(ValidationRules.UnknownExecutionVariable, $"Execution variable '{name}' does not exist; known: {string.Join(", ", ExecutionVariables.Names)}.", path));
            }

            return null;
        }

        if (!reference.StartsWith("Steps.", StringComparison.Ordinal))
        {
            findings.Add(new(ValidationRules.UnknownProperty, $"Get '{reference}' must start with Parameters., Execution., PipelineExperimentConfig. or Steps.", path));
            return null;
        }

        var rest = reference["Steps.".Length..];
        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        var stepName = dot < 0 ? rest : rest[..dot];
        var property = dot < 0 ? "" : rest[(dot + 1)..];
        if (!byName.TryGetValue(stepName, out var target))
        {
            findings.Add(new(ValidationRules.UnknownStep, $"Step '{stepName}' does not exist.", path));
            return null;
        }

        if (property.StartsWith("PropertyFiles.", StringComparison.Ordinal))
        {
            var file = property["PropertyFiles.".Length..];
            var declared = PropertyFileNames(target);
            if (!declared.Contains(file))
            {
                findings.Add(new(ValidationRules.UnknownPropertyFile,
                    $"Step '{stepName}' declares no property file '{file}'" + (declared.Count == 0 ? "." : $"; it declares {string.Join(", ", declared)}."), path));
            }
            else if (PropertyFileOutput(target, file) is { } output && !OutputNames(target).Contains(output))
            {
                findings.Add(new(ValidationRules.UnknownPropertyFile,
                    $"Property file '{file}' is written to output '{output}', which step '{stepName}' does not have; its outputs are: {string.Join(", ", OutputNames(target))}.", path));
            }

            return stepName;
        }

        if (StepProperties.TypeOf(target.Type, property) is null)
        {
            findings.Add(new(ValidationRules.UnknownProperty,
                target.Type == "Fail"
                    ? $"Step '{stepName}' is a fail step: it ends the execution and has no properties for later steps."
                    : $"A {target.Type} step has no property '{property}' (its properties are the members of SageMaker's Describe response for it).",
                path));
        }
        else if (NamedOutput().Match(property).Groups["output"] is { Success: true } output && !OutputNames(target).Contains(output.Value))
        {
            findings.Add(new(ValidationRules.UnknownProperty,
                $"Step '{stepName}' has no output '{output.Value}'; its outputs are: {string.Join(", ", OutputNames(target))}.", path));
        }

        return stepName;
    }

    [GeneratedRegex(@"^ProcessingOutputConfig\.Outputs\['(?<output>[^']+)'\]")]
    private static partial Regex NamedOutput();

    internal static List<string> OutputNames(DefinitionStep step) =>
        (step.Arguments["ProcessingOutputConfig"]?["Outputs"] as JsonArray ?? [])
            .Select(o => Text(o?["OutputName"]) ?? "").ToList();

    private static string? PropertyFileOutput(DefinitionStep step, string file) =>
        (step.Node["PropertyFiles"] as JsonArray ?? []).Where(p => Text(p?["PropertyFileName"]) == file).Select(p => Text(p?["OutputName"]) ?? "").FirstOrDefault();

    internal static List<string> PropertyFileNames(DefinitionStep step) =>
        (step.Node["PropertyFiles"] as JsonArray ?? []).Select(p => Text(p?["PropertyFileName"]) ?? "").ToList();
}
