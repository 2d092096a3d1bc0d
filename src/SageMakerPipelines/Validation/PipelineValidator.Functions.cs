using System.Text.Json.Nodes;
using MlPipeline.SageMakerPipelines.Definition;

namespace MlPipeline.SageMakerPipelines.Validation;

public static partial class PipelineValidator
{
    /// <summary>Every Std:Join and Std:JsonGet in a step's arguments (a condition's conditions) has the members SageMaker resolves.</summary>
    private static void CheckFunctions(DefinitionStep step, List<ValidationFinding> findings)
    {
        var (root, path) = step.Values;
        CheckFunctionsIn(root, path, findings);
    }

    private static void CheckFunctionsIn(JsonNode? node, string path, List<ValidationFinding> findings)
    {
        switch (node)
        {
            case JsonObject { Count: 1 } join when join["Std:Join"] is { } arguments:
                if (arguments is not JsonObject args || JsonText.Of(args["On"]) is null || args["Values"] is not JsonArray)
                {
                    findings.Add(new(ValidationRules.InvalidFunction, "Std:Join takes On (the separator, text) and Values (a list).", $"{path}.Std:Join"));
                }

                CheckFunctionsIn(arguments["Values"], $"{path}.Std:Join.Values", findings);
                break;
            case JsonObject { Count: 1 } jsonGet when jsonGet["Std:JsonGet"] is { } arguments:
                CheckJsonGet(arguments as JsonObject ?? [], $"{path}.Std:JsonGet", findings);
                break;
            case JsonObject obj:
                foreach (var (key, child) in obj)
                {
                    CheckFunctionsIn(child, $"{path}.{key}", findings);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    CheckFunctionsIn(array[i], $"{path}[{i}]", findings);
                }

                break;
        }
    }

    /// <summary>Std:JsonGet reads a property file (a Get of Steps.NAME.PropertyFiles.FILE) or a JSON object at an S3 URI made by Std:Join of plain values.</summary>
    private static void CheckJsonGet(JsonObject arguments, string path, List<ValidationFinding> findings)
    {
        if (JsonText.Of(arguments["Path"]) is null)
        {
            findings.Add(new(ValidationRules.InvalidFunction, "Std:JsonGet needs Path, the JSON path of the value in the file.", $"{path}.Path"));
        }

        var (file, uri) = (arguments["PropertyFile"], arguments["S3Uri"]);
        if ((file is null) == (uri is null))
        {
            findings.Add(new(ValidationRules.InvalidFunction,
                "Std:JsonGet reads either a PropertyFile or an S3Uri: give exactly one.", path));
        }

        if (file is not null && !(file is JsonObject { Count: 1 } get && JsonText.Of(get["Get"]) is { } reference && reference.Contains(".PropertyFiles.", StringComparison.Ordinal)))
        {
            findings.Add(new(ValidationRules.InvalidFunction,
                $"Std:JsonGet's PropertyFile is {{\"Get\": \"Steps.STEP.PropertyFiles.NAME\"}}, not {file.ToJsonString()}.", $"{path}.PropertyFile"));
        }

        if (uri is null)
        {
            return;
        }

        if (uri is not JsonObject { Count: 1 } join || JsonText.Member(join["Std:Join"], "Values") is not JsonArray values)
        {
            findings.Add(new(ValidationRules.InvalidFunction,
                $"Std:JsonGet's S3Uri is a Std:Join (SageMaker resolves the URI when the step runs), not {uri.ToJsonString()}.", $"{path}.S3Uri"));
            return;
        }

        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is JsonObject value && !(value.Count == 1 && value.ContainsKey("Get")))
            {
                findings.Add(new(ValidationRules.InvalidFunction,
                    "The values joined into Std:JsonGet's S3Uri are text, numbers, parameters, execution variables or step properties, not functions.",
                    $"{path}.S3Uri.Std:Join.Values[{i}]"));
            }
            else if (values[i] is null or JsonArray)
            {
                findings.Add(new(ValidationRules.InvalidFunction, $"{values[i]?.ToJsonString() ?? "null"} cannot be joined into an S3 URI.", $"{path}.S3Uri.Std:Join.Values[{i}]"));
            }
        }
    }
}
