using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MlPipeline.Scaffolder.Rendering;
using MlPipeline.Scaffolder.Tests.Infrastructure;
using MlPipeline.Tests.Shared;
using Xunit.Abstractions;

namespace MlPipeline.Scaffolder.Tests.Deploy;

/// <summary>
/// The generated CI's infrastructure job, its lines run here in order with the real tools: terraform fmt -check,
/// init (providers from the local mirror) and validate for every CI choice, cfn-lint for CloudFormation. The tool
/// versions the CI pins are the ones this machine runs.
/// </summary>
public partial class InfrastructureJobTests(ITestOutputHelper log)
{
    [TerraformTheory]
    [InlineData("github", "Acme.Churn-2", "eu-west-2", "single")]
    [InlineData("gitlab", "Fraud2Detect9", "ap-south-1", "single")]
    [InlineData("none", "Churn", "us-east-1", "single")]
    [InlineData("github", "A.B-C.D2e.Fghijklmnopqrstuvwxyz", "us-west-2", "single")]
    [InlineData("github", "Acme.Churn-2", "eu-central-1", "multi")]
    [InlineData("gitlab", "A.B-C.D2e.Fghijklmnopqrstuvwxyz", "ap-south-1", "multi")]
    [InlineData("none", "Fraud2Detect9", "us-east-2", "multi")]
    public void The_terraform_stack_passes_fmt_init_and_validate_as_the_ci_job_runs_them(string ci, string name, string region, string accounts)
    {
        using var temp = new TempDirectory();
        var tree = Scaffold.Render("name=" + name, "ci=" + ci, "region=" + region, "iac=terraform", "accounts=" + accounts);
        Write(tree, temp.Path);

        // With separate accounts the target accounts' stack (infra/terraform/target) is checked too.
        List<string> lines = accounts == "multi"
            ? ["terraform -chdir=infra/terraform fmt -check -recursive", "terraform -chdir=infra/terraform init -backend=false", "terraform -chdir=infra/terraform validate",
               "terraform -chdir=infra/terraform/target init -backend=false", "terraform -chdir=infra/terraform/target validate"]
            : ["terraform -chdir=infra/terraform fmt -check -recursive", "terraform -chdir=infra/terraform init -backend=false", "terraform -chdir=infra/terraform validate"];
        var (image, job) = InfrastructureJob(tree, ci);
        if (job is null)
        {
            CiRunner.Run(lines.Select(l => (l, l)), temp.Path, Terraform.EnvironmentWith(), log.WriteLine, TimeSpan.FromMinutes(5));
        }
        else
        {
            var local = Regex.Match(ProcessRunner.Run(Terraform.Executable, ["version"]).Output, @"Terraform v(\d+\.\d+\.\d+)").Groups[1].Value;
            Assert.True(image == local, $"The CI runs Terraform {image}, these tests run {local}: pin the version that is tested.");
            Assert.Equal(lines, job.Lines.Select(l => l.Script));
            RunJob(job, ci, temp.Path, Terraform.EnvironmentWith());
        }

        // Only hashicorp/aws: no other provider to fetch, such as the archive provider for the functions' zip.
        foreach (var stack in accounts == "multi" ? (string[])["infra/terraform", "infra/terraform/target"] : ["infra/terraform"])
        {
            var lockFile = File.ReadAllText(Path.Combine(temp.Path, stack, ".terraform.lock.hcl"));
            Assert.Equal(["registry.terraform.io/hashicorp/aws"], ProviderLock().Matches(lockFile).Select(m => m.Groups[1].Value));
        }
    }

