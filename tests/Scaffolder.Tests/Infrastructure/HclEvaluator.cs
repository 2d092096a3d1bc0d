using System.Text.Json;
using System.Text.RegularExpressions;

namespace MlPipeline.Scaffolder.Tests.Infrastructure;

/// <summary>
/// Evaluates the string values of a Terraform configuration as parsed by HashiCorp's parser (hcl2json): templates
/// whose interpolations are plain references to locals, variable defaults, the caller identity and partition, and
/// the attributes of resources that the configuration sets (or the ARN AWS would give them). Anything else (a
/// function call, a conditional) evaluates to null: a name that matters must be plain.
/// </summary>
internal sealed partial class HclEvaluator(JsonElement files, string region)
{
    public IEnumerable<(string Name, JsonElement Body)> Blocks(string kind, string? type = null) =>
        files.EnumerateObject()
            .SelectMany(file => file.Value.TryGetProperty(kind, out var blocks) ? [blocks] : Array.Empty<JsonElement>())
            .SelectMany(blocks => type is null
                ? blocks.EnumerateObject().Select(b => (b.Name, b.Value[0]))
                : blocks.TryGetProperty(type, out var typed) ? typed.EnumerateObject().Select(b => (b.Name, b.Value[0])) : []);

    public JsonElement Block(string kind, string typeOrName, string? name = null)
    {
        var found = name is null ? Blocks(kind).Where(b => b.Name == typeOrName) : Blocks(kind, typeOrName).Where(b => b.Name == name);
        return found.Select(b => b.Body).DefaultIfEmpty().Single() is { ValueKind: not JsonValueKind.Undefined } body
            ? body
            : throw new Xunit.Sdk.XunitException($"The stack declares no {kind} {typeOrName} {name}".TrimEnd());
    }

    /// <summary>The statement with <paramref name="sid"/> of a policy document data source.</summary>
    public JsonElement Statement(string kind, string type, string name, string sid) =>
        Block(kind, type, name).GetProperty("statement").EnumerateArray()
            .Single(s => s.TryGetProperty("sid", out var value) && value.GetString() == sid);

    public string? Eval(string template)
    {
        var unknown = false;
        var result = Interpolation().Replace(template, m =>
        {
            var value = Reference(m.Groups[1].Value.Trim());
            unknown |= value is null;
            return value ?? "";
        });
        return unknown ? null : result;
    }

    private string? Reference(string expression)
    {
        var match = PlainReference().Match(expression);
        if (!match.Success)
        {
            return null;
        }

        var parts = IndexSuffix().Replace(expression, "").Split('.');
        return parts switch
        {
            ["local", var name] => Local(name),
            ["var", var name] => Blocks("variable").Where(v => v.Name == name).Select(v => v.Body.TryGetProperty("default", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null).FirstOrDefault(),
            ["data", "aws_caller_identity", _, "account_id"] => StackNames.Account,
            ["data", "aws_partition", _, "partition"] => "aws",
            [var type, var name, var attribute] when type.StartsWith("aws_", StringComparison.Ordinal) => Attribute(type, name, attribute),
            _ => null,
        };
    }

    private string? Local(string name)
    {
        foreach (var file in files.EnumerateObject())
        {
            foreach (var block in file.Value.TryGetProperty("locals", out var locals) ? locals.EnumerateArray() : [])
            {
                if (block.TryGetProperty(name, out var value))
                {
                    return value.ValueKind == JsonValueKind.String ? Eval(value.GetString()!) : null;
                }
            }
        }

        return null;
    }

    private string? Attribute(string type, string name, string attribute)
    {
        var body = Blocks("resource", type).Where(b => b.Name == name).Select(b => (JsonElement?)b.Body).FirstOrDefault();
        if (body is null)
        {
            return null;
        }

        string? Own(string key) => body.Value.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String ? Eval(v.GetString()!) : null;
        var account = StackNames.Account;
        return (type, attribute) switch
        {
            ("aws_s3_bucket", "id" or "bucket") => Own("bucket"),
            ("aws_s3_bucket", "arn") => Own("bucket") is { } bucket ? $"arn:aws:s3:::{bucket}" : null,
            ("aws_iam_role", "id" or "name") => Own("name"),
            ("aws_iam_role", "arn") => Own("name") is { } role ? $"arn:aws:iam::{account}:role/{role}" : null,
            ("aws_sagemaker_model_package_group", "id" or "model_package_group_name") => Own("model_package_group_name"),
            ("aws_sagemaker_model_package_group", "arn") => Own("model_package_group_name") is { } group ? $"arn:aws:sagemaker:{region}:{account}:model-package-group/{group}" : null,
            ("aws_sagemaker_pipeline", "id" or "pipeline_name") => Own("pipeline_name"),
            ("aws_sagemaker_pipeline", "arn") => Own("pipeline_name") is { } pipeline ? $"arn:aws:sagemaker:{region}:{account}:pipeline/{pipeline}" : null,
            ("aws_lambda_function", "id" or "function_name") => Own("function_name"),
            ("aws_lambda_function", "arn") => Own("function_name") is { } function ? $"arn:aws:lambda:{region}:{account}:function:{function}" : null,
            ("aws_sqs_queue", "name") => Own("name"),
            ("aws_sqs_queue", "arn") => Own("name") is { } queue ? $"arn:aws:sqs:{region}:{account}:{queue}" : null,
            ("aws_sqs_queue", "id" or "url") => Own("name") is { } queue ? $"https://sqs.{region}.amazonaws.com/{account}/{queue}" : null,
            _ => Own(attribute),
        };
    }

    [GeneratedRegex(@"\$\{([^{}]*)\}")]
    private static partial Regex Interpolation();

    [GeneratedRegex(@"^[a-z_][a-z0-9_]*(\.[a-z0-9_]+|\[\d+\])+$")]
    private static partial Regex PlainReference();

    [GeneratedRegex(@"\[\d+\]")]
    private static partial Regex IndexSuffix();
}
