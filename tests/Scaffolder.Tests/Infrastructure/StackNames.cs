using System.Text.Json;
using System.Text.RegularExpressions;
using MlPipeline.Scaffolder.Rendering;
using YamlDotNet.RepresentationModel;

namespace MlPipeline.Scaffolder.Tests.Infrastructure;

/// <summary>
/// The AWS names an infrastructure stack declares, evaluated from the stack itself: the Terraform configuration
/// parsed by HashiCorp's HCL parser (string templates resolved through locals, variable defaults, resource
/// attributes and the two data sources), or the CloudFormation template parsed as YAML (!Sub, !Ref, !GetAtt).
/// The account is <see cref="Account"/>, the region the project's.
/// </summary>
internal sealed partial record StackNames(
    string Bucket,
    string KeyPrefix,
    string PipelineName,
    string ModelPackageGroup,
    string StagingEndpoint,
    string ProductionEndpoint,
    IReadOnlyDictionary<string, string> Roles,
    IReadOnlyDictionary<string, string> Outputs,
    IReadOnlyDictionary<string, string> FunctionEnvironment,
    string NewDataPrefix,
    string ApprovedGroup)
{
    public const string Account = "123456789012";

    public static string RoleArn(string roleName) => $"arn:aws:iam::{Account}:role/{roleName}";

    /// <summary>The Terraform stack under infra/terraform of a generated tree.</summary>
    public static StackNames FromTerraform(GeneratedTree tree, string region)
    {
        var files = tree.Files.Where(f => f.Path.StartsWith("infra/terraform/", StringComparison.Ordinal) && f.Path.EndsWith(".tf", StringComparison.Ordinal) && Path.GetDirectoryName(f.Path) == "infra/terraform");
        using var parsed = Hcl.Parse(files.Select(f => (Path.GetFileName(f.Path), f.Content)));
        var hcl = new HclEvaluator(parsed.RootElement, region);

        var execution = hcl.Statement("data", "aws_iam_policy_document", "execution", "ArtifactObjects");
        var prefix = ArtifactPrefix().Match(hcl.Eval(execution.GetProperty("resources")[0].GetString()!)!);
        var functions = hcl.Blocks("resource", "aws_lambda_function").ToDictionary(
            f => f.Name,
            f => f.Body.GetProperty("environment")[0].GetProperty("variables").EnumerateObject().ToDictionary(v => v.Name, v => hcl.Eval(v.Value.GetString()!) ?? "", StringComparer.Ordinal),
            StringComparer.Ordinal);
        var newData = hcl.Block("resource", "aws_cloudwatch_event_rule", "new_data").GetProperty("event_pattern").GetString()!;
        var approved = hcl.Block("resource", "aws_cloudwatch_event_rule", "approved").GetProperty("event_pattern").GetString()!;
        return new StackNames(
            hcl.Eval(hcl.Block("resource", "aws_s3_bucket", "artifacts").GetProperty("bucket").GetString()!)!,
            prefix.Success ? prefix.Groups[2].Value : throw new Xunit.Sdk.XunitException("The execution role's ArtifactObjects statement names no bucket prefix."),
            hcl.Eval(hcl.Block("resource", "aws_sagemaker_pipeline", "pipeline").GetProperty("pipeline_name").GetString()!)!,
            hcl.Eval(hcl.Block("resource", "aws_sagemaker_model_package_group", "models").GetProperty("model_package_group_name").GetString()!)!,
            functions["deploy"]["ENDPOINT_NAME"],
            hcl.Eval(hcl.Block("output", "production_endpoint").GetProperty("value").GetString()!)!,
            hcl.Blocks("resource", "aws_iam_role").ToDictionary(r => r.Name, r => hcl.Eval(r.Body.GetProperty("name").GetString()!)!, StringComparer.Ordinal),
            hcl.Blocks("output").Select(o => (o.Name, Value: hcl.Eval(o.Body.GetProperty("value").GetString()!))).Where(o => o.Value is not null).ToDictionary(o => o.Name, o => o.Value!, StringComparer.Ordinal),
            functions.SelectMany(f => f.Value.Select(v => (Key: $"{f.Key}.{v.Key}", v.Value))).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
            PatternValue(newData, "prefix", hcl),
            PatternValue(approved, "ModelPackageGroupName", hcl));
    }

    /// <summary>The CloudFormation stack infra/cloudformation/stack.yaml of a generated tree, with its parameters' defaults.</summary>
    public static StackNames FromCloudFormation(GeneratedTree tree, string region) =>
        FromCloudFormation(System.Text.Encoding.UTF8.GetString(tree.Find("infra/cloudformation/stack.yaml")!.Content), region);

    /// <summary>A CloudFormation template in YAML or JSON (such as the one the CDK app synthesizes), with its parameters' defaults.</summary>
    public static StackNames FromCloudFormation(string template, string region)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(template));
        var cfn = new CfnEvaluator((YamlMappingNode)stream.Documents[0].RootNode, region);
        var resources = cfn.Resources;

        string Property(string resource, params string[] path) => cfn.Eval(path.Aggregate((YamlNode)resources[resource]["Properties"], (node, key) => node[key]))!;

        var policy = (YamlSequenceNode)resources["ExecutionRole"]["Properties"]["Policies"][0]["PolicyDocument"]["Statement"];
        var objects = policy.Children.OfType<YamlMappingNode>().Single(s => s.Children.TryGetValue(new YamlScalarNode("Sid"), out var sid) && sid.ToString() == "ArtifactObjects");
        var prefix = ArtifactPrefix().Match(cfn.Eval(objects["Resource"])!);
        var functions = resources.Where(r => r.Value["Type"].ToString() == "AWS::Lambda::Function").ToDictionary(
            r => r.Key,
            r => ((YamlMappingNode)r.Value["Properties"]["Environment"]["Variables"]).Children.ToDictionary(v => v.Key.ToString(), v => cfn.Eval(v.Value) ?? "", StringComparer.Ordinal),
            StringComparer.Ordinal);
        var newData = resources["NewDataRule"]["Properties"]["EventPattern"]["detail"]["object"]["key"][0]["prefix"];
        var approved = resources["ApprovedRule"]["Properties"]["EventPattern"]["detail"]["ModelPackageGroupName"][0];
        return new StackNames(
            Property("ArtifactBucket", "BucketName"),
            prefix.Success ? prefix.Groups[2].Value : throw new Xunit.Sdk.XunitException("The execution role's ArtifactObjects statement names no bucket prefix."),
            Property("Pipeline", "PipelineName"),
            Property("ModelPackageGroup", "ModelPackageGroupName"),
            functions["DeployApprovedFunction"]["ENDPOINT_NAME"],
            cfn.Eval(cfn.Root["Outputs"]["ProductionEndpoint"]["Value"])!,
            resources.Where(r => r.Value["Type"].ToString() == "AWS::IAM::Role").ToDictionary(r => r.Key, r => Property(r.Key, "RoleName"), StringComparer.Ordinal),
            ((YamlMappingNode)cfn.Root["Outputs"]).Children.Select(o => (Name: o.Key.ToString(), Value: cfn.Eval(o.Value["Value"]))).Where(o => o.Value is not null).ToDictionary(o => o.Name, o => o.Value!, StringComparer.Ordinal),
            functions.SelectMany(f => f.Value.Select(v => (Key: $"{f.Key}.{v.Key}", v.Value))).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
            cfn.Eval(newData)!,
            cfn.Eval(approved)!);
    }

    // An event pattern is jsonencode({ ... }) in HCL object syntax; the value of KEY = "template" or KEY = [reference].
    private static string PatternValue(string expression, string key, HclEvaluator hcl)
    {
        var match = Regex.Match(expression, $@"\b{key}\s*=\s*\[?\s*(""(?:[^""\\]|\\.)*""|[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+|\[\d+\])*)");
        Assert.True(match.Success, $"the event pattern has no {key}: {expression}");
        var value = match.Groups[1].Value;
        return hcl.Eval(value.StartsWith('"') ? JsonSerializer.Deserialize<string>(value)! : "${" + value + "}")
            ?? throw new Xunit.Sdk.XunitException($"{key} = {value} does not evaluate to a name");
    }

    [GeneratedRegex(@"^arn:aws:s3:::([^/]+)/(.+)/\*$")]
    private static partial Regex ArtifactPrefix();
}
