using System.Text;
using System.Text.RegularExpressions;
using MlPipeline.Scaffolder.Rendering;
using MlPipeline.Scaffolder.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MlPipeline.Scaffolder.Tests.Deploy;

/// <summary>
/// Every AWS name the CI files, the README, the pipeline's settings and the stack's own outputs use is the name
/// the stack declares. The stack's names are evaluated from the stack (HCL parsed by HashiCorp's parser, the
/// CloudFormation YAML), the others read from the parsed workflows, the README's commands and the C# constants;
/// nothing here is derived from the template text.
/// </summary>
public partial class NamesAgreeTests
{
    private const string Account = StackNames.Account;

    public static TheoryData<string, string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string, string>();
        string[] names = ["Churn", "Acme.Churn-2", "Fraud2Detect9", "A.B-C.D2e.Fghijklmnopqrstuvwxyz"];
        string[] regions = ["us-east-1", "eu-west-2", "ap-south-1"];
        var i = 0;
        foreach (var iac in new[] { "terraform", "cloudformation" })
        {
            foreach (var ci in new[] { "github", "gitlab", "none" })
            {
                foreach (var name in names)
                {
                    data.Add(iac, ci, name, regions[i++ % regions.Length]);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_name_outside_the_stack_is_one_the_stack_declares(string iac, string ci, string name, string region)
    {
        var tree = Scaffold.Render("name=" + name, "iac=" + iac, "ci=" + ci, "region=" + region);
        var stack = iac == "terraform" ? StackNames.FromTerraform(tree, region) : StackNames.FromCloudFormation(tree, region);

        var problems = Problems(iac, ci, region, tree, stack);

        Assert.True(problems.Count == 0, $"{iac} × {ci}, {name} in {region}:\n" + string.Join('\n', problems.Distinct()));
    }

    /// <summary>
    /// Where the CI files, the README, the pipeline's settings and the stack's own outputs use a name the stack does
    /// not declare. The CDK app's stack is known only once synthesized: <c>CdkAppTests</c> calls this with it.
    /// </summary>
    internal static List<string> Problems(string iac, string ci, string region, GeneratedTree tree, StackNames stack)
    {
        var problems = new List<string>();
        void Expect(string where, string what, string? actual, string expected)
        {
            if (actual != expected)
            {
                problems.Add($"{where}: {what} is '{actual}', the stack's is '{expected}'");
            }
        }

        // The stack agrees with itself: outputs, the functions' settings and the event rules.
        var outputs = iac == "terraform"
            ? new Dictionary<string, string>
            {
                ["artifact_bucket"] = stack.Bucket,
                ["key_prefix"] = stack.KeyPrefix,
                ["pipeline_name"] = stack.PipelineName,
                ["model_package_group"] = stack.ModelPackageGroup,
                ["staging_endpoint"] = stack.StagingEndpoint,
                ["production_endpoint"] = stack.ProductionEndpoint,
                ["execution_role_arn"] = StackNames.RoleArn(stack.Roles["execution"]),
            }
            : new Dictionary<string, string>
            {
                ["ArtifactBucketName"] = stack.Bucket,
                ["KeyPrefix"] = stack.KeyPrefix,
                ["PipelineName"] = stack.PipelineName,
                ["ModelPackageGroup"] = stack.ModelPackageGroup,
                ["StagingEndpoint"] = stack.StagingEndpoint,
                ["ProductionEndpoint"] = stack.ProductionEndpoint,
                ["ExecutionRoleArn"] = StackNames.RoleArn(stack.Roles["ExecutionRole"]),
                ["PipelineArn"] = $"arn:aws:sagemaker:{region}:{Account}:pipeline/{stack.PipelineName}",
            };
        foreach (var (output, expected) in outputs)
        {
            Expect("stack output", output, stack.Outputs.GetValueOrDefault(output), expected);
        }

        Expect("stack", "the new-data rule's prefix", stack.NewDataPrefix, stack.KeyPrefix + "/data/");
        Expect("stack", "the approval rule's group", stack.ApprovedGroup, stack.ModelPackageGroup);
        Expect("stack", "the start function's DATA_PREFIX", stack.FunctionEnvironment.Single(e => e.Key.EndsWith(".DATA_PREFIX", StringComparison.Ordinal)).Value, $"s3://{stack.Bucket}/{stack.KeyPrefix}/data/");
        Expect("stack", "the start function's PIPELINE_NAME", stack.FunctionEnvironment.Single(e => e.Key.EndsWith(".PIPELINE_NAME", StringComparison.Ordinal)).Value, stack.PipelineName);
        var capture = $"s3://{stack.Bucket}/{stack.KeyPrefix}/data-capture";
        Expect("stack", "the approval function's DATA_CAPTURE_URI", stack.FunctionEnvironment.Single(e => e.Key.EndsWith(".DATA_CAPTURE_URI", StringComparison.Ordinal)).Value, capture);
        Expect("stack", "the approval function's MODEL_PACKAGE_GROUP", stack.FunctionEnvironment.Single(e => e.Key.EndsWith(".MODEL_PACKAGE_GROUP", StringComparison.Ordinal)).Value, stack.ModelPackageGroup);
        Assert.Equal(ci == "none" ? 3 : 4, stack.Roles.Count);

        // The pipeline's settings: the names the definition and publish use.
        var settings = Constants(tree.Text(tree.Files.Single(f => f.Path.StartsWith("src/", StringComparison.Ordinal) && f.Path.EndsWith(".Pipeline/PipelineSettings.cs", StringComparison.Ordinal)).Path));
        Expect("PipelineSettings", "PipelineName", settings["PipelineName"], stack.PipelineName);
        Expect("PipelineSettings", "Prefix", settings["Prefix"], stack.KeyPrefix);
        Expect("PipelineSettings", "ModelPackageGroup", settings["ModelPackageGroup"], stack.ModelPackageGroup);

        // The CI jobs, every line with the environment the CI gives it.
        var used = new Names();
        if (ci == "github")
        {
            var values = new Dictionary<string, string> { ["secrets.AWS_ACCOUNT_ID"] = Account };
            foreach (var file in tree.Files.Where(f => f.Path.StartsWith(".github/workflows/", StringComparison.Ordinal)))
            {
                foreach (var job in CiJobs.GitHub(Encoding.UTF8.GetString(file.Content)))
                {
                    foreach (var line in job.Lines)
                    {
                        // Other expressions (other secrets, step outputs, hashFiles) stand for no AWS name.
                        var env = line.Environment.ToDictionary(p => p.Key, p => CiJobs.ResolveGitHub(p.Value, values, line.Environment, "UNKNOWN"));
                        used.Read($"{file.Path} {job.Name}: {line.Step}", Expand(CiJobs.ResolveGitHub(line.Script, values, line.Environment, "UNKNOWN"), env));
                        used.ReadAll($"{file.Path} {job.Name} env", env);
                    }

                    var jobEnv = job.Lines.Count > 0 ? job.Lines[0].Environment : new Dictionary<string, string>();
                    foreach (var (uses, with) in job.Actions)
                    {
                        used.ReadAll($"{file.Path} {job.Name}: {uses}", with.ToDictionary(p => p.Key, p => CiJobs.ResolveGitHub(p.Value, values, jobEnv, "UNKNOWN")));
                    }
                }
            }
        }
        else if (ci == "gitlab")
        {
            foreach (var job in CiJobs.GitLab(tree.Text(".gitlab-ci.yml")))
            {
                var variables = CiJobs.ExpandGitLab(job.Lines.Count > 0 ? job.Lines[0].Environment : new Dictionary<string, string>(), new Dictionary<string, string> { ["AWS_ACCOUNT_ID"] = Account, ["CI_PROJECT_DIR"] = "/builds/p" });
                used.ReadAll($".gitlab-ci.yml {job.Name} variables", variables);
                foreach (var line in job.Lines)
                {
                    used.Read($".gitlab-ci.yml {job.Name}", Expand(line.Script, variables));
                }
            }
        }

        // The README: its commands, its names table and the outputs it reads.
        var readme = tree.Text("README.md");
        var readmeEnv = new Dictionary<string, string> { ["MLPIPELINE_BUCKET"] = stack.Bucket, ["MLPIPELINE_ROLE_ARN"] = StackNames.RoleArn(stack.Roles.Values.Single(r => r.EndsWith("-sagemaker-execution", StringComparison.Ordinal))) };
        used.Read("README.md", Expand(readme.Replace("-ACCOUNT-", $"-{Account}-", StringComparison.Ordinal), readmeEnv));
        foreach (Match output in ReadmeOutput().Matches(readme))
        {
            // An output whose value depends on an input (the CI role, the KMS key) is declared but not evaluated here.
            if (!stack.Outputs.ContainsKey(output.Groups[1].Value) && !DeclaresOutput(tree, output.Groups[1].Value))
            {
                problems.Add($"README.md reads the output {output.Groups[1].Value}, which the stack does not have (it has {string.Join(", ", stack.Outputs.Keys)})");
            }
        }

        foreach (Match row in NamesTableRow().Matches(readme))
        {
            foreach (Match code in InlineCode().Matches(row.Groups[2].Value))
            {
                used.Add($"README.md names table: {row.Groups[1].Value}", row.Groups[1].Value.Trim() switch
                {
                    "artifact bucket" => "bucket",
                    "pipeline" => "pipeline",
                    "model package group" => "group",
                    "endpoints" => "endpoint",
                    "roles" => "role",
                    _ => "prefix",
                }, code.Groups[1].Value.Replace("ACCOUNT", Account, StringComparison.Ordinal).TrimEnd('/'));
            }
        }

        var allowed = new Dictionary<string, HashSet<string>>
        {
            ["bucket"] = [stack.Bucket],
            ["prefix"] = [stack.KeyPrefix],
            ["pipeline"] = [stack.PipelineName],
            ["group"] = [stack.ModelPackageGroup],
            ["endpoint"] = [stack.StagingEndpoint, stack.ProductionEndpoint],
            ["role"] = [.. stack.Roles.Values],
            ["capture"] = [capture],
        };
        foreach (var (where, kind, value) in used.All)
        {
            if (!allowed[kind].Contains(value))
            {
                problems.Add($"{where}: the {kind} '{value}' is not the stack's ({string.Join(", ", allowed[kind])})");
            }
        }

        // Nothing passes for want of names: each kind is used where it must be.
        foreach (var kind in allowed.Keys)
        {
            foreach (var source in ci == "none" ? new[] { "README.md" } : ["README.md", ci == "github" ? ".github/workflows/" : ".gitlab-ci.yml"])
            {
                // CI starts the pipeline with `start --wait`, by the name PipelineSettings gives it (checked above).
                if ((kind == "prefix" || kind == "pipeline") && source != "README.md")
                {
                    continue;
                }

                if (!used.All.Any(u => u.Kind == kind && u.Where.StartsWith(source, StringComparison.Ordinal)))
                {
                    problems.Add($"{source} uses no {kind} name at all (the test reads none)");
                }
            }
        }

        if (ci != "none")
        {
            var values = used.All.Where(u => !u.Where.StartsWith("README", StringComparison.Ordinal)).ToList();
            foreach (var needed in new[] { stack.StagingEndpoint, stack.ProductionEndpoint })
            {
                if (!values.Any(u => u.Kind == "endpoint" && u.Value == needed))
                {
                    problems.Add($"CI never names the endpoint {needed}");
                }
            }

            foreach (var role in stack.Roles.Values.Where(r => r.EndsWith("-ci-deploy", StringComparison.Ordinal) || r.EndsWith("-sagemaker-execution", StringComparison.Ordinal)))
            {
                if (!values.Any(u => u.Kind == "role" && u.Value == role))
                {
                    problems.Add($"CI never names the role {role}");
                }
            }
        }

        return problems;
    }

    /// <summary>$NAME, ${NAME} and "$NAME" of the given variables, as the shell would expand them.</summary>
    private static string Expand(string script, Dictionary<string, string> env) =>
        ShellVariable().Replace(script, m => env.TryGetValue(m.Groups[1].Value + m.Groups[2].Value, out var value) ? value : m.Value);

    /// <summary>The string constants of a C# file, parsed by Roslyn.</summary>
    private static Dictionary<string, string> Constants(string code) =>
        CSharpSyntaxTree.ParseText(code).GetRoot().DescendantNodes().OfType<FieldDeclarationSyntax>()
            .Where(f => f.Modifiers.Any(SyntaxKind.ConstKeyword))
            .SelectMany(f => f.Declaration.Variables)
            .Where(v => v.Initializer?.Value is LiteralExpressionSyntax)
            .ToDictionary(v => v.Identifier.Text, v => (string)((LiteralExpressionSyntax)v.Initializer!.Value).Token.Value!, StringComparer.Ordinal);

    /// <summary>The AWS names a text uses, by kind, each with where it was found.</summary>
    private sealed partial class Names
    {
        public List<(string Where, string Kind, string Value)> All { get; } = [];

        public void Add(string where, string kind, string value) => All.Add((where, kind, value));

        public void ReadAll(string where, IReadOnlyDictionary<string, string> variables)
        {
            foreach (var (key, value) in variables)
            {
                Read($"{where} {key}", value);
                if (key == "MLPIPELINE_BUCKET")
                {
                    Add($"{where} {key}", "bucket", value);
                }
            }
        }

        public void Read(string where, string text)
        {
            foreach (var (pattern, kind) in new[] { (PipelineName(), "pipeline"), (Group(), "group"), (Endpoint(), "endpoint"), (Registry(), "group"), (CaptureUri(), "capture") })
            {
                foreach (Match m in pattern.Matches(text))
                {
                    Add(where, kind, m.Groups[1].Value);
                }
            }

            foreach (Match m in Role().Matches(text))
            {
                Add(where, "role", m.Groups[1].Value);
            }

            foreach (Match m in S3Uri().Matches(text))
            {
                Add(where, "bucket", m.Groups[1].Value);
                if (m.Groups[2].Value.Length > 0)
                {
                    Add(where, "prefix", m.Groups[2].Value);
                }
            }
        }

        [GeneratedRegex(@"--pipeline-name[ =]+""?([^\s""$]+)")]
        private static partial Regex PipelineName();

        [GeneratedRegex(@"--group[ =]+""?([^\s""$]+)")]
        private static partial Regex Group();

        [GeneratedRegex(@"--endpoint-name[ =]+""?([^\s""$]+)")]
        private static partial Regex Endpoint();

        [GeneratedRegex(@"--data-capture-uri[ =]+""?([^\s""]+)")]
        private static partial Regex CaptureUri();

        [GeneratedRegex(@"registry (?:show|approve|reject) ([^\s`]+)")]
        private static partial Regex Registry();

        [GeneratedRegex(@"arn:aws:iam::(?:\d{12}|ACCOUNT):role/([A-Za-z0-9+=,.@_-]+)")]
        private static partial Regex Role();

        // s3://BUCKET/PREFIX/... where the bucket is a literal name (not a placeholder such as NAME or a variable).
        [GeneratedRegex(@"s3://([a-z0-9][a-z0-9.-]+[a-z0-9])(?:/([a-z0-9][a-z0-9-]*)/)?")]
        private static partial Regex S3Uri();
    }

    [GeneratedRegex(@"\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex ShellVariable();

    /// <summary>Whether the tree's stack declares the output: Terraform's <c>output "NAME"</c>, CloudFormation's Outputs entry, the CDK app's <c>Output("NAME"</c>.</summary>
    private static bool DeclaresOutput(GeneratedTree tree, string name) => tree.Files
        .Where(f => f.Path.StartsWith("infra/", StringComparison.Ordinal))
        .Any(f => Regex.IsMatch(tree.Text(f.Path), $@"(^output ""{name}"" \{{|^  {name}:\n    Description:|\bOutput\(""{name}"")", RegexOptions.Multiline));

    [GeneratedRegex(@"(?:output -raw |\$\(output )([A-Za-z_]+)")]
    private static partial Regex ReadmeOutput();

    [GeneratedRegex(@"(?m)^\| ([a-z ]+?)(?: \([^)]*\))? \| (.+) \|$")]
    private static partial Regex NamesTableRow();

    [GeneratedRegex(@"`([^`]+)`")]
    private static partial Regex InlineCode();
}
