using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MlPipeline.SageMakerPipelines.Definition;

namespace MlPipeline.SageMakerPipelines.Validation;

/// <summary>
/// Checks a pipeline definition before anything leaves the machine: names, references, dependencies,
/// condition branches and the limits SageMaker enforces only at create or run time. It reads the definition
/// JSON, so it checks definitions built with this library and definitions written by hand alike.
/// Every finding has a code from <see cref="ValidationRules"/> and a JSON path.
/// </summary>
public static partial class PipelineValidator
{
    /// <summary>Checks a pipeline built with this library, including its name.</summary>
    /// <param name="pipeline">The pipeline.</param>
    public static IReadOnlyList<ValidationFinding> Validate(Pipeline pipeline) => Validate(pipeline.ToJson(), pipeline.Name);

    /// <summary>Checks a definition.</summary>
    /// <param name="definitionJson">The definition JSON.</param>
    /// <param name="pipelineName">The pipeline's name, when known, to check it too.</param>
    public static IReadOnlyList<ValidationFinding> Validate(string definitionJson, string? pipelineName = null)
    {
        var findings = new List<ValidationFinding>();
        if (pipelineName is not null && !PipelineName().IsMatch(pipelineName))
        {
            findings.Add(new(ValidationRules.InvalidPipelineName,
                $"Pipeline name '{pipelineName}' must be 1 to 256 letters, digits and single hyphens, starting and ending with a letter or digit.", "PipelineName"));
        }

        JsonObject? root;
        try
        {
            root = JsonNode.Parse(definitionJson) as JsonObject;
        }
        catch (JsonException e)
        {
            findings.Add(new(ValidationRules.MalformedDefinition, $"The definition is not JSON: {e.Message}", "$"));
            return findings;
        }

        if (root?["Steps"] is not JsonArray || root["Parameters"] is not (JsonArray or null))
        {
            findings.Add(new(ValidationRules.MalformedDefinition, "The definition must be an object with a Steps array (and a Parameters array).", "$"));
            return findings;
        }

        if (root["Version"]?.GetValueKind() != JsonValueKind.String || root["Version"]!.GetValue<string>() != Serialization.DefinitionWriter.Version)
        {
            findings.Add(new(ValidationRules.UnsupportedVersion, $"Version must be \"{Serialization.DefinitionWriter.Version}\".", "Version"));
        }

        var document = new DefinitionDocument(root);
        var parameters = CheckParameters(document.Parameters, findings);
        CheckStepsAreObjects(document, findings);
        CheckStepNames(document.Steps, findings);
        CheckReferences(document, parameters, root["PipelineExperimentConfig"] is JsonObject, findings);
        // Per name, the steps it waits for (a name used twice waits for what either of its steps needs).
        var dependencies = document.Steps.GroupBy(s => s.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.SelectMany(document.Dependencies).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        CheckCycles(document.Steps, dependencies, findings);
        CheckBranches(document, dependencies, findings);
        foreach (var step in document.Steps)
        {
            CheckRequired(step, findings);
            CheckLimits(step, parameters, findings);
            CheckFunctions(step, findings);
            CheckRetryPolicies(step, findings);
            step.Descriptor.Check?.Invoke(step, findings);
        }

        return findings;
    }

    private static Dictionary<string, string> CheckParameters(JsonArray parameters, List<ValidationFinding> findings)
    {
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < parameters.Count; i++)
        {
            var path = $"Parameters[{i}]";
            var parameter = parameters[i] as JsonObject;
            var name = JsonText.Of(parameter?["Name"]) ?? "";
            var type = JsonText.Of(parameter?["Type"]) ?? "";
            if (!StepOrParameterName().IsMatch(name))
            {
                findings.Add(new(ValidationRules.InvalidParameterName, $"Parameter name '{name}' must be 1 to 64 letters, digits, hyphens or underscores.", path + ".Name"));
            }
            else if (!types.TryAdd(name, type))
            {
                findings.Add(new(ValidationRules.DuplicateParameter, $"Parameter '{name}' is declared twice.", path + ".Name"));
            }

            var value = parameter?["DefaultValue"];
            var kind = value?.GetValueKind();
            var fits = type switch
            {
                "String" => kind is null or JsonValueKind.String,
                "Integer" => kind is null || (kind == JsonValueKind.Number && value!.AsValue().TryGetValue<long>(out _)),
                "Float" => kind is null or JsonValueKind.Number,
                "Boolean" => kind is null or JsonValueKind.True or JsonValueKind.False,
                _ => false,
            };
            if (parameter?["EnumValues"] is { } enumValues)
            {
                var allowed = (enumValues as JsonArray ?? []).Select(JsonText.Of).ToList();
                if (type != "String" || enumValues is not JsonArray || allowed.Count == 0 || allowed.Contains(null))
                {
                    findings.Add(new(ValidationRules.InvalidParameterDefault, $"Parameter '{name}': EnumValues is a non-empty list of strings, on String parameters only.", path + ".EnumValues"));
                }
                else if (JsonText.Of(value) is { } text && !allowed.Contains(text))
                {
                    findings.Add(new(ValidationRules.InvalidParameterDefault, $"Parameter '{name}': the default '{text}' is not one of its EnumValues {string.Join(", ", allowed)}.", path + ".DefaultValue"));
                }
            }

            if (!fits)
            {
                findings.Add(new(ValidationRules.InvalidParameterDefault,
                    type is "String" or "Integer" or "Float" or "Boolean"
                        ? $"Parameter '{name}' is {type} but its default {value?.ToJsonString()} is not."
                        : $"Parameter '{name}' has type '{type}'; it must be String, Integer, Float or Boolean.",
                    path + (type is "String" or "Integer" or "Float" or "Boolean" ? ".DefaultValue" : ".Type")));
            }
        }

        return types;
    }

