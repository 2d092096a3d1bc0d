using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MlPipeline.SageMakerPipelines.Definition;

/// <summary>
/// The shapes of the SageMaker API the step kinds follow (sagemaker-shapes.json beside this file, vendored from
/// botocore's service model), and the property paths a kind's response shapes give it.
/// </summary>
internal static partial class ServiceModel
{
    // Response members that describe the call, not the job (a List response's page token).
    private static readonly string[] Skipped = ["NextToken"];

    /// <summary>Where the shapes come from (botocore's version and file).</summary>
    public static string Source => JsonText.Of(Document.Value["Source"]) ?? "";

    private static readonly Lazy<JsonObject> Document = new(() =>
    {
        using var stream = typeof(ServiceModel).Assembly.GetManifestResourceStream("MlPipeline.SageMakerPipelines.sagemaker-shapes.json")
            ?? throw new InvalidOperationException("The SageMaker service shapes are missing from the assembly.");
        return JsonNode.Parse(stream)!.AsObject();
    });

    /// <summary>Whether the vendored model has a shape of that name.</summary>
    public static bool Has(string shape) => Shapes.ContainsKey(shape);

    /// <summary>
    /// Every path into the members of these response shapes, with its botocore type (<c>structure</c>, <c>list</c>,
    /// <c>string</c>, …): <c>ProcessingOutputConfig.Outputs[*].S3Output.S3Uri</c>, a list item or map value written
    /// <c>[*]</c>. A structure that contains itself is followed once.
    /// </summary>
    /// <exception cref="InvalidOperationException">A shape is not in the vendored model.</exception>
    public static IReadOnlyDictionary<string, string> PropertiesOf(IEnumerable<string> responseShapes)
    {
        var paths = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var shape in responseShapes)
        {
            Walk(shape, "", new HashSet<string>(StringComparer.Ordinal), paths);
        }

        return new Dictionary<string, string>(paths, StringComparer.Ordinal);
    }

    /// <summary>
    /// The members a request shape requires, as dotted paths below the request, each required wherever the path before
    /// it leads (<c>ProcessingOutputConfig.Outputs[].OutputName</c>: in every item of that list): botocore's
    /// <c>required</c> lists, followed into structures and lists (not into maps, whose keys are the user's). The job's
    /// own name is left out: SageMaker Pipelines names the job it starts (<c>ProcessingJobName</c> of
    /// <c>CreateProcessingJobRequest</c>, <c>ModelName</c> of <c>CreateModelInput</c>).
    /// </summary>
    /// <exception cref="InvalidOperationException">A shape is not in the vendored model.</exception>
    public static IReadOnlyList<string> RequiredOf(string requestShape)
    {
        var required = new List<string>();
        Required(requestShape, "", new HashSet<string>(StringComparer.Ordinal), required);
        var named = RequestName().Match(requestShape).Groups["resource"].Value + "Name";
        return [.. required.Where(path => path != named)];
    }

    private static void Required(string name, string path, IReadOnlySet<string> seen, List<string> required)
    {
        var shape = Shape(name);
        switch (JsonText.Of(shape["type"]))
        {
            case "structure" when !seen.Contains(name):
                var inside = new HashSet<string>(seen, StringComparer.Ordinal) { name };
                var prefix = path.Length > 0 ? path + "." : "";
                required.AddRange((shape["required"] as JsonArray ?? []).Select(member => prefix + JsonText.Of(member)));
                foreach (var (member, reference) in shape["members"] as JsonObject ?? [])
                {
                    Required(JsonText.Of(reference?["shape"])!, prefix + member, inside, required);
                }

                break;
            case "list":
                Required(JsonText.Of(shape["member"]?["shape"])!, path + "[]", seen, required);
                break;
        }
    }

    private static JsonObject Shape(string name) => Shapes[name] as JsonObject
        ?? throw new InvalidOperationException($"Shape '{name}' is not in the vendored SageMaker service model; add it with tests/tools/sagemaker_shapes.py.");

    [GeneratedRegex("^Create(?<resource>.+?)(Request|Input)$")]
    private static partial Regex RequestName();

    /// <summary>The path with every list index and map key as <c>[*]</c>: <c>Outputs['train']</c> and <c>Outputs[0]</c> are <c>Outputs[*]</c>.</summary>
    public static string Normalize(string path) => Index().Replace(path, "[*]");

    /// <summary>The kind of value a property of that botocore type holds when the pipeline runs.</summary>
    public static PipelineValueType ValueType(string botocoreType) => botocoreType switch
    {
        "string" => PipelineValueType.String,
        "integer" or "long" => PipelineValueType.Integer,
        "float" or "double" => PipelineValueType.Float,
        "boolean" => PipelineValueType.Boolean,
        _ => PipelineValueType.Unknown,
    };

    private static void Walk(string name, string path, IReadOnlySet<string> seen, SortedDictionary<string, string> paths)
    {
        var shape = Shape(name);
        var type = JsonText.Of(shape["type"]) ?? "";
        if (path.Length > 0)
        {
            paths[path] = type;
        }

        switch (type)
        {
            case "structure" when !seen.Contains(name):
                var inside = new HashSet<string>(seen, StringComparer.Ordinal) { name };
                foreach (var (member, reference) in shape["members"] as JsonObject ?? [])
                {
                    if (path.Length > 0 || !Skipped.Contains(member))
                    {
                        Walk(JsonText.Of(reference?["shape"])!, path.Length > 0 ? $"{path}.{member}" : member, inside, paths);
                    }
                }

                break;
            case "list":
                Walk(JsonText.Of(shape["member"]?["shape"])!, $"{path}[*]", seen, paths);
                break;
            case "map":
                Walk(JsonText.Of(shape["value"]?["shape"])!, $"{path}[*]", seen, paths);
                break;
        }
    }

    private static JsonObject Shapes => Document.Value["Shapes"] as JsonObject ?? [];

    [GeneratedRegex(@"\[(\d+|'[^']*'|""[^""]*"")\]")]
    private static partial Regex Index();
}
