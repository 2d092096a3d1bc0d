using System.Globalization;
using System.Text.Json.Nodes;
using MlPipeline.SageMakerPipelines.Definition;

namespace MlPipeline.SageMakerPipelines.Local;

/// <summary>
/// What SageMaker's Describe call reports about a step's job besides what the job produced: the request's own members
/// (the evaluated arguments, where the response has them: RoleArn, OutputDataConfig.S3OutputPath,
/// HyperParameters['epochs'], ProcessingInputs['code'].S3Input.S3Uri) and the job's times. Paths and the members that
/// exist come from the same table the validator and <see cref="Step.Property(string)"/> use, so a reference the
/// validator accepts finds its value here when the request gave one.
/// </summary>
internal static class DescribedProperties
{
    // List items a later step names by a member of the item, as the SDK's local mode keys them.
    private static readonly string[] ItemNames = ["OutputName", "InputName", "ChannelName", "MetricName", "Name"];

    /// <summary>Adds the request's members and the times to <paramref name="properties"/>; what the job produced stays as it is.</summary>
    public static void Add(Dictionary<string, JsonNode?> properties, StepKindDescriptor kind, JsonObject arguments, DateTimeOffset started)
    {
        Walk(properties, kind, arguments, "");
        var now = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
        foreach (var (name, value) in new[]
        {
            ("CreationTime", started.ToString("O", CultureInfo.InvariantCulture)),
            ("LastModifiedTime", now),
            ($"{kind.TypeName}StartTime", started.ToString("O", CultureInfo.InvariantCulture)),
            ($"{kind.TypeName}EndTime", now),
        })
        {
            if (kind.PropertyType(name) == "timestamp")
            {
                properties.TryAdd(name, value);
            }
        }
    }

    private static void Walk(Dictionary<string, JsonNode?> properties, StepKindDescriptor kind, JsonNode? node, string path)
    {
        var type = path.Length == 0 ? "structure" : kind.PropertyType(path);
        if (type is null)
        {
            return;
        }

        if (path.Length > 0)
        {
            properties.TryAdd(path, node?.DeepClone());
        }

        switch (type, node)
        {
            case ("structure", JsonObject structure):
                foreach (var (key, value) in structure)
                {
                    Walk(properties, kind, value, path.Length == 0 ? key : $"{path}.{key}");
                }

                break;
            case ("map", JsonObject map):
                foreach (var (key, value) in map)
                {
                    Walk(properties, kind, value, $"{path}['{key}']");
                }

                break;
            case ("list", JsonArray list):
                for (var i = 0; i < list.Count; i++)
                {
                    Walk(properties, kind, list[i], $"{path}[{i}]");
                    if (list[i] is JsonObject item && ItemNames.Select(n => item[n]).OfType<JsonValue>().FirstOrDefault() is { } name
                        && name.TryGetValue<string>(out var text))
                    {
                        Walk(properties, kind, list[i], $"{path}['{text}']");
                    }
                }

                break;
        }
    }
}