    /// <summary>
    /// Separate accounts: the account ids are inputs of the stacks, never in the project. A plan (against moto) stops
    /// before anything is made, naming the input, when an id is missing, is not 12 digits, is given twice, or is the
    /// build account's own; the target stack likewise for its stage and build account. Good inputs plan the
    /// registry's policy for the two accounts and the promotion role.
    /// </summary>
    [TerraformFact]
    public void A_multi_account_stack_refuses_missing_malformed_and_repeated_account_ids_at_plan_time()
    {
        using var temp = new TempDirectory();
        Write(Scaffold.Render("name=Acme.Churn-2", "ci=github", "region=eu-west-2", "iac=terraform", "accounts=multi"), temp.Path);
        using var moto = new MotoServer();
        var environment = Terraform.EnvironmentWith(moto.Environment("eu-west-2"));
        var build = temp.Combine("infra", "terraform");
        var target = temp.Combine("infra", "terraform", "target");
        Terraform.Run(build, environment, "init", "-backend=false");
        Terraform.Run(target, environment, "init", "-backend=false");
        const string staging = "111122223333", production = "444455556666";
        WriteFunctionsZip(temp.Path);

        string Refused(string folder, params string[] variables)
        {
            var result = ProcessRunner.Run(Terraform.Executable, ["-chdir=" + folder, "plan", "-input=false", "-no-color", .. variables.SelectMany(v => new[] { "-var", v })], folder, environment: environment, timeout: TimeSpan.FromMinutes(5));
            // Terraform may print the changes it worked out before the error; a plan that fails is never applied.
            Assert.True(result.ExitCode != 0, $"the plan with {string.Join(' ', variables)} was taken:\n{result.All}");
            return Regex.Replace(result.All, @"\s+", " ");
        }

        var missing = Refused(build);
        Assert.Contains("input variable \"staging_account_id\" is not set", missing, StringComparison.Ordinal);
        Assert.Contains("input variable \"production_account_id\" is not set", missing, StringComparison.Ordinal);
        Assert.Contains("input variable \"production_account_id\" is not set", Refused(build, "staging_account_id=" + staging), StringComparison.Ordinal);
        foreach (var bad in new[] { "12345", "11112222333a", " 111122223333", "" })
        {
            Assert.Contains("staging_account_id must be an AWS account id: exactly 12 digits", Refused(build, "staging_account_id=" + bad, "production_account_id=" + production), StringComparison.Ordinal);
        }

        Assert.Contains("production_account_id must be an AWS account id: exactly 12 digits", Refused(build, "staging_account_id=" + staging, "production_account_id=1234567890123"), StringComparison.Ordinal);

        Assert.Contains("production_account_id must differ from staging_account_id", Refused(build, "staging_account_id=" + staging, "production_account_id=" + staging), StringComparison.Ordinal);
        Assert.Contains($"must be other accounts than this build account ({MotoServer.Account})", Refused(build, "staging_account_id=" + MotoServer.Account, "production_account_id=" + production), StringComparison.Ordinal);

        var plan = Terraform.Run(build, environment, "plan", "-input=false", "-no-color", "-var", "staging_account_id=" + staging, "-var", "production_account_id=" + production, "-var", "repository=acme/churn").Output;
        Assert.Contains("aws_sagemaker_model_package_group_policy.targets will be created", plan, StringComparison.Ordinal);
        Assert.Contains("aws_iam_role.ci_promote[0] will be created", plan, StringComparison.Ordinal);
        Assert.Contains($"arn:aws:iam::{staging}:role/acme-churn-2-deploy", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("deploy-approved", plan, StringComparison.Ordinal);

        Assert.Contains("stage must be staging or production", Refused(target, "stage=qa", "build_account_id=" + staging), StringComparison.Ordinal);
        Assert.Contains("Set create_kms_key = true or kms_key_arn, not both", Refused(target, "stage=staging", "build_account_id=" + staging, "create_kms_key=true", "kms_key_arn=arn:aws:kms:eu-west-2:123456789012:key/mine"), StringComparison.Ordinal);
        Assert.Contains("build_account_id must be an AWS account id", Refused(target, "stage=staging", "build_account_id=1111"), StringComparison.Ordinal);
        Assert.Contains("This is the build account", Refused(target, "stage=staging", "build_account_id=" + MotoServer.Account), StringComparison.Ordinal);

        // The names promotion uses are the ones the stacks make: the production account's stack as Terraform plans it
        // (here in moto's account, for the build account 111122223333), promote.yml's production job with the secrets
        // naming those accounts, and the build stack's promotion role.
        const string buildAccount = staging;
        Terraform.Run(target, environment, "plan", "-input=false", "-no-color", "-var", "stage=production", "-var", "build_account_id=" + buildAccount, "-out", "target.tfplan");
        var planned = JsonNode.Parse(Terraform.Run(target, environment, "show", "-json", "target.tfplan").Output)!["planned_values"]!;
        var made = planned["root_module"]!["resources"]!.AsArray().ToDictionary(r => r!["address"]!.GetValue<string>(), r => r!["values"]!, StringComparer.Ordinal);
        var endpoint = planned["outputs"]!["endpoint_name"]!["value"]!.GetValue<string>();
        Assert.Equal("acme-churn-2", endpoint);
        var promote = CiJobs.GitHub(File.ReadAllText(temp.Combine(".github", "workflows", "promote.yml"))).Single(j => j.Name == "production");
        var secrets = new Dictionary<string, string> { ["secrets.AWS_ACCOUNT_ID"] = buildAccount, ["secrets.PRODUCTION_ACCOUNT_ID"] = MotoServer.Account };
        var env = promote.Lines[0].Environment.ToDictionary(e => e.Key, e => CiJobs.ResolveGitHub(e.Value, secrets, promote.Lines[0].Environment), StringComparer.Ordinal);
        Assert.Equal(endpoint, env["ENDPOINT"]);
        Assert.Equal($"arn:aws:iam::{MotoServer.Account}:role/{made["aws_iam_role.deploy"]["name"]}", env["DEPLOY_ROLE_ARN"]);
        Assert.Equal($"arn:aws:iam::{MotoServer.Account}:role/{made["aws_iam_role.endpoint"]["name"]}", env["ENDPOINT_ROLE_ARN"]);
        Assert.Equal($"s3://{made["aws_s3_bucket.serving"]["bucket"]}/acme-churn-2/data-capture", env["DATA_CAPTURE_URI"]);
        Assert.StartsWith($"s3://{made["aws_s3_bucket.serving"]["bucket"]}/", env["MONITORING_REPORTS_URI"], StringComparison.Ordinal);
        Assert.Equal($"arn:aws:sns:eu-west-2:{MotoServer.Account}:{made["aws_sns_topic.alarms"]["name"]}", env["ALARM_TOPIC_ARN"]);
        Assert.Equal(endpoint, made["aws_cloudwatch_metric_alarm.server_errors"]["dimensions"]!["EndpointName"]!.GetValue<string>());
        // The deploy role trusts the build account's promotion role, the one the build stack makes and CI assumes first.
        Assert.Contains(env["PROMOTE_ROLE_ARN"], made["aws_iam_role.deploy"]["assume_role_policy"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal($"arn:aws:iam::{buildAccount}:role/acme-churn-2-ci-promote", env["PROMOTE_ROLE_ARN"]);
        Assert.Matches(@"name\s+=\s+""acme-churn-2-ci-promote""", plan);
        Assert.Contains("aws_iam_role.ci_promote[0] will be created", plan, StringComparison.Ordinal);
        Assert.Equal($"arn:aws:sagemaker:eu-west-2:{buildAccount}:model-package-group/acme-churn-2-models", env["MODEL_PACKAGE_GROUP"]);
        Assert.False(made.ContainsKey("aws_kms_key.serving[0]"), "the target stack made a key nobody asked for");

        // The target account's own key, chosen in its settings file: the serving bucket encrypts with it (deploy.py and
        // monitor.py take the bucket's key for the endpoint and the monitoring jobs), only the endpoint and deploy roles
        // of this account use it, and both roles' policies allow it.
        Terraform.Choose(Path.Combine(target, "settings.auto.tfvars"), "create_kms_key", "true");
        Terraform.Run(target, environment, "plan", "-input=false", "-no-color", "-var", "stage=production", "-var", "build_account_id=" + buildAccount, "-out", "keyed.tfplan");
        var keyed = JsonNode.Parse(Terraform.Run(target, environment, "show", "-json", "keyed.tfplan").Output)!;
        var resources = keyed["planned_values"]!["root_module"]!["resources"]!.AsArray().ToDictionary(r => r!["address"]!.GetValue<string>(), r => r!["values"]!, StringComparer.Ordinal);
        Assert.True(resources["aws_kms_key.serving[0]"]["enable_key_rotation"]!.GetValue<bool>());
        Assert.Equal("alias/acme-churn-2", resources["aws_kms_alias.serving[0]"]["name"]!.GetValue<string>());
        var encryption = resources["aws_s3_bucket_server_side_encryption_configuration.serving"]["rule"]![0]!;
        Assert.Equal("aws:kms", encryption["apply_server_side_encryption_by_default"]![0]!["sse_algorithm"]!.GetValue<string>());
        Assert.True(encryption["bucket_key_enabled"]!.GetValue<bool>());
        // The key's ARN is known only once it exists: the bucket, the topic and both roles' policies take it from the key.
        var references = keyed["configuration"]!["root_module"]!["resources"]!.AsArray().ToDictionary(r => r!["address"]!.GetValue<string>(), r => r!, StringComparer.Ordinal);
        Assert.Contains("local.kms_key_arn", references["aws_s3_bucket_server_side_encryption_configuration.serving"].ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("aws_kms_key.serving[0].arn", references["aws_sns_topic.alarms"].ToJsonString(), StringComparison.Ordinal);
        foreach (var policy in new[] { "data.aws_iam_policy_document.endpoint", "data.aws_iam_policy_document.deploy" })
        {
            Assert.Contains("data.aws_iam_policy_document.key_use", references[policy]["expressions"]!["source_policy_documents"]!.ToJsonString(), StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// A CloudFormation project with separate accounts: the README's target-account deployments, run as written against
    /// a simulated AWS (moto; one server per account), make the roles, bucket and topic promote.yml's staging and
    /// production jobs name from the account ids alone, with each deploy role serving only its own stage's endpoint
    /// and trusting only the build account's promotion role; the build stack, deployed with the two ids, makes that
    /// role and lets it assume exactly those two deploy roles.
    /// </summary>
    [Fact]
    public void A_cloudformation_multi_account_project_deploys_the_roles_and_names_promotion_uses()
    {
        const string region = "eu-west-2", build = "111122223333";
        using var temp = new TempDirectory();
        var tree = Scaffold.Render("name=Acme.Churn-2", "ci=github", "region=" + region, "iac=cloudformation", "accounts=multi");
        Write(tree, temp.Path);
        var commands = RehearsalShell.Blocks(tree.Text("README.md"), "### Separate staging and production accounts").Single()
            .Where(c => !c.StartsWith('#')).Select(c => c.Replace("BUILD_ID", build, StringComparison.Ordinal)).ToList();
        Assert.Equal(2, commands.Count);
        var promote = CiJobs.GitHub(tree.Text(".github/workflows/promote.yml"));
        // Test-only, never in the generated project: moto cannot tag a KMS key CloudFormation makes (KeyError 'TagKey'
        // in its tagging service: it takes CloudFormation's Key/Value for KMS's TagKey/TagValue), so the key's tags go;
        // and moto reads the short form !Condition inside !Or as false, so conditions take the long form it reads.
        var targetStack = temp.Combine("infra", "cloudformation", "target.yaml");
        var forMoto = Regex.Replace(File.ReadAllText(targetStack), @"(?s)(\n  ServingKey:\n.*?)\n      Tags:\n.*?\n(\n  ServingKeyAlias:)", "$1\n$2");
        forMoto = Regex.Replace(forMoto, @"!Condition ([A-Za-z]+)", "{Condition: $1}");
        Assert.NotEqual(File.ReadAllText(targetStack), forMoto);
        File.WriteAllText(targetStack, forMoto);

        foreach (var (stage, command) in new[] { ("staging", commands[0]), ("production", commands[1]) })
        {
            using var moto = new MotoServer();
            using var state = new TempDirectory();
            var shell = new RehearsalShell(temp.Path, state.Path, moto.Environment(region), log, () => moto.Log);
            Assert.Contains("Stage=" + stage, command, StringComparison.Ordinal);
            // The production account encrypts with a key of its own, as the README says to ask for one.
            shell.Run(stage == "production" ? command + " CreateKmsKey=true" : command);

            var job = promote.Single(j => j.Name == stage);
            var secrets = new Dictionary<string, string> { ["secrets.AWS_ACCOUNT_ID"] = build, [$"secrets.{stage.ToUpperInvariant()}_ACCOUNT_ID"] = MotoServer.Account };
            var env = job.Lines[0].Environment.ToDictionary(e => e.Key, e => CiJobs.ResolveGitHub(e.Value, secrets, job.Lines[0].Environment), StringComparer.Ordinal);
            string Name(string arn) => arn[(arn.LastIndexOf('/') + 1)..];

            var deployRole = JsonNode.Parse(shell.Run($"aws iam get-role --role-name {Name(env["DEPLOY_ROLE_ARN"])}").Output)!["Role"]!;
            Assert.Equal(env["DEPLOY_ROLE_ARN"], deployRole["Arn"]!.GetValue<string>());
            var trust = PolicyText(deployRole["AssumeRolePolicyDocument"]!);
            Assert.Matches($"\"aws:PrincipalArn\":\\s*\"{Regex.Escape(env["PROMOTE_ROLE_ARN"])}\"", trust);
            Assert.Contains($"arn:aws:iam::{build}:root", trust, StringComparison.Ordinal);
            var policy = shell.Run($"aws iam get-role-policy --role-name {Name(env["DEPLOY_ROLE_ARN"])} --policy-name deploy --query PolicyDocument --output json").Output.Replace('\'', '"');
            Assert.Contains($":endpoint/{env["ENDPOINT"]}\"", policy, StringComparison.Ordinal);
            Assert.Equal(stage == "staging" ? "acme-churn-2-staging" : "acme-churn-2", env["ENDPOINT"]);
            Assert.DoesNotContain(stage == "staging" ? ":endpoint/acme-churn-2\"" : ":endpoint/acme-churn-2-staging", policy, StringComparison.Ordinal);
            Assert.Contains($"arn:aws:sagemaker:{region}:{build}:model-package-group/acme-churn-2-models", policy, StringComparison.Ordinal);
            Assert.Equal(env["ENDPOINT_ROLE_ARN"], JsonNode.Parse(shell.Run($"aws iam get-role --role-name {Name(env["ENDPOINT_ROLE_ARN"])}").Output)!["Role"]!["Arn"]!.GetValue<string>());
            Assert.Contains(env["ENDPOINT_ROLE_ARN"], policy, StringComparison.Ordinal);
            shell.Run($"aws s3api head-bucket --bucket {new Uri(env["DATA_CAPTURE_URI"]).Host}");
            Assert.Equal(new Uri(env["DATA_CAPTURE_URI"]).Host, new Uri(env["MONITORING_REPORTS_URI"]).Host);
            shell.Run($"aws sns get-topic-attributes --topic-arn {env["ALARM_TOPIC_ARN"]}");
            Assert.Equal($"arn:aws:sagemaker:{region}:{build}:model-package-group/acme-churn-2-models", env["MODEL_PACKAGE_GROUP"]);

            // What deploy.py and monitor.py encrypt the endpoint, its captures and the monitoring jobs with: the key the
            // serving bucket encrypts with, this account's own where the stack made one, used only by its two roles.
            var encryption = JsonNode.Parse(shell.Run($"aws s3api get-bucket-encryption --bucket {new Uri(env["DATA_CAPTURE_URI"]).Host}").Output)!["ServerSideEncryptionConfiguration"]!["Rules"]![0]!;
            // moto gives a stack made through a change set (what deploy does) no outputs: the key is found by its alias.
            var aliases = shell.Run("aws kms list-aliases --query \"Aliases[?AliasName=='alias/acme-churn-2'].TargetKeyId\" --output text").Output.Trim();
            if (stage == "staging")
            {
                Assert.Equal("AES256", encryption["ApplyServerSideEncryptionByDefault"]!["SSEAlgorithm"]!.GetValue<string>());
                Assert.Equal("", aliases);
                Assert.DoesNotContain("kms:", policy, StringComparison.Ordinal);
                continue;
            }

            // moto keeps the policy of a key CloudFormation made in a form its own DescribeKey and GetKeyPolicy cannot read
            // (they answer 500): the key is named from the alias, and its policy is the template's (cfn-lint checks it).
            var key = $"arn:aws:kms:{region}:{MotoServer.Account}:key/{aliases}";
            Assert.Matches("^[0-9a-f-]{36}$", aliases);
            Assert.Equal("aws:kms", encryption["ApplyServerSideEncryptionByDefault"]!["SSEAlgorithm"]!.GetValue<string>());
            Assert.Equal(key, encryption["ApplyServerSideEncryptionByDefault"]!["KMSMasterKeyID"]!.GetValue<string>());
            Assert.Contains($"\"Resource\": \"{key}\"", policy, StringComparison.Ordinal);
            var endpointPolicy = shell.Run($"aws iam get-role-policy --role-name {Name(env["ENDPOINT_ROLE_ARN"])} --policy-name endpoint --query PolicyDocument --output json").Output.Replace('\'', '"');
            Assert.Contains($"\"Resource\": \"{key}\"", endpointPolicy, StringComparison.Ordinal);
            // The alarms topic names the key by its id (the stack's Ref) or its ARN.
            var topicKey = JsonNode.Parse(shell.Run($"aws sns get-topic-attributes --topic-arn {env["ALARM_TOPIC_ARN"]}").Output)!["Attributes"]!["KmsMasterKeyId"]!.GetValue<string>();
            Assert.Contains(topicKey, new[] { key, key[(key.LastIndexOf('/') + 1)..] });
        }

        // The build stack, deployed with the two ids (moto plays the build account here): its promotion role is the one
        // promote.yml assumes first, and may assume only the two deploy roles above.
        {
            using var moto = new MotoServer();
            using var state = new TempDirectory();
            var shell = new RehearsalShell(temp.Path, state.Path, moto.Environment(region), log, () => moto.Log);
            WriteFunctionsZip(temp.Path);
            shell.Run("aws s3 mb s3://packaging && aws cloudformation package --template-file infra/cloudformation/stack.yaml --s3-bucket packaging --output-template-file packaged.yaml > /dev/null");
            const string staging = "444455556666", production = "777788889999";
            // Without the ids the stack is refused, naming the missing one, before anything is made.
            var missing = shell.Run($"aws cloudformation deploy --stack-name refused --template-file packaged.yaml --capabilities CAPABILITY_NAMED_IAM --parameter-overrides StagingAccountId={staging}", mayFail: true);
            Assert.NotEqual(0, missing.ExitCode);
            Assert.Contains("Missing parameter ProductionAccountId", missing.All, StringComparison.Ordinal);
            Assert.DoesNotContain("acme-churn-2", shell.Run("aws iam list-roles --query Roles[].RoleName --output text").Output, StringComparison.Ordinal);
            shell.Run($"aws cloudformation deploy --stack-name acme-churn-2 --template-file packaged.yaml --capabilities CAPABILITY_NAMED_IAM --parameter-overrides Repository=acme/churn StagingAccountId={staging} ProductionAccountId={production}");
            var secrets = new Dictionary<string, string> { ["secrets.AWS_ACCOUNT_ID"] = MotoServer.Account, ["secrets.STAGING_ACCOUNT_ID"] = staging, ["secrets.PRODUCTION_ACCOUNT_ID"] = production };
            var deployRoles = promote.Where(j => j.Name is "staging" or "production")
                .Select(j => CiJobs.ResolveGitHub(j.Lines[0].Environment["DEPLOY_ROLE_ARN"], secrets, j.Lines[0].Environment)).ToList();
            var promoteRole = CiJobs.ResolveGitHub(promote.Single(j => j.Name == "staging").Lines[0].Environment["PROMOTE_ROLE_ARN"], secrets, promote.Single(j => j.Name == "staging").Lines[0].Environment);
            var role = JsonNode.Parse(shell.Run($"aws iam get-role --role-name {promoteRole[(promoteRole.LastIndexOf('/') + 1)..]}").Output)!["Role"]!;
            Assert.Equal(promoteRole, role["Arn"]!.GetValue<string>());
            Assert.Contains("repo:acme/churn:environment:production", PolicyText(role["AssumeRolePolicyDocument"]!), StringComparison.Ordinal);
            Assert.DoesNotContain("refs/heads/main", PolicyText(role["AssumeRolePolicyDocument"]!), StringComparison.Ordinal);
            var statements = JsonNode.Parse(shell.Run($"aws iam get-role-policy --role-name {promoteRole[(promoteRole.LastIndexOf('/') + 1)..]} --policy-name promote --query PolicyDocument --output text").Output.Replace('\'', '"'))!["Statement"]!.AsArray();
            var only = Assert.Single(statements)!;
            Assert.Equal("sts:AssumeRole", only["Action"]!.GetValue<string>());
            Assert.Equal(deployRoles, only["Resource"]!.AsArray().Select(r => r!.GetValue<string>()));
            // No function serves models in the build account.
            Assert.DoesNotContain("deploy-approved", shell.Run("aws lambda list-functions --query Functions[].FunctionName --output text").Output, StringComparison.Ordinal);
        }
    }

    /// <summary>A policy document as JSON text: moto gives one a stack made as the text of a Python dict.</summary>
    private static string PolicyText(JsonNode document) =>
        (document is JsonValue value && value.TryGetValue<string>(out var text) ? text : document.ToJsonString()).Replace('\'', '"');

    /// <summary>
    /// CI's apply gives the stack every input it has no default for (a plan without one stops), and the repository,
    /// without which the apply would remove the role CI itself assumes.
    /// </summary>
    [Theory]
    [InlineData("github", "single")]
    [InlineData("gitlab", "single")]
    [InlineData("github", "multi")]
    [InlineData("gitlab", "multi")]
    public void The_ci_apply_gives_every_input_the_terraform_stack_requires_and_keeps_the_ci_role(string ci, string accounts)
    {
        var tree = Scaffold.Render("name=Acme.Churn-2", "ci=" + ci, "iac=terraform", "accounts=" + accounts);
        var files = tree.Files.Where(f => Path.GetDirectoryName(f.Path) == "infra/terraform" && f.Path.EndsWith(".tf", StringComparison.Ordinal)).ToList();
        using var parsed = Hcl.Parse(files.Select(f => (Path.GetFileName(f.Path), f.Content)));
        var variables = Variables(parsed).ToList();
        var required = variables.Where(v => !v.Value[0].TryGetProperty("default", out _)).Select(v => v.Name).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(accounts == "multi" ? ["production_account_id", "staging_account_id"] : [], required);

        var job = ci == "github"
            ? CiJobs.GitHub(tree.Text(".github/workflows/deploy.yml")).Single(j => j.Name == "apply")
            : CiJobs.GitLab(tree.Text(".gitlab-ci.yml")).Single(j => j.Name == "apply");
        var apply = job.Lines.Single(l => l.Script.Contains("terraform -chdir=infra/terraform apply", StringComparison.Ordinal));
        var given = apply.Environment.Where(e => e.Key.StartsWith("TF_VAR_", StringComparison.Ordinal) && e.Value.Length > 0).Select(e => e.Key["TF_VAR_".Length..])
            .Concat(VarArgument().Matches(apply.Script).Select(m => m.Groups[1].Value)).ToHashSet(StringComparer.Ordinal);
        Assert.Empty(required.Except(given));
        Assert.Contains("repository", given);
        Assert.Empty(given.Except(variables.Select(v => v.Name)));
    }

    /// <summary>
    /// settings.auto.tfvars offers every choice of its stack (infra/terraform, and infra/terraform/target with separate
    /// accounts) a deployment may make, not the region the names are made for nor the per-apply files, each line its
    /// variable's default or, where there is none, an example; the lines parse as HCL once their # is removed.
    /// </summary>
    [Theory]
    [InlineData("github", "single", "Acme.Churn-2", "ml team: fraud/ops")]
    [InlineData("gitlab", "multi", "Fraud2Detect9", "ml-team")]
    [InlineData("none", "single", "Churn", "a@b.c")]
    [InlineData("none", "multi", "A.B-C.D2e.Fghijklmnopqrstuvwxyz", "ml-team")]
    public void The_settings_file_offers_every_choice_of_the_terraform_stack_at_its_default(string ci, string accounts, string name, string owner)
    {
        var tree = Scaffold.Render("name=" + name, "ci=" + ci, "iac=terraform", "accounts=" + accounts, "owner=" + owner);
        Assert.Equal(accounts == "multi" ? 2 : 1, tree.Files.Count(f => f.Path.EndsWith("settings.auto.tfvars", StringComparison.Ordinal)));
        foreach (var module in accounts == "multi" ? (string[])["infra/terraform", "infra/terraform/target"] : ["infra/terraform"])
        {
            var stack = tree.Files.Where(f => Path.GetDirectoryName(f.Path) == module && f.Path.EndsWith(".tf", StringComparison.Ordinal));
            using var parsed = Hcl.Parse(stack.Select(f => (Path.GetFileName(f.Path), f.Content)));
            var defaults = Variables(parsed)
                .Where(v => v.Value[0].TryGetProperty("default", out _))
                .ToDictionary(v => v.Name, v => v.Value[0].GetProperty("default"), StringComparer.Ordinal);

            var text = tree.Text(module + "/settings.auto.tfvars");
            Assert.DoesNotMatch(@"(?m)^[^#\s]", text);
            var offered = string.Join('\n', text.Split('\n').Where(l => ChoiceLine().IsMatch(l)).Select(l => l[2..]));
            using var choices = Hcl.Parse([("settings.tfvars", System.Text.Encoding.UTF8.GetBytes(offered))]);
            var values = choices.RootElement.GetProperty("settings.tfvars").EnumerateObject().ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
            string[] perApply = module == "infra/terraform" ? ["region", "pipeline_definition_file", "functions_archive"] : ["region"];
            Assert.Equal(defaults.Keys.Except(perApply).Order(StringComparer.Ordinal), values.Keys.Order(StringComparer.Ordinal));
            foreach (var (variable, value) in values)
            {
                var fallback = defaults[variable];
                if (fallback.ValueKind != System.Text.Json.JsonValueKind.Null)
                {
                    Assert.True(fallback.GetRawText() == value.GetRawText(), $"{module}: {variable} is offered as {value.GetRawText()}, its default is {fallback.GetRawText()}");
                }
            }

            Assert.Equal(owner, values["owner"].GetString());
        }
    }

    /// <summary>
    /// A choice made in settings.auto.tfvars, as the README says, holds for CI's apply, which gives only its own
    /// variables: the plan of deploy.yml's apply (against moto) makes the key and the schedule the file asks for.
    /// </summary>
    [TerraformFact]
    public void A_choice_in_the_settings_file_holds_for_the_ci_apply()
    {
        using var temp = new TempDirectory();
        var tree = Scaffold.Render("name=Acme.Churn-2", "ci=github", "region=eu-west-2", "iac=terraform");
        Write(tree, temp.Path);
        var settings = temp.Combine("infra", "terraform", "settings.auto.tfvars");
        Terraform.Choose(settings, "create_kms_key", "true");
        Terraform.Choose(settings, "schedule_expression", "\"rate(7 days)\"");
        WriteFunctionsZip(temp.Path);
        using var moto = new MotoServer();
        var job = CiJobs.GitHub(tree.Text(".github/workflows/deploy.yml")).Single(j => j.Name == "apply");
        var apply = job.Lines.Single(l => l.Script.Contains("terraform -chdir=infra/terraform apply", StringComparison.Ordinal));
        var ci = apply.Environment.Where(e => e.Key.StartsWith("TF_VAR_", StringComparison.Ordinal))
            .ToDictionary(e => e.Key, e => CiJobs.ResolveGitHub(e.Value, new Dictionary<string, string> { ["github.repository"] = "acme/churn" }, apply.Environment), StringComparer.Ordinal);
        Assert.Equal(["TF_VAR_repository"], ci.Keys);
        var environment = Terraform.EnvironmentWith(new Dictionary<string, string>(moto.Environment("eu-west-2")).Concat(ci).ToDictionary());
        var terraform = temp.Combine("infra", "terraform");
        Terraform.Run(terraform, environment, "init", "-backend=false");
        // The apply's own -var: the definition `definition --out pipeline.json` wrote (its content does not matter to a plan).
        Assert.Contains("-var pipeline_definition_file=../../pipeline.json", apply.Script, StringComparison.Ordinal);
        File.WriteAllText(temp.Combine("pipeline.json"), """{"Version":"2020-12-01","Steps":[]}""");
        var plan = Terraform.Run(terraform, environment, "plan", "-input=false", "-no-color", "-var", "pipeline_definition_file=../../pipeline.json").Output;
        Assert.Contains("aws_kms_key.project[0] will be created", plan, StringComparison.Ordinal);
        Assert.Contains("aws_cloudwatch_event_rule.schedule[0] will be created", plan, StringComparison.Ordinal);
        Assert.Contains("aws_iam_role.ci[0] will be created", plan, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("github", "single")]
    [InlineData("gitlab", "single")]
    [InlineData("github", "multi")]
    [InlineData("gitlab", "multi")]
    public void The_cloudformation_stack_passes_cfn_lint_as_the_ci_job_runs_it(string ci, string accounts)
    {
        using var temp = new TempDirectory();
        var tree = Scaffold.Render("name=Acme.Churn-2", "ci=" + ci, "iac=cloudformation", "region=eu-central-1", "accounts=" + accounts);
        Write(tree, temp.Path);

        var (image, job) = InfrastructureJob(tree, ci);

        // Every stack the project has: with separate accounts the target accounts' stack too.
        Assert.Contains(job!.Lines, l => l.Script == (accounts == "multi" ? "cfn-lint infra/cloudformation/stack.yaml infra/cloudformation/target.yaml" : "cfn-lint infra/cloudformation/stack.yaml"));
        Assert.Matches(@"^python:3\.\d+-slim$|^3\.\d+$", image);
        RunJob(job, ci, temp.Path, new Dictionary<string, string>());
    }

    private void RunJob(CiJob job, string ci, string folder, Dictionary<string, string> environment)
    {
        if (ci == "github")
        {
            CiRunner.RunGitHubJob(job, folder, environment, new Dictionary<string, string>(), log.WriteLine);
        }
        else
        {
            CiRunner.RunGitLabJob(job, folder, environment, new Dictionary<string, string> { ["CI_PROJECT_DIR"] = folder }, log.WriteLine);
        }
    }

    /// <summary>The infrastructure job, and its Terraform version or its Python image.</summary>
    private static (string? Version, CiJob? Job) InfrastructureJob(GeneratedTree tree, string ci)
    {
        if (ci == "none")
        {
            return (null, null);
        }

        if (ci == "github")
        {
            var job = CiJobs.GitHub(tree.Text(".github/workflows/ci.yml")).Single(j => j.Name == "infrastructure");
            return (job.Actions.Select(a => a.With.GetValueOrDefault("terraform_version") ?? a.With.GetValueOrDefault("python-version")).OfType<string>().Single(), job);
        }

        var gitlab = CiJobs.GitLab(tree.Text(".gitlab-ci.yml")).Single(j => j.Name == "infrastructure");
        return (gitlab.Image!.StartsWith("hashicorp/terraform:", StringComparison.Ordinal) ? gitlab.Image["hashicorp/terraform:".Length..] : gitlab.Image, gitlab);
    }

    /// <summary>The variable blocks of a stack's files, as hcl2json parsed them.</summary>
    private static IEnumerable<System.Text.Json.JsonProperty> Variables(System.Text.Json.JsonDocument parsed) =>
        parsed.RootElement.EnumerateObject().SelectMany(f => f.Value.TryGetProperty("variable", out var v) ? v.EnumerateObject() : []);

    /// <summary>What `bundle` writes, as an empty zip: a plan reads only its hash, `cloudformation package` only uploads it.</summary>
    private static void WriteFunctionsZip(string project)
    {
        Directory.CreateDirectory(Path.Combine(project, ".mlpipeline", "functions"));
        File.WriteAllBytes(Path.Combine(project, ".mlpipeline", "functions", "functions.zip"), [0x50, 0x4B, 0x05, 0x06, .. new byte[18]]);
    }

    private static void Write(GeneratedTree tree, string folder)
    {
        foreach (var file in tree.Files)
        {
            var path = Path.Combine(folder, file.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, file.Content);
        }
    }

    /// <summary>An offered choice: its variable name after "# ", then "=".</summary>
    [GeneratedRegex(@"^# [a-z_]+ +=")]
    private static partial Regex ChoiceLine();

    [GeneratedRegex(@"-var ([a-z_]+)=")]
    private static partial Regex VarArgument();

    [GeneratedRegex(@"provider ""([^""]+)""")]
    private static partial Regex ProviderLock();
}
