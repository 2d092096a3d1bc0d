using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MlPipeline.SageMakerPipelines.Definition;

namespace MlPipeline.SageMakerPipelines.Validation;

public static partial class PipelineValidator
{
    private static void CheckLimits(DefinitionStep step, Dictionary<string, string> parameters, List<ValidationFinding> findings)
    {
        // The numbers and map values each API takes (botocore's service model for sagemaker), as the step's kind lists them.
        foreach (var (range, min, max) in step.Descriptor.NumberLimits)
        {
            foreach (var (node, path) in Find(step.Arguments, $"{step.Path}.Arguments", range.Split('.')))
            {
                if (node is JsonValue value && value.GetValueKind() == JsonValueKind.Number && (!value.TryGetValue<long>(out var number) || number < min || number > max))
                {
                    findings.Add(new(ValidationRules.ValueOutOfRange, max == long.MaxValue
                        ? string.Create(CultureInfo.InvariantCulture, $"{range} is {value.ToJsonString()}; SageMaker takes a whole number of at least {min}.")
                        : string.Create(CultureInfo.InvariantCulture, $"{range} is {value.ToJsonString()}; SageMaker takes a whole number from {min} to {max}."), path));
                }
            }
        }

        var arguments = step.Arguments;
        var prefix = $"{step.Path}.Arguments";
        foreach (var (list, limit) in step.Descriptor.ContainerArgumentLimits)
        {
            var items = list.Split('.').Aggregate((JsonNode?)arguments, JsonText.Member) as JsonArray ?? [];
            for (var i = 0; i < items.Count; i++)
            {
                CheckString(items[i], $"{prefix}.{list}[{i}]", limit, ValidationRules.ContainerArgumentTooLong, "A container argument", parameters, findings);
            }
        }

        foreach (var (map, limit) in step.Descriptor.MapLimits)
        {
            foreach (var (node, path) in Find(arguments, prefix, map.Split('.')))
            {
                foreach (var (key, value) in node as JsonObject ?? [])
                {
                    CheckString(value, $"{path}.{key}", limit, ValidationRules.MapValueTooLong, $"The value of '{key}'", parameters, findings);
                }
            }
        }

        if (step.Kind != StepKind.Condition)
        {
            CheckFormats(arguments, prefix, findings);
        }
    }

    private static void CheckString(JsonNode? value, string path, int limit, string code, string what, Dictionary<string, string> parameters, List<ValidationFinding> findings)
    {
        if (JsonText.Of(value) is { } text)
        {
            if (text.Length > limit)
            {
                findings.Add(new(code, string.Create(CultureInfo.InvariantCulture, $"{what} is {text.Length} characters long; SageMaker takes at most {limit}."), path));
            }
        }
        else if (!IsStringValued(value, parameters))
        {
            findings.Add(new(ValidationRules.NotAString,
                $"{what} must be a string, but {value?.ToJsonString() ?? "null"} is not; wrap it in Std:Join (the library does this for you).", path));
        }
    }

    private static bool IsStringValued(JsonNode? value, Dictionary<string, string> parameters) => value switch
    {
        JsonObject obj when obj.ContainsKey("Std:Join") => true,
        JsonObject obj when JsonText.Of(obj["Get"]) is { } reference => References.ParameterOf(reference) is { } name
            ? parameters.GetValueOrDefault(name) is "String" or null
            : true,
        _ => value?.GetValueKind() == JsonValueKind.String,
    };

    /// <summary>S3 URIs, role ARNs and resource names wherever they appear, when they are literals.</summary>
    private static void CheckFormats(JsonNode? node, string path, List<ValidationFinding> findings)
    {
        switch (node)
        {
            case JsonObject obj when !References.IsExpression(obj):
                foreach (var (key, child) in obj)
                {
                    var childPath = $"{path}.{key}";
                    if (JsonText.Of(child) is { } text)
                    {
                        CheckFormat(key, text, childPath, findings);
                    }
                    else
                    {
                        CheckFormats(child, childPath, findings);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    CheckFormats(array[i], $"{path}[{i}]", findings);
                }

                break;
        }
    }

    private static void CheckFormat(string key, string text, string path, List<ValidationFinding> findings)
    {
        switch (key)
        {
            case "S3Uri" or "S3OutputPath" or "ModelDataUrl" when !S3Uri().IsMatch(text):
                findings.Add(new(ValidationRules.MalformedS3Uri, $"'{text}' is not an S3 URI (s3://bucket/key, with a valid bucket name).", path));
                break;
            case "RoleArn" or "ExecutionRoleArn" when !RoleArn().IsMatch(text):
                findings.Add(new(ValidationRules.MalformedRoleArn, $"'{text}' is not an IAM role ARN (arn:aws:iam::123456789012:role/NAME).", path));
                break;
            case "ModelPackageGroupName" when !ModelPackageGroupName().IsMatch(text):
                findings.Add(new(ValidationRules.InvalidResourceName, $"Model package group name '{text}' must be 1 to 63 letters, digits and single hyphens (or a group ARN).", path));
                break;
        }
    }

    /// <summary>The nodes at a dotted path; <c>Name[]</c> steps into every item of an array.</summary>
    private static IEnumerable<(JsonNode Node, string Path)> Find(JsonNode? node, string path, string[] segments)
    {
        if (node is null)
        {
            yield break;
        }

        if (segments.Length == 0)
        {
            yield return (node, path);
            yield break;
        }

        var segment = segments[0];
        var isArray = segment.EndsWith("[]", StringComparison.Ordinal);
        var key = isArray ? segment[..^2] : segment;
        var child = JsonText.Member(node, key);
        if (isArray && child is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                foreach (var found in Find(array[i], $"{path}.{key}[{i}]", segments[1..]))
                {
                    yield return found;
                }
            }
        }
        else if (!isArray)
        {
            foreach (var found in Find(child, $"{path}.{key}", segments[1..]))
            {
                yield return found;
            }
        }
    }

    [GeneratedRegex(@"^s3://[a-z0-9][a-z0-9.\-]{1,61}[a-z0-9](/.*)?$")]
    private static partial Regex S3Uri();

    [GeneratedRegex(@"^arn:aws[a-z\-]*:iam::\d{12}:role/?[a-zA-Z_0-9+=,.@\-_/]+$")]
    private static partial Regex RoleArn();

    [GeneratedRegex(@"^((arn:aws[a-z\-]*:sagemaker:[a-z0-9\-]*:[0-9]{12}:[a-z\-]*/)?[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62})$")]
    private static partial Regex ModelPackageGroupName();
}
