using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace MlPipeline.Scaffolder.Tests.Infrastructure;

/// <summary>
/// Evaluates the values of a CloudFormation template as CloudFormation would for names: !Sub, !Ref (parameter
/// defaults, or the name a resource's Ref returns), !GetAtt of ARNs, !Select of !Split, in short (YAML tags) or long
/// form (Fn::Join too, as a synthesized JSON template writes them); pseudo parameters for
/// account <see cref="StackNames.Account"/> and the given region. Anything else evaluates to null.
/// </summary>
internal sealed partial class CfnEvaluator(YamlMappingNode root, string region)
{
    public YamlMappingNode Root => root;

    public Dictionary<string, YamlMappingNode> Resources { get; } =
        ((YamlMappingNode)root["Resources"]).Children.ToDictionary(r => r.Key.ToString(), r => (YamlMappingNode)r.Value, StringComparer.Ordinal);

    public string? Eval(YamlNode node) => node switch
    {
        YamlScalarNode { Tag.IsEmpty: true } scalar => scalar.Value,
        YamlScalarNode { Tag.Value: "!Sub" } scalar => Sub(scalar.Value ?? ""),
        YamlScalarNode { Tag.Value: "!Ref" } scalar => Ref(scalar.Value ?? ""),
        YamlScalarNode { Tag.Value: "!GetAtt" } scalar => GetAtt(scalar.Value ?? ""),
        YamlSequenceNode { Tag.Value: "!Select" } select => Select(select),
        // The long form a synthesized template (JSON, such as the CDK's) writes: { "Fn::Join": [...] } and the like.
        YamlMappingNode { Children.Count: 1 } function => function.Children.Single() switch
        {
            (YamlScalarNode { Value: "Ref" }, YamlScalarNode name) => Ref(name.Value ?? ""),
            (YamlScalarNode { Value: "Fn::GetAtt" }, YamlSequenceNode target) => GetAtt($"{target.Children[0]}.{target.Children[1]}"),
            (YamlScalarNode { Value: "Fn::GetAtt" }, YamlScalarNode target) => GetAtt(target.Value ?? ""),
            (YamlScalarNode { Value: "Fn::Sub" }, YamlScalarNode template) => Sub(template.Value ?? ""),
            (YamlScalarNode { Value: "Fn::Select" }, YamlSequenceNode select) => Select(select),
            (YamlScalarNode { Value: "Fn::Join" }, YamlSequenceNode join) => Join(join),
            _ => null,
        },
        _ => null,
    };

    private string? Select(YamlSequenceNode select) =>
        Split(select.Children[1]) is { } parts && int.TryParse(Eval(select.Children[0]), out var index) && index < parts.Count ? parts[index] : null;

    private string? Join(YamlSequenceNode join)
    {
        var parts = ((YamlSequenceNode)join.Children[1]).Children.Select(Eval).ToList();
        return Eval(join.Children[0]) is { } separator && parts.All(p => p is not null) ? string.Join(separator, parts) : null;
    }

    private List<string>? Split(YamlNode node)
    {
        var arguments = node switch
        {
            YamlSequenceNode { Tag.Value: "!Split" } split => split,
            YamlMappingNode { Children.Count: 1 } function when function.Children.Single() is (YamlScalarNode { Value: "Fn::Split" }, YamlSequenceNode split) => split,
            _ => null,
        };
        return arguments is not null && Eval(arguments.Children[0]) is { } separator && Eval(arguments.Children[1]) is { } text ? [.. text.Split(separator)] : null;
    }

    private string? Sub(string template)
    {
        var unknown = false;
        var result = Variable().Replace(template, m =>
        {
            var name = m.Groups[1].Value;
            var value = name.Contains('.', StringComparison.Ordinal) && !name.StartsWith("AWS::", StringComparison.Ordinal) ? GetAtt(name) : Ref(name);
            unknown |= value is null;
            return value ?? "";
        });
        return unknown ? null : result;
    }

    private string? Ref(string name)
    {
        switch (name)
        {
            case "AWS::AccountId":
                return StackNames.Account;
            case "AWS::Region":
                return region;
            case "AWS::Partition":
                return "aws";
        }

        if (root.Children.TryGetValue(new YamlScalarNode("Parameters"), out var parameters) && ((YamlMappingNode)parameters).Children.TryGetValue(new YamlScalarNode(name), out var parameter))
        {
            return ((YamlMappingNode)parameter).Children.TryGetValue(new YamlScalarNode("Default"), out var value) ? Eval(value) : null;
        }

        if (!Resources.TryGetValue(name, out var resource))
        {
            return null;
        }

        string? Property(string key) => ((YamlMappingNode)resource["Properties"]).Children.TryGetValue(new YamlScalarNode(key), out var v) ? Eval(v) : null;
        return resource["Type"].ToString() switch
        {
            "AWS::S3::Bucket" => Property("BucketName"),
            "AWS::IAM::Role" => Property("RoleName"),
            "AWS::SageMaker::Pipeline" => Property("PipelineName"),
            "AWS::Lambda::Function" => Property("FunctionName"),
            "AWS::SQS::Queue" => Property("QueueName") is { } queue ? $"https://sqs.{region}.amazonaws.com/{StackNames.Account}/{queue}" : null,
            "AWS::SageMaker::ModelPackageGroup" => Property("ModelPackageGroupName") is { } group ? $"arn:aws:sagemaker:{region}:{StackNames.Account}:model-package-group/{group}" : null,
            _ => null,
        };
    }

    private string? GetAtt(string target)
    {
        var (name, attribute) = (target[..target.IndexOf('.', StringComparison.Ordinal)], target[(target.IndexOf('.', StringComparison.Ordinal) + 1)..]);
        if (!Resources.TryGetValue(name, out var resource))
        {
            return null;
        }

        var reference = Ref(name);
        return (resource["Type"].ToString(), attribute) switch
        {
            ("AWS::S3::Bucket", "Arn") => $"arn:aws:s3:::{reference}",
            ("AWS::IAM::Role", "Arn") => $"arn:aws:iam::{StackNames.Account}:role/{reference}",
            ("AWS::SageMaker::ModelPackageGroup", "ModelPackageGroupArn") => reference,
            ("AWS::Lambda::Function", "Arn") => $"arn:aws:lambda:{region}:{StackNames.Account}:function:{reference}",
            ("AWS::SQS::Queue", "Arn") => reference is null ? null : $"arn:aws:sqs:{region}:{StackNames.Account}:{reference[(reference.LastIndexOf('/') + 1)..]}",
            _ => null,
        };
    }

    [GeneratedRegex(@"\$\{([A-Za-z0-9:._]+)\}")]
    private static partial Regex Variable();
}