    private static readonly string[] BranchLists = ["IfSteps", "ElseSteps"];

    /// <summary>Every entry of Steps, IfSteps and ElseSteps is a step object; the readers skip anything else, SageMaker refuses it.</summary>
    private static void CheckStepsAreObjects(DefinitionDocument document, List<ValidationFinding> findings)
    {
        var lists = document.Steps.Where(s => s.Kind == StepKind.Condition)
            .SelectMany(s => BranchLists.Select(branch => (List: s.Arguments[branch] as JsonArray ?? [], Path: $"{s.Path}.Arguments.{branch}")))
            .Prepend((List: (JsonArray)document.Root["Steps"]!, Path: "Steps"));
        foreach (var (list, path) in lists)
        {
            for (var i = 0; i < list.Count; i++)
            {
                if (list[i] is not JsonObject)
                {
                    findings.Add(new(ValidationRules.MalformedDefinition, $"A step is an object with Name, Type and Arguments, not {list[i]?.ToJsonString() ?? "null"}.", $"{path}[{i}]"));
                }
            }
        }
    }

    /// <summary>What SageMaker requires of each of a step's property files.</summary>
    private static readonly string[] PropertyFileMembers = ["PropertyFileName", "OutputName", "FilePath"];

    /// <summary>
    /// Property files' members, Arguments, and the members the step's kind requires in them
    /// (<see cref="StepKindDescriptor.Required"/>).
    /// </summary>
    private static void CheckRequired(DefinitionStep step, List<ValidationFinding> findings)
    {
        // A step of a type this library does not know has its finding already (SMP023).
        if (step.Kind == StepKind.Unknown)
        {
            return;
        }

        var what = $"Step '{step.Name}' ({step.TypeName})";
        // Property files are the step's own, beside its Arguments.
        var files = step.Node["PropertyFiles"] as JsonArray ?? [];
        for (var i = 0; i < files.Count; i++)
        {
            var path = $"{step.Path}.PropertyFiles[{i}]";
            if (files[i] is not JsonObject file)
            {
                findings.Add(new(ValidationRules.MalformedDefinition, $"{what} has {files[i]?.ToJsonString() ?? "null"} where SageMaker requires a property file object.", path));
                continue;
            }

            foreach (var member in PropertyFileMembers.Where(m => file[m] is null))
            {
                findings.Add(new(ValidationRules.MalformedDefinition, $"{what} has no {member} here; SageMaker requires it.", $"{path}.{member}"));
            }
        }

        if (step.Node["Arguments"] is not JsonObject arguments)
        {
            findings.Add(new(ValidationRules.MalformedDefinition, $"{what} has no Arguments object; SageMaker requires one.", step.Path + ".Arguments"));
            return;
        }

        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var required in step.Descriptor.Required)
        {
            var dot = required.LastIndexOf('.');
            // Stryker disable once Equality : a required member's path is member names joined by dots, never one that starts with a dot
            var parent = dot < 0 ? [] : required[..dot].Split('.');
            var member = required[(dot + 1)..];
            foreach (var (node, path) in Find(arguments, step.Path + ".Arguments", parent).Where(found => !References.IsExpression(found.Node)))
            {
                if (node is not JsonObject obj)
                {
                    if (reported.Add(path))
                    {
                        findings.Add(new(ValidationRules.MalformedDefinition, $"{what} has {node.ToJsonString()} where SageMaker requires an object.", path));
                    }
                }
                else if (obj[member] is null)
                {
                    findings.Add(new(ValidationRules.MalformedDefinition, $"{what} has no {member} here; SageMaker requires it.", $"{path}.{member}"));
                }
            }
        }
    }

    private static void CheckStepNames(IReadOnlyList<DefinitionStep> steps, List<ValidationFinding> findings)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var step in steps)
        {
            if (!StepOrParameterName().IsMatch(step.Name))
            {
                findings.Add(new(ValidationRules.InvalidStepName, $"Step name '{step.Name}' must be 1 to 64 letters, digits, hyphens or underscores.", step.Path + ".Name"));
            }
            else if (!seen.Add(step.Name))
            {
                findings.Add(new(ValidationRules.DuplicateStep, $"Step name '{step.Name}' is used twice; names are unique across the pipeline, branches included.", step.Path + ".Name"));
            }

            if (step.Kind == StepKind.Unknown)
            {
                findings.Add(new(ValidationRules.UnknownStepType, $"Step type '{step.TypeName}' is not one of {string.Join(", ", StepKinds.All.Select(k => k.TypeName))}.", step.Path + ".Type"));
            }
        }
    }

    [GeneratedRegex("^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,255}$")]
    private static partial Regex PipelineName();

    [GeneratedRegex(@"^[A-Za-z0-9\-_]{1,64}$")]
    private static partial Regex StepOrParameterName();
}
