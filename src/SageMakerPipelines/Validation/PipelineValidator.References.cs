using System.Text.RegularExpressions;
using MlPipeline.SageMakerPipelines.Definition;

namespace MlPipeline.SageMakerPipelines.Validation;

public static partial class PipelineValidator
{
    /// <summary>Checks every <c>Get</c> and <c>DependsOn</c>.</summary>
    private static void CheckReferences(DefinitionDocument document, Dictionary<string, string> parameters, bool experiment, List<ValidationFinding> findings)
    {
        foreach (var step in document.Steps)
        {
            foreach (var (name, path) in step.DependsOn.Where(d => !document.ByName.ContainsKey(d.Name)))
            {
                findings.Add(new(ValidationRules.UnknownDependency, $"DependsOn names step '{name}', which does not exist.", path));
            }

            foreach (var (reference, path) in step.References)
            {
                CheckReference(reference, path, document.ByName, parameters, experiment, findings);
            }
        }
    }

    /// <summary>Checks one reference.</summary>
    private static void CheckReference(
        string reference, string path, IReadOnlyDictionary<string, DefinitionStep> byName, Dictionary<string, string> parameters, bool experiment, List<ValidationFinding> findings)
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

            return;
        }

        if (References.ParameterOf(reference) is { } parameter)
        {
            if (!parameters.ContainsKey(parameter))
            {
                findings.Add(new(ValidationRules.UnknownParameter, $"Parameter '{parameter}' is not declared; declared: {string.Join(", ", parameters.Keys)}.", path));
            }

            return;
        }

        if (reference.StartsWith("Execution.", StringComparison.Ordinal))
        {
            var name = reference["Execution.".Length..];
            if (!ExecutionVariables.Names.Contains(name))
            {
                findings.Add(new(ValidationRules.UnknownExecutionVariable, $"Execution variable '{name}' does not exist; known: {string.Join(", ", ExecutionVariables.Names)}.", path));
            }

            return;
        }

        if (!reference.StartsWith("Steps.", StringComparison.Ordinal))
        {
            findings.Add(new(ValidationRules.UnknownProperty, $"Get '{reference}' must start with Parameters., Execution., PipelineExperimentConfig. or Steps.", path));
            return;
        }

        var stepName = References.StepOf(reference)!;
        var rest = reference["Steps.".Length..];
        var property = rest.Length > stepName.Length ? rest[(stepName.Length + 1)..] : "";
        if (!byName.TryGetValue(stepName, out var target))
        {
            findings.Add(new(ValidationRules.UnknownStep, $"Step '{stepName}' does not exist.", path));
            return;
        }

        if (property.StartsWith("PropertyFiles.", StringComparison.Ordinal))
        {
            var file = property["PropertyFiles.".Length..];
            var declared = target.PropertyFiles.Select(p => p.Name).ToList();
            if (!declared.Contains(file))
            {
                findings.Add(new(ValidationRules.UnknownPropertyFile,
                    $"Step '{stepName}' declares no property file '{file}'" + (declared.Count == 0 ? "." : $"; it declares {string.Join(", ", declared)}."), path));
            }
            // Stryker disable once Linq : the branch above has made sure the step declares the file
            else if (target.PropertyFiles.First(p => p.Name == file).Output is var output && !target.OutputNames.Contains(output))
            {
                findings.Add(new(ValidationRules.UnknownPropertyFile,
                    $"Property file '{file}' is written to output '{output}', which step '{stepName}' does not have; {Outputs(target)}.", path));
            }

            return;
        }

        if (target.Descriptor.PropertyType(property) is null)
        {
            findings.Add(new(ValidationRules.UnknownProperty,
                target.Kind == StepKind.Fail
                    ? $"Step '{stepName}' is a fail step: it ends the execution and has no properties for later steps."
                    : $"A {target.TypeName} step has no property '{property}' (its properties are the members of SageMaker's Describe response for it).",
                path));
        }
        else if (NamedOutput().Match(property).Groups["output"] is { Success: true } output && !target.OutputNames.Contains(output.Value))
        {
            findings.Add(new(ValidationRules.UnknownProperty,
                $"Step '{stepName}' has no output '{output.Value}'; {Outputs(target)}.", path));
        }

    }

    [GeneratedRegex(@"^ProcessingOutputConfig\.Outputs\['(?<output>[^']+)'\]")]
    private static partial Regex NamedOutput();

    private static string Outputs(DefinitionStep step) =>
        step.OutputNames.Count == 0 ? "it has no named outputs" : $"its outputs are: {string.Join(", ", step.OutputNames)}";
}
