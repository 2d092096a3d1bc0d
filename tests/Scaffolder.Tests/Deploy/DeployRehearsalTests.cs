using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using MlPipeline.Scaffolder.Tests.EndToEnd;
using MlPipeline.Scaffolder.Tests.Infrastructure;
using MlPipeline.Tests.Shared;
using Xunit.Abstractions;

namespace MlPipeline.Scaffolder.Tests.Deploy;

/// <summary>
/// The generated project's first deployment, rehearsed against a simulated AWS (moto_server on a free loopback
/// port): the README's commands as written, with the real Terraform and AWS provider or the real AWS CLI, the
/// project's own CLI (bundle, publish, definition) and the AWS SDKs pointed at moto through AWS_ENDPOINT_URL; then
/// the stack's outputs and resources checked against the names the stack declares, the deployed functions' code
/// run with their deployed configuration, the CI's deploy and promote jobs' lines in order, and the teardown.
/// What moto does not simulate is said where it is stepped around (README: "The deploy rehearsal").
/// </summary>
[Trait("Category", "Slow")]
[Collection(Deployments.Name)]
public sealed class DeployRehearsalTests(PackagesFixture packages, ITestOutputHelper log)
{
    private const string Account = MotoServer.Account;

    [TerraformFact]
    public void Terraform_and_github_first_deployment_approval_promotion_and_teardown()
    {
        const string name = "Acme.Churn-2";
        const string region = "eu-west-2";
        var total = Stopwatch.StartNew();
        using var temp = new TempDirectory();
        var project = Generate(temp, name, "terraform", "github", region);
        var stack = StackNames.FromTerraform(Scaffold.Render("name=" + name, "iac=terraform", "ci=github", "region=" + region), region);
        using var moto = new MotoServer();

        // Test-only, never in the generated project: every service at moto; moto evaluates the TLS-only bucket
        // policy's conditional Deny as unconditional (publish would get 403), so the policy is left out; and moto
        // has no DeleteModelPackageGroup, so the provider must not retry it for 15 minutes.
        File.WriteAllText(Path.Combine(project, "infra", "terraform", "zz_rehearsal_override.tf"), MotoProvider(moto));
        // This deployment makes the project's KMS key, chosen as the README says: in the settings file every apply reads.
        Terraform.Choose(Path.Combine(project, "infra", "terraform", "settings.auto.tfvars"), "create_kms_key", "true");
        var environment = Environment(moto, region);
        var shell = new RehearsalShell(project, temp.Path, environment, log, () => moto.Log);

        var readme = File.ReadAllText(Path.Combine(project, "README.md"));
        var blocks = RehearsalShell.Blocks(readme, "## Deploy");
        foreach (var command in blocks[0])
        {
            shell.Run(command, input: ApprovesTerraform(command) ? "yes\n" : null);
        }

        var terraform = Path.Combine(project, "infra", "terraform");
        var outputs = JsonNode.Parse(Terraform.Run(terraform, Environment(moto, region), "output", "-json").Output)!.AsObject()
            .ToDictionary(o => o.Key, o => o.Value!["value"]?.ToString(), StringComparer.Ordinal);
        Assert.Equal(stack.Bucket, outputs["artifact_bucket"]);
        Assert.Equal(stack.Bucket, shell.Variable("MLPIPELINE_BUCKET"));
        Assert.Equal(StackNames.RoleArn(stack.Roles["execution"]), outputs["execution_role_arn"]);
        Assert.Equal($"arn:aws:sagemaker:{region}:{Account}:pipeline/{stack.PipelineName}", outputs["pipeline_arn"]);
        Assert.Equal(stack.ModelPackageGroup, outputs["model_package_group"]);
        Assert.Equal(stack.StagingEndpoint, outputs["staging_endpoint"]);
        Assert.Equal(stack.ProductionEndpoint, outputs["production_endpoint"]);
        Assert.Null(outputs.GetValueOrDefault("ci_role_arn"));
        var kmsKey = outputs["kms_key_arn"]!;
        Assert.Matches($"^arn:aws:kms:{region}:{Account}:key/.+$", kmsKey);
        Assert.Equal(kmsKey, shell.Variable("MLPIPELINE_KMS_KEY_ARN"));

        CheckDeployedResources(shell, stack, project);
        CheckEncryption(shell, stack, kmsKey);

        // A second plan changes nothing but what moto cannot hold: it reports no bucket notification configuration
        // and no dead-letter configuration of a function, so the provider wants to set them again.
        Terraform.Run(terraform, environment, "plan", "-var", "pipeline_definition_file=../../pipeline.json", "-out", "rehearsal.tfplan");
        var plan = JsonNode.Parse(Terraform.Run(terraform, environment, "show", "-json", "rehearsal.tfplan").Output)!;
        var changed = plan["resource_changes"]!.AsArray().Where(c => c!["change"]!["actions"]!.AsArray().Select(a => a!.GetValue<string>()).FirstOrDefault() != "no-op")
            .Select(c => c!["address"]!.GetValue<string>()).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["aws_lambda_function.deploy", "aws_lambda_function.start_pipeline", "aws_s3_bucket_notification.artifacts"], changed);

        RunDeployedFunctions(shell, stack, project, region, kmsKey: kmsKey);

        // The CI: deploy.yml's run job (start --wait), then promote.yml's staging and production. moto has no
        // ListPipelineExecutionSteps (it answers 500, NotImplementedError): start --wait starts the execution, reads
        // its status and stops at the step list; that is the one failure allowed, and the execution must exist.
        var values = new Dictionary<string, string> { ["secrets.AWS_ACCOUNT_ID"] = Account, ["inputs.model-package-arn"] = "" };
        var deploy = CiJobs.GitHub(File.ReadAllText(Path.Combine(project, ".github", "workflows", "deploy.yml")));
        var executions = ExecutionCount(shell, stack.PipelineName);
        CiRunner.RunGitHubJob(deploy.Single(j => j.Name == "run"), project, environment, values, log.WriteLine,
            knownGap: result => result.All.Contains("SageMaker failed to watch", StringComparison.Ordinal)
                && moto.Log.Contains("The list_pipeline_execution_steps action has not been implemented", StringComparison.Ordinal));
        Assert.Equal(executions + 1, ExecutionCount(shell, stack.PipelineName));
        Promote(shell, moto, stack, region, (staging, noSchedules) =>
        {
            var promote = CiJobs.GitHub(File.ReadAllText(Path.Combine(project, ".github", "workflows", "promote.yml")));
            var tested = CiRunner.RunGitHubJob(promote.Single(j => j.Name == "staging"), project, environment, values, log.WriteLine, noSchedules);
            Assert.Equal(staging, tested["model-package-arn"]);
            CiRunner.RunGitHubJob(promote.Single(j => j.Name == "production"), project, environment, new Dictionary<string, string>(values) { ["needs.staging.outputs.model-package-arn"] = tested["model-package-arn"] }, log.WriteLine, noSchedules);
        }, kmsKey);

        // Teardown as the README says: the endpoints first (not the stack's), then the versioned bucket emptied of
        // every version, then destroy. moto has no DeleteModelPackageGroup: the group leaves the state by hand.
        shell.Run($"aws sagemaker delete-endpoint --endpoint-name {stack.StagingEndpoint} && aws sagemaker delete-endpoint --endpoint-name {stack.ProductionEndpoint}");
        var teardown = blocks.Single(b => b.Any(c => c.Contains(" destroy", StringComparison.Ordinal)));
        foreach (var command in teardown)
        {
            if (command.Contains(" destroy", StringComparison.Ordinal))
            {
                shell.Run("terraform -chdir=infra/terraform state rm aws_sagemaker_model_package_group.models");
            }

            shell.Run(command, input: ApprovesTerraform(command) ? "yes\n" : null);
        }

        Assert.NotEqual(0, shell.Run($"aws s3api head-bucket --bucket {stack.Bucket}", mayFail: true).ExitCode);
        Assert.Equal("[]", shell.Run($"aws iam list-roles --query \"Roles[?starts_with(RoleName, '{stack.Roles["execution"].Split("-sagemaker")[0]}-')].RoleName\" --output json").Output.Replace("\n", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal));
        Assert.Equal("[]", shell.Run("aws lambda list-functions --query Functions[].FunctionName --output json").Output.Replace("\n", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal));
        Report("terraform + github", shell, total.Elapsed);
    }

    [Fact]
    public void CloudFormation_and_gitlab_first_deployment_approval_promotion_and_teardown()
    {
        const string name = "Fraud2Detect9";
        const string region = "eu-west-1";
        var total = Stopwatch.StartNew();
        using var temp = new TempDirectory();
        var project = Generate(temp, name, "cloudformation", "gitlab", region);
        var tree = Scaffold.Render("name=" + name, "iac=cloudformation", "ci=gitlab", "region=" + region);
        var stack = StackNames.FromCloudFormation(tree, region);
        using var moto = new MotoServer();
        var shell = new RehearsalShell(project, temp.Path, Environment(moto, region), log, () => moto.Log);

        // "any bucket you can write to; aws s3 mb s3://NAME makes one"
        shell.Run("aws s3 mb s3://rehearsal-packaging");
        var readme = File.ReadAllText(Path.Combine(project, "README.md"));
        foreach (var command in RehearsalShell.Blocks(readme, "## Deploy")[0])
        {
            var line = command.Replace("NAME-OF-A-BUCKET-YOU-CAN-WRITE-TO", "rehearsal-packaging", StringComparison.Ordinal);
            if (line.StartsWith("export MLPIPELINE_BUCKET=$(output", StringComparison.Ordinal) && Outputs(shell, stack.PipelineName, region) is null)
            {
                // moto gives a stack made through a change set (what `cloudformation deploy` does) no outputs; the
                // outputs are checked below on a stack made with create-stack. Here the names the stack declares
                // stand in, once moto shows those resources exist.
                StandInForOutputs(shell, stack);
                continue;
            }

            if (line.Contains("PipelineDefinitionKey=", StringComparison.Ordinal))
            {
                // moto cannot update this stack: its update also "modifies" resources whose condition is false
                // (ScheduleRule, CiRole), which do not exist, and fails (AttributeError in
                // update_from_cloudformation_json). Anything else failing here is a real failure.
                var update = shell.Run(line, mayFail: true);
                Assert.True(update.ExitCode == 0 || MotoCannotUpdate(moto), $"`{line}` failed:\n{update.All}\n{moto.Log}");
                continue;
            }

            if (line.StartsWith("aws sagemaker start-pipeline-execution", StringComparison.Ordinal))
            {
                // moto's CloudFormation does not make AWS::SageMaker::Pipeline: there is no pipeline to start here.
                Assert.NotEqual(0, shell.Run(line, mayFail: true).ExitCode);
                continue;
            }

            shell.Run(line);
        }

        CheckOutputsWithCreateStack(shell, tree, region);
        CheckDeployedResources(shell, stack, project, motoKeepsLifecycle: false, motoMakesAlarms: false);

        // moto's CloudFormation skips AWS::SageMaker::ModelPackageGroup; the group is made through the API instead.
        shell.Run($"aws sagemaker create-model-package-group --model-package-group-name {stack.ModelPackageGroup} > /dev/null");
        RunDeployedFunctions(shell, stack, project, region, pipelineExists: false);

        // The CI on the default branch, with GitLab's OIDC token: no static keys, every AWS tool (the .NET SDK in
        // publish, the CLI and boto3 in the rest) assumes AWS_ROLE_ARN through AWS_WEB_IDENTITY_TOKEN_FILE.
        var jobs = CiJobs.GitLab(File.ReadAllText(Path.Combine(project, ".gitlab-ci.yml"))).ToDictionary(j => j.Name);
        var oidc = Environment(moto, region);
        foreach (var key in new[] { "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN" })
        {
            oidc.Remove(key);
        }

        var predefined = new Dictionary<string, string>
        {
            ["CI_PROJECT_DIR"] = project,
            ["CI_JOB_ID"] = "1",
            ["AWS_ACCOUNT_ID"] = Account,
            ["AWS_ID_TOKEN"] = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJwcm9qZWN0X3BhdGg6Z3JvdXAvcHJvamVjdDpyZWZfdHlwZTpicmFuY2g6cmVmOm1haW4ifQ.c2ln",
            ["AWS_INFRA_ROLE_ARN"] = $"arn:aws:iam::{Account}:role/rehearsal-infrastructure",
        };
        var published = CiRunner.RunGitLabJob(jobs["publish"], project, oidc, predefined, log.WriteLine);
        Assert.Matches("^[a-z0-9-]+/definitions/[0-9a-f]{64}\\.json$", published["DEFINITION_KEY"]);
        CiRunner.RunGitLabJob(jobs["apply"], project, oidc, new Dictionary<string, string>(predefined.Concat(published)), log.WriteLine, _ => MotoCannotUpdate(moto));
        Promote(shell, moto, stack, region, (staging, noSchedules) =>
        {
            var tested = CiRunner.RunGitLabJob(jobs["promote-staging"], project, oidc, predefined, log.WriteLine, noSchedules);
            Assert.Equal(staging, tested["MODEL_PACKAGE_ARN"]);
            CiRunner.RunGitLabJob(jobs["promote-production"], project, oidc, new Dictionary<string, string>(predefined.Concat(tested)), log.WriteLine, noSchedules);
        });

        // Teardown as the README says; the artifact bucket is retained on purpose.
        var teardown = System.Text.RegularExpressions.Regex.Match(readme, @"Teardown: `([^`]+)`").Groups[1].Value;
        shell.Run(teardown);
        shell.Run($"aws cloudformation wait stack-delete-complete --stack-name {stack.PipelineName}");
        shell.Run($"aws s3api head-bucket --bucket {stack.Bucket}");
        Assert.Equal("[]", shell.Run("aws lambda list-functions --query Functions[].FunctionName --output json").Output.Replace("\n", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal));
        Report("cloudformation + gitlab", shell, total.Elapsed);
    }

    /// <summary>
    /// The CDK's own command line from npm, as the README and CI run it (bootstrap, deploy, destroy). It cannot be
    /// pointed at an endpoint, so it reaches moto through <see cref="MotoHttpsProxy"/>; every other tool talks to moto
    /// directly, as in the other rehearsals.
    /// </summary>
    [Fact]
    public void Cdk_and_github_first_deployment_with_the_cdk_command_line_promotion_and_teardown()
    {
        const string name = "Orbit7.Demand";
        const string region = "ca-central-1";
        var total = Stopwatch.StartNew();
        using var temp = new TempDirectory();
        var project = Generate(temp, name, "cdk", "github", region);
        using var moto = new MotoServer();
        using var proxy = new MotoHttpsProxy(moto, temp.Path);
        var environment = CdkEnvironment(moto, proxy, region);
        var shell = new RehearsalShell(project, temp.Path, environment, log, () => moto.Log);
        StackNames? stack = null;
        var readme = File.ReadAllText(Path.Combine(project, "README.md"));
        var blocks = RehearsalShell.Blocks(readme, "## Deploy");
        foreach (var command in blocks[0])
        {
            var line = command.Replace("aws://ACCOUNT/", $"aws://{Account}/", StringComparison.Ordinal);
            if (line.StartsWith("export MLPIPELINE_BUCKET=$(output", StringComparison.Ordinal))
            {
                // moto gives a stack made through a change set (what cdk deploy does) no outputs: the names the
                // synthesized stack declares stand in, once moto shows those resources exist.
                stack = Synthesized(project, region);
                StandInForOutputs(shell, stack);
                continue;
            }

            if (line.StartsWith("aws sagemaker start-pipeline-execution", StringComparison.Ordinal))
            {
                // moto's CloudFormation does not make AWS::SageMaker::Pipeline: there is no pipeline to start here.
                Assert.NotEqual(0, shell.Run(line, mayFail: true).ExitCode);
                continue;
            }

            shell.Run(AtATerminal(line), input: "y\n");
        }

        Assert.NotNull(stack);
        Assert.Contains("CDKToolkit", shell.Run("aws cloudformation list-stacks --query StackSummaries[].StackName --output text").Output, StringComparison.Ordinal);
        CheckDeployedResources(shell, stack, project, motoKeepsLifecycle: false, motoMakesAlarms: false);
        shell.Run($"aws sagemaker create-model-package-group --model-package-group-name {stack.ModelPackageGroup} > /dev/null");
        RunDeployedFunctions(shell, stack, project, region, pipelineExists: false);

        // The CI: deploy.yml's apply job (publish, bundle, cdk deploy with the repository, which adds the CI role and
        // its OIDC provider), then promote.yml's staging and production. moto cannot update a stack that takes an SSM
        // parameter (the CDK's BootstrapVersion): its change set fails in parse_ssm_parameter with a 500, which the
        // proxy hands the CDK as "400: Bad Request (moto_server answered 500 INTERNAL SERVER ERROR)" so that it fails
        // at once (it retried the 500 with backoff for about 8.5 minutes). That is the one failure allowed; the stack
        // the job synthesized is checked instead.
        // The stack has no customer-managed key, so the repository has no MLPIPELINE_KMS_KEY_ARN secret: GitHub gives it as empty.
        var values = new Dictionary<string, string> { ["secrets.AWS_ACCOUNT_ID"] = Account, ["secrets.MLPIPELINE_KMS_KEY_ARN"] = "", ["github.repository"] = "orbit7/demand", ["inputs.model-package-arn"] = "" };
        var deploy = CiJobs.GitHub(File.ReadAllText(Path.Combine(project, ".github", "workflows", "deploy.yml")));
        CiRunner.RunGitHubJob(deploy.Single(j => j.Name == "apply"), project, environment, values, log.WriteLine,
            knownGap: result => result.All.Contains("400: Bad Request (moto_server answered 500", StringComparison.Ordinal)
                && proxy.RewrittenServerErrors > 0 && moto.Log.Contains("in parse_ssm_parameter", StringComparison.Ordinal));
        var applied = Synthesized(project, region);
        Assert.Equal(stack.Roles.Keys.Append("CiRole").Order(StringComparer.Ordinal), applied.Roles.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("repo:orbit7/demand:", SynthesizedTemplate(project), StringComparison.Ordinal);
        Promote(shell, moto, stack, region, (staging, noSchedules) =>
        {
            var promote = CiJobs.GitHub(File.ReadAllText(Path.Combine(project, ".github", "workflows", "promote.yml")));
            var tested = CiRunner.RunGitHubJob(promote.Single(j => j.Name == "staging"), project, environment, values, log.WriteLine, noSchedules);
            Assert.Equal(staging, tested["model-package-arn"]);
            CiRunner.RunGitHubJob(promote.Single(j => j.Name == "production"), project, environment, new Dictionary<string, string>(values) { ["needs.staging.outputs.model-package-arn"] = tested["model-package-arn"] }, log.WriteLine, noSchedules);
        });

        // Teardown as the README says, in infra/cdk, after the endpoints (not the stack's); the bucket is retained.
        shell.Run($"aws sagemaker delete-endpoint --endpoint-name {stack.StagingEndpoint} && aws sagemaker delete-endpoint --endpoint-name {stack.ProductionEndpoint}");
        var teardown = System.Text.RegularExpressions.Regex.Match(readme, @"Teardown: `([^`]+)` in `([^`]+)`");
        Assert.True(teardown.Success, "The README names no teardown command for the CDK stack.");
        shell.Run($"cd {teardown.Groups[2].Value}");
        // moto deletes a stack at once, so the CDK's watch of the deletion finds no stack by its name and fails: that
        // is the one failure allowed here, and the stack must then be gone.
        var destroyed = shell.Run(AtATerminal(teardown.Groups[1].Value), input: "y\n", mayFail: true);
        Assert.True(destroyed.ExitCode == 0 || destroyed.All.Contains($"Stack with id {stack.PipelineName} does not exist", StringComparison.Ordinal), $"cdk destroy failed:\n{destroyed.All}");
        Assert.NotEqual(0, shell.Run($"aws cloudformation describe-stacks --stack-name {stack.PipelineName}", mayFail: true).ExitCode);
        shell.Run("cd ../..");
        shell.Run($"aws s3api head-bucket --bucket {stack.Bucket}");
        Assert.Equal("[]", shell.Run("aws lambda list-functions --query Functions[].FunctionName --output json").Output.Replace("\n", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal));
        Report("cdk + github", shell, total.Elapsed);
    }

    /// <summary>
    /// The CDK with separate accounts: the README's commands for a target account (the first deployment's bundle and
    /// account ids, then bootstrap and deploy NAME-staging), run as written with the CDK's command line against a
    /// simulated staging account, make the roles, bucket and topic promote.yml's staging job names from the account ids
    /// alone; its deploy role serves only the staging endpoint and trusts only the build account's promotion role.
    /// (The build stack with the ids is checked synthesized by CdkAppTests; moto plays one account at a time.)
    /// </summary>
    [Fact]
    public void Cdk_multi_account_staging_stack_deploys_with_the_cdk_command_line_the_roles_promotion_uses()
    {
        const string name = "Orbit7.Demand", region = "ca-central-1", build = "111122223333", production = "444455556666";
        var total = Stopwatch.StartNew();
        using var temp = new TempDirectory();
        var project = Generate(temp, name, "cdk", "github", region, "--accounts", "multi");
        using var moto = new MotoServer();
        using var proxy = new MotoHttpsProxy(moto, temp.Path);
        var environment = CdkEnvironment(moto, proxy, region);
        var shell = new RehearsalShell(project, temp.Path, environment, log, () => moto.Log);
        var readme = File.ReadAllText(Path.Combine(project, "README.md"));
        string Ids(string line) => line.Replace("BUILD_ID", build, StringComparison.Ordinal).Replace("STAGING_ID", Account, StringComparison.Ordinal).Replace("PRODUCTION_ID", production, StringComparison.Ordinal);
        // The first deployment's lines before the build account's bootstrap: the functions' zip, infra/cdk, the ids.
        var first = RehearsalShell.Blocks(readme, "## Deploy")[0].TakeWhile(line => !line.Contains(" bootstrap ", StringComparison.Ordinal)).ToList();
        Assert.Contains(first, line => line.StartsWith("export ACCOUNT_IDS=", StringComparison.Ordinal));
        var target = RehearsalShell.Blocks(readme, "### Separate staging and production accounts").Single().Where(line => !line.StartsWith('#')).ToList();
        // Staging's two; production's are the same with its id (moto plays one account: any role in any account may be
        // assumed in it, so a deployment with another account's credentials is not refused here as AWS refuses it).
        Assert.Equal(4, target.Count);
        Assert.Equal(target.Take(2).Select(line => line.Replace("STAGING_ID", "PRODUCTION_ID", StringComparison.Ordinal).Replace("-staging", "-production", StringComparison.Ordinal)), target.Skip(2));
        foreach (var line in first.Concat(target.Take(2)))
        {
            shell.Run(AtATerminal(Ids(line)), input: "y\n");
        }

        var promote = CiJobs.GitHub(File.ReadAllText(Path.Combine(project, ".github", "workflows", "promote.yml")));
        var job = promote.Single(j => j.Name == "staging");
        var secrets = new Dictionary<string, string> { ["secrets.AWS_ACCOUNT_ID"] = build, ["secrets.STAGING_ACCOUNT_ID"] = Account };
        var env = job.Lines[0].Environment.ToDictionary(e => e.Key, e => CiJobs.ResolveGitHub(e.Value, secrets, job.Lines[0].Environment), StringComparer.Ordinal);
        string Name(string arn) => arn[(arn.LastIndexOf('/') + 1)..];
        string Policy(string role, string policy) =>
            shell.Run($"aws iam get-role-policy --role-name {role} --policy-name {policy} --query PolicyDocument --output json").Output.Replace('\'', '"');

        var deployRole = JsonNode.Parse(shell.Run($"aws iam get-role --role-name {Name(env["DEPLOY_ROLE_ARN"])}").Output)!["Role"]!;
        Assert.Equal(env["DEPLOY_ROLE_ARN"], deployRole["Arn"]!.GetValue<string>());
        var trustDocument = deployRole["AssumeRolePolicyDocument"]!;
        var trust = (trustDocument is JsonValue text && text.TryGetValue<string>(out var json) ? json : trustDocument.ToJsonString()).Replace('\'', '"');
        Assert.Contains($"\"{env["PROMOTE_ROLE_ARN"]}\"", trust, StringComparison.Ordinal);
        Assert.Contains($":iam::{build}:root", trust, StringComparison.Ordinal);
        var deploy = Policy(Name(env["DEPLOY_ROLE_ARN"]), "deploy");
        Assert.Equal("orbit7-demand-staging", env["ENDPOINT"]);
        Assert.Contains($":endpoint/{env["ENDPOINT"]}\"", deploy, StringComparison.Ordinal);
        Assert.DoesNotContain(":endpoint/orbit7-demand\"", deploy, StringComparison.Ordinal);
        Assert.Contains($"arn:aws:sagemaker:{region}:{build}:model-package-group/orbit7-demand-models", deploy, StringComparison.Ordinal);
        Assert.Contains(env["ENDPOINT_ROLE_ARN"], deploy, StringComparison.Ordinal);
        Assert.Equal(env["ENDPOINT_ROLE_ARN"], JsonNode.Parse(shell.Run($"aws iam get-role --role-name {Name(env["ENDPOINT_ROLE_ARN"])}").Output)!["Role"]!["Arn"]!.GetValue<string>());
        Assert.Contains($"arn:aws:s3:::orbit7-demand-{build}-{region}-ml/orbit7-demand/models/*", Policy(Name(env["ENDPOINT_ROLE_ARN"]), "endpoint"), StringComparison.Ordinal);
        shell.Run($"aws s3api head-bucket --bucket {new Uri(env["DATA_CAPTURE_URI"]).Host}");
        Assert.Equal(new Uri(env["DATA_CAPTURE_URI"]).Host, new Uri(env["MONITORING_REPORTS_URI"]).Host);
        shell.Run($"aws sns get-topic-attributes --topic-arn {env["ALARM_TOPIC_ARN"]}");
        Assert.Equal($"arn:aws:sagemaker:{region}:{build}:model-package-group/orbit7-demand-models", env["MODEL_PACKAGE_GROUP"]);

        Report("cdk + github, staging account", shell, total.Elapsed);
    }

    /// <summary>
    /// A command as a person types it at a terminal, who answers y when asked: cdk deploy asks before it widens IAM
    /// permissions and destroy before it deletes, and both refuse without a terminal.
    /// </summary>
    private static string AtATerminal(string command) =>
        command.Contains("aws-cdk", StringComparison.Ordinal) ? $"script --quiet --return --command {Terminal.Quote(command)} /dev/null" : command;

    /// <summary>The names the stack the CDK synthesized last (into infra/cdk/cdk.out) declares.</summary>
    private static StackNames Synthesized(string project, string region) => StackNames.FromCloudFormation(SynthesizedTemplate(project), region);

    /// <summary>The template the CDK synthesized last, into infra/cdk/cdk.out.</summary>
    private static string SynthesizedTemplate(string project) =>
        File.ReadAllText(Directory.GetFiles(Path.Combine(project, "infra", "cdk", "cdk.out"), "*.template.json").Single());

    /// <summary>The bucket and role the stack declares, exported as the README's output lines would, once moto shows they exist.</summary>
    private static void StandInForOutputs(RehearsalShell shell, StackNames stack)
    {
        shell.Run($"aws s3api head-bucket --bucket {stack.Bucket} && aws iam get-role --role-name {stack.Roles["ExecutionRole"]} > /dev/null");
        shell.Run($"export MLPIPELINE_BUCKET={stack.Bucket} MLPIPELINE_ROLE_ARN={StackNames.RoleArn(stack.Roles["ExecutionRole"])}");
    }

    private static int ExecutionCount(RehearsalShell shell, string pipeline) =>
        int.Parse(shell.Run($"aws sagemaker list-pipeline-executions --pipeline-name {pipeline} --query 'length(PipelineExecutionSummaries)' --output text").Output.Trim(),
            System.Globalization.CultureInfo.InvariantCulture);

    private static bool MotoCannotUpdate(MotoServer moto) =>
        moto.Log.Contains("update_from_cloudformation_json", StringComparison.Ordinal) && moto.Log.Contains("AttributeError: 'NoneType' object has no attribute", StringComparison.Ordinal);

    private string Generate(TempDirectory temp, string name, string iac, string ci, string region, params string[] more)
    {
        var project = temp.Combine(name);
        var (code, _, error) = Mlpipeline.Run(["new", project, "--name", name, "--iac", iac, "--ci", ci, "--region", region, "--package-source", packages.Folder, "--no-git", .. more]);
        Assert.True(code == 0, error);
        return project;
    }

    /// <summary>The environment of the CDK's command line against moto: through the proxy, without Node.js 20's notice.</summary>
    private static Dictionary<string, string> CdkEnvironment(MotoServer moto, MotoHttpsProxy proxy, string region)
    {
        var environment = Environment(moto, region);
        foreach (var (key, value) in proxy.Environment())
        {
            environment[key] = value;
        }

        environment["JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION"] = "20";
        return environment;
    }

    private static Dictionary<string, string> Environment(MotoServer moto, string region)
    {
        var environment = Terraform.EnvironmentWith(moto.Environment(region));
        environment["DOTNET_NOLOGO"] = "true";
        environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        return environment;
    }

    private static bool ApprovesTerraform(string command) =>
        command.StartsWith("terraform", StringComparison.Ordinal) && (command.Contains(" apply", StringComparison.Ordinal) || command.Contains(" destroy", StringComparison.Ordinal));

    private static string MotoProvider(MotoServer moto)
    {
        var services = string.Join("\n", new[] { "s3", "iam", "sts", "sagemaker", "events", "lambda", "sqs" }.Select(s => $"    {s} = \"{moto.Endpoint.ToString().TrimEnd('/')}\""));
        return $$"""
            # Written by the deploy rehearsal test; never part of a generated project.
            provider "aws" {
              access_key                  = "testing"
              secret_key                  = "testing"
              skip_credentials_validation = true
              skip_metadata_api_check     = true
              s3_use_path_style           = true
              max_retries                 = 1

              endpoints {
            {{services}}
              }
            }

            resource "aws_s3_bucket_policy" "artifacts" {
              count = 0
            }

            """;
    }

    /// <summary>What the stack made, as moto holds it: the pipeline from the published definition, the functions from the bundle, the rules, the bucket's lifecycle.</summary>
    private static void CheckDeployedResources(RehearsalShell shell, StackNames stack, string project, bool motoKeepsLifecycle = true, bool motoMakesAlarms = true)
    {
        JsonNode Aws(string command) => JsonNode.Parse(shell.Run(command + " --output json").Output)!;

        // The functions run the zip `bundle` wrote, with the handlers and settings the stack gives them.
        var zip = File.ReadAllBytes(Path.Combine(project, ".mlpipeline", "functions", "functions.zip"));
        var functions = Aws("aws lambda list-functions")["Functions"]!.AsArray().ToDictionary(f => f!["FunctionName"]!.GetValue<string>(), f => f!);
        Assert.Equal(2, functions.Count);
        foreach (var function in functions.Values)
        {
            Assert.Equal(Convert.ToBase64String(SHA256.HashData(zip)), function["CodeSha256"]!.GetValue<string>());
            Assert.Equal("python3.12", function["Runtime"]!.GetValue<string>());
        }

        var deploy = functions.Values.Single(f => f["Handler"]!.GetValue<string>() == "approval_handler.handler");
        Assert.Equal(stack.StagingEndpoint, deploy["Environment"]!["Variables"]!["ENDPOINT_NAME"]!.GetValue<string>());
        var start = functions.Values.Single(f => f["Handler"]!.GetValue<string>() == "trigger_handler.handler");
        Assert.Equal($"s3://{stack.Bucket}/{stack.KeyPrefix}/data/", start["Environment"]!["Variables"]!["DATA_PREFIX"]!.GetValue<string>());

        // The rules call the functions; the approval rule matches only this group's Approved packages.
        var rules = Aws("aws events list-rules")["Rules"]!.AsArray().ToDictionary(r => r!["Name"]!.GetValue<string>(), r => r!);
        var approved = rules.Values.Single(r => r["EventPattern"]?.GetValue<string>().Contains("Model Package State Change", StringComparison.Ordinal) == true);
        var pattern = JsonNode.Parse(approved["EventPattern"]!.GetValue<string>())!;
        Assert.Equal(stack.ModelPackageGroup, pattern["detail"]!["ModelPackageGroupName"]![0]!.GetValue<string>());
        Assert.Equal(deploy["FunctionArn"]!.GetValue<string>(), Aws($"aws events list-targets-by-rule --rule {approved["Name"]}")["Targets"]![0]!["Arn"]!.GetValue<string>());

        // Run artifacts expire under the real prefix; unfinished uploads are aborted everywhere. (moto's CloudFormation
        // does not apply a bucket's LifecycleConfiguration; there only cfn-lint and the names test see it.)
        var lifecycle = motoKeepsLifecycle ? Aws($"aws s3api get-bucket-lifecycle-configuration --bucket {stack.Bucket}")["Rules"]!.AsArray() : null;
        if (lifecycle is not null)
        {
            Assert.Contains(lifecycle, r => (r!["Filter"]?["Prefix"] ?? r["Prefix"])?.GetValue<string>() == $"{stack.KeyPrefix}/runs/");
            Assert.Contains(lifecycle, r => r!["AbortIncompleteMultipartUpload"]?["DaysAfterInitiation"]?.GetValue<int>() == 7);
        }


        // Each endpoint has its two alarms, on its own metrics, telling the stack's topic, with the stack's default
        // thresholds. (moto's CloudFormation makes no AWS::CloudWatch::Alarm; there cfn-lint, and for the CDK its
        // stack tests, see them.)
        var alarms = Aws("aws cloudwatch describe-alarms")["MetricAlarms"]!.AsArray().ToDictionary(a => a!["AlarmName"]!.GetValue<string>(), a => a!);
        var topic = AlarmTopic(stack);
        Assert.Equal(motoMakesAlarms ? 4 : 0, alarms.Count);
        foreach (var endpoint in motoMakesAlarms ? [stack.StagingEndpoint, stack.ProductionEndpoint] : Array.Empty<string>())
        {
            foreach (var (name, metric, threshold) in new[] { ("server-errors", "Invocation5XXErrors", 5.0), ("latency", "ModelLatency", 500_000.0) })
            {
                var alarm = alarms[$"{endpoint}-{name}"];
                Assert.Equal(("AWS/SageMaker", metric, threshold), (alarm["Namespace"]!.GetValue<string>(), alarm["MetricName"]!.GetValue<string>(), alarm["Threshold"]!.GetValue<double>()));
                Assert.Equal(
                    [$"EndpointName={endpoint}", "VariantName=AllTraffic"],
                    alarm["Dimensions"]!.AsArray().Select(d => $"{d!["Name"]}={d["Value"]}").Order(StringComparer.Ordinal));
                Assert.EndsWith(":" + topic, alarm["AlarmActions"]![0]!.GetValue<string>(), StringComparison.Ordinal);
            }
        }

        // The dead-letter queue exists under the stack's name (the AWS CLI v1 ignores AWS_ENDPOINT_URL for SQS).
        var queue = new Uri(stack.Outputs[stack.Outputs.ContainsKey("dead_letter_queue_url") ? "dead_letter_queue_url" : "DeadLetterQueueUrl"]).AbsolutePath.Split('/')[^1];
        shell.Run($"aws sqs get-queue-url --endpoint-url \"$AWS_ENDPOINT_URL\" --queue-name {queue}");

        // publish put the scripts under content-hash keys in the bucket, where the definition points.
        var keys = shell.Run($"aws s3api list-objects-v2 --bucket {stack.Bucket} --prefix {stack.KeyPrefix}/code/ --query Contents[].Key --output text").Output;
        Assert.Matches($@"{stack.KeyPrefix}/code/clean-[0-9a-f]{{16}}/clean\.py", keys);
        if (File.Exists(Path.Combine(project, "pipeline.json")) && shell.Run($"aws sagemaker describe-pipeline --pipeline-name {stack.PipelineName}", mayFail: true) is { ExitCode: 0 } described)
        {
            var pipeline = JsonNode.Parse(described.Output)!;
            Assert.Equal(StackNames.RoleArn(stack.Roles.Values.Single(r => r.EndsWith("-sagemaker-execution", StringComparison.Ordinal))), pipeline["RoleArn"]!.GetValue<string>());
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(File.ReadAllText(Path.Combine(project, "pipeline.json"))), JsonNode.Parse(pipeline["PipelineDefinition"]!.GetValue<string>())),
                "The pipeline SageMaker holds is not the definition the project wrote.");
        }
    }

    /// <summary>
    /// The deployed functions' code (unzipped from the bundle) run here with their deployed environment against moto:
    /// new data starts the pipeline on its data version; an approval serves the model on staging only.
    /// </summary>
    private static void RunDeployedFunctions(RehearsalShell shell, StackNames stack, string project, string region, bool pipelineExists = true, string? kmsKey = null)
    {
        var code = Path.Combine(project, ".rehearsal-functions");
        ZipFile.ExtractToDirectory(Path.Combine(project, ".mlpipeline", "functions", "functions.zip"), code, overwriteFiles: true);
        var functions = JsonNode.Parse(shell.Run("aws lambda list-functions --output json").Output)!["Functions"]!.AsArray();
        string Invoke(string handler, JsonObject @event)
        {
            var function = functions.Single(f => f!["Handler"]!.GetValue<string>() == handler + ".handler")!;
            var env = string.Join(' ', function["Environment"]!["Variables"]!.AsObject().Select(v => $"{v.Key}='{v.Value}'"));
            return shell.Run($"(cd '{code}' && env {env} python3 -c 'import json, sys, {handler}; print(json.dumps({handler}.handler(json.loads(sys.argv[1]), None)))' '{@event.ToJsonString()}')").Output.Trim().Split('\n')[^1];
        }

        var key = $"{stack.KeyPrefix}/data/2026-01-05/part-1.csv";
        shell.Run($"aws s3 cp data/sample.csv s3://{stack.Bucket}/{key}");
        var created = new JsonObject
        {
            ["id"] = "4f9c1b2e-8a0d-4c4e-9c53-2f1e0b7a6d11",
            ["source"] = "aws.s3",
            ["detail-type"] = "Object Created",
            ["detail"] = new JsonObject { ["bucket"] = new JsonObject { ["name"] = stack.Bucket }, ["object"] = new JsonObject { ["key"] = key } },
        };
        if (pipelineExists)
        {
            var started = JsonNode.Parse(Invoke("trigger_handler", created))!;
            Assert.Equal($"s3://{stack.Bucket}/{stack.KeyPrefix}/data/2026-01-05/", started["inputData"]!.GetValue<string>());
            var parameters = JsonNode.Parse(shell.Run($"aws sagemaker list-pipeline-parameters-for-execution --pipeline-execution-arn {started["execution"]} --output json").Output)!;
            Assert.Contains(parameters["PipelineParameters"]!.AsArray(), p => p!["Name"]!.GetValue<string>() == "InputData" && p["Value"]!.GetValue<string>() == started["inputData"]!.GetValue<string>());
        }

        // An approved model: served on staging by the approval function, production untouched.
        var package = ApprovedPackage(shell, stack, region);
        var approval = new JsonObject
        {
            ["source"] = "aws.sagemaker",
            ["detail-type"] = "SageMaker Model Package State Change",
            ["detail"] = new JsonObject { ["ModelPackageArn"] = package, ["ModelPackageGroupName"] = stack.ModelPackageGroup, ["ModelApprovalStatus"] = "Approved" },
        };
        Assert.Equal("created", JsonNode.Parse(Invoke("approval_handler", approval))!["status"]!.GetValue<string>());
        var config = Keyed(stack.StagingEndpoint + "-v1-capture20", kmsKey);
        Assert.Equal(config, JsonNode.Parse(shell.Run($"aws sagemaker describe-endpoint --endpoint-name {stack.StagingEndpoint} --output json").Output)!["EndpointConfigName"]!.GetValue<string>());
        // The stack's sampling share, the artifact bucket's capture prefix and the project's key reach the endpoint configuration.
        var described = JsonNode.Parse(shell.Run($"aws sagemaker describe-endpoint-config --endpoint-config-name {config} --output json").Output)!;
        var capture = described["DataCaptureConfig"]!;
        Assert.Equal((20, $"s3://{stack.Bucket}/{stack.KeyPrefix}/data-capture"), (capture["InitialSamplingPercentage"]!.GetValue<int>(), capture["DestinationS3Uri"]!.GetValue<string>()));
        Assert.Equal(kmsKey, described["KmsKeyId"]?.GetValue<string>());
        Assert.Equal(kmsKey, capture["KmsKeyId"]?.GetValue<string>());
        Assert.NotEqual(0, shell.Run($"aws sagemaker describe-endpoint --endpoint-name {stack.ProductionEndpoint}", mayFail: true).ExitCode);
    }

    /// <summary>
    /// A model package version in the group, Approved, with the data-quality baseline the pipeline registers with it
    /// (what the pipeline registers and a person approves).
    /// </summary>
    private static string ApprovedPackage(RehearsalShell shell, StackNames stack, string region)
    {
        var specification = new JsonObject
        {
            ["Containers"] = new JsonArray(new JsonObject { ["Image"] = $"141502667606.dkr.ecr.{region}.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3", ["ModelDataUrl"] = $"s3://{stack.Bucket}/{stack.KeyPrefix}/models/model.tar.gz" }),
            ["SupportedContentTypes"] = new JsonArray("text/csv"),
            ["SupportedResponseMIMETypes"] = new JsonArray("text/csv"),
        };
        JsonObject Source(string file) => new() { ["ContentType"] = "application/json", ["S3Uri"] = $"s3://{stack.Bucket}/{stack.KeyPrefix}/runs/1/Baseline/baseline/{file}" };
        // The constraints monitor.py reads the features of its drift alarm from, as the Baseline step writes them.
        var constraints = new JsonObject
        {
            ["version"] = 0,
            ["features"] = new JsonArray(new JsonObject { ["name"] = "tenure_months", ["inferred_type"] = "Integral" }, new JsonObject { ["name"] = "contract", ["inferred_type"] = "String" }),
            ["monitoring_config"] = new JsonObject { ["distribution_constraints"] = new JsonObject { ["comparison_threshold"] = 0.1 } },
        };
        shell.Run($"printf '%s' '{constraints.ToJsonString()}' | aws s3 cp - {Source("constraints.json")["S3Uri"]}");
        var existing = shell.Run($"aws sagemaker list-model-packages --model-package-group-name {stack.ModelPackageGroup} --query ModelPackageSummaryList[0].ModelPackageArn --output text").Output.Trim();
        if (existing.StartsWith("arn:", StringComparison.Ordinal))
        {
            return existing;
        }

        var baselines = new JsonObject { ["ModelDataQuality"] = new JsonObject { ["Statistics"] = Source("statistics.json"), ["Constraints"] = Source("constraints.json") } };
        return shell.Run($"aws sagemaker create-model-package --model-package-group-name {stack.ModelPackageGroup} --model-approval-status Approved --inference-specification '{specification.ToJsonString()}' --drift-check-baselines '{baselines.ToJsonString()}' --query ModelPackageArn --output text").Output.Trim();
    }

    /// <summary>
    /// CI's promotion: staging (already serving the approved version: unchanged), its smoke test against the endpoint
    /// (moto answers with the three lines it is given), then production with exactly the version staging served; after
    /// each deployment monitor.py scales the endpoint, puts its drift alarm and makes the version's data-quality job
    /// definition (the alarm reads the features of the constraints uploaded here). moto has no
    /// monitoring schedules (it answers 500, NotImplementedError): monitor.py stops at DescribeMonitoringSchedule, the
    /// last thing each job does, and that is the one failure allowed (test_monitor.py holds the schedule's requests to
    /// botocore's service model).
    /// </summary>
    private static void Promote(RehearsalShell shell, MotoServer moto, StackNames stack, string region, Action<string, Func<ProcessRunner.Result, bool>> runJobs, string? kmsKey = null)
    {
        var package = ApprovedPackage(shell, stack, region);
        using (var http = new HttpClient())
        {
            var results = new JsonObject
            {
                ["account_id"] = Account,
                ["region"] = region,
                ["results"] = new JsonArray(new JsonObject { ["Body"] = "0.12\n0.87\n0.45\n", ["ContentType"] = "text/csv" }),
            };
            using var content = new StringContent(results.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
            http.PostAsync(new Uri(moto.Endpoint, "/moto-api/static/sagemaker/endpoint-results"), content).GetAwaiter().GetResult().EnsureSuccessStatusCode();
        }

        var stoppedAtSchedules = 0;
        runJobs(package, result =>
        {
            var known = result.All.Contains("DescribeMonitoringSchedule operation", StringComparison.Ordinal)
                && moto.Log.Contains("The describe_monitoring_schedule action has not been implemented", StringComparison.Ordinal);
            stoppedAtSchedules += known ? 1 : 0;
            return known;
        });
        Assert.Equal(2, stoppedAtSchedules);
        var version = package.Split('/')[^1];
        var baseline = JsonNode.Parse(shell.Run($"aws sagemaker describe-model-package --model-package-name {package} --query DriftCheckBaselines.ModelDataQuality --output json").Output)!;
        foreach (var endpoint in new[] { stack.StagingEndpoint, stack.ProductionEndpoint })
        {
            var described = JsonNode.Parse(shell.Run($"aws sagemaker describe-endpoint --endpoint-name {endpoint} --output json").Output)!;
            var config = Keyed($"{endpoint}-v{version}-capture20", kmsKey);
            Assert.Equal(config, described["EndpointConfigName"]!.GetValue<string>());
            // deploy.py took the key the bucket encrypts with (the CI has no key variable).
            var served = JsonNode.Parse(shell.Run($"aws sagemaker describe-endpoint-config --endpoint-config-name {config} --output json").Output)!;
            Assert.Equal((kmsKey, kmsKey), (served["KmsKeyId"]?.GetValue<string>(), served["DataCaptureConfig"]!["KmsKeyId"]?.GetValue<string>()));

            var resource = $"endpoint/{endpoint}/variant/AllTraffic";
            var target = JsonNode.Parse(shell.Run($"aws application-autoscaling describe-scalable-targets --service-namespace sagemaker --resource-ids {resource} --query ScalableTargets[0] --output json").Output)!;
            Assert.Equal((1, 2), (target["MinCapacity"]!.GetValue<int>(), target["MaxCapacity"]!.GetValue<int>()));
            var policy = JsonNode.Parse(shell.Run($"aws application-autoscaling describe-scaling-policies --service-namespace sagemaker --resource-id {resource} --query ScalingPolicies[0] --output json").Output)!;
            Assert.Equal($"{endpoint}-invocations", policy["PolicyName"]!.GetValue<string>());
            Assert.Equal(200.0, policy["TargetTrackingScalingPolicyConfiguration"]!["TargetValue"]!.GetValue<double>());

            var drift = JsonNode.Parse(shell.Run($"aws cloudwatch describe-alarms --alarm-names {endpoint}-data-drift --query MetricAlarms[0] --output json").Output)!;
            Assert.Equal(0.1, drift["Threshold"]!.GetValue<double>());
            Assert.Equal(
                ["feature_baseline_drift_contract", "feature_baseline_drift_tenure_months"],
                drift["Metrics"]!.AsArray().Where(m => m!["MetricStat"] is not null).Select(m => m!["MetricStat"]!["Metric"]!["MetricName"]!.GetValue<string>()).Order(StringComparer.Ordinal));
            Assert.EndsWith(":" + AlarmTopic(stack), drift["AlarmActions"]![0]!.GetValue<string>(), StringComparison.Ordinal);

            var definition = JsonNode.Parse(shell.Run($"aws sagemaker describe-data-quality-job-definition --job-definition-name {Keyed($"{endpoint}-dq-v{version}", kmsKey)} --output json").Output)!;
            Assert.Equal(kmsKey, definition["DataQualityJobOutputConfig"]!["KmsKeyId"]?.GetValue<string>());
            Assert.Equal(kmsKey, definition["JobResources"]!["ClusterConfig"]!["VolumeKmsKeyId"]?.GetValue<string>());
            Assert.Equal(baseline["Constraints"]!["S3Uri"]!.GetValue<string>(), definition["DataQualityBaselineConfig"]!["ConstraintsResource"]!["S3Uri"]!.GetValue<string>());
            Assert.Equal(baseline["Statistics"]!["S3Uri"]!.GetValue<string>(), definition["DataQualityBaselineConfig"]!["StatisticsResource"]!["S3Uri"]!.GetValue<string>());
            Assert.Equal(endpoint, definition["DataQualityJobInput"]!["EndpointInput"]!["EndpointName"]!.GetValue<string>());
            Assert.Equal($"arn:aws:iam::{Account}:role/{stack.Roles.Values.Single(r => r.EndsWith("-sagemaker-execution", StringComparison.Ordinal))}", definition["RoleArn"]!.GetValue<string>());
            Assert.Equal($"s3://{stack.Bucket}/{stack.KeyPrefix}/monitoring/{endpoint}", definition["DataQualityJobOutputConfig"]!["MonitoringOutputs"]![0]!["S3Output"]!["S3Uri"]!.GetValue<string>());
        }
    }

    /// <summary>What deploy.py and monitor.py name a configuration or job definition SageMaker cannot change: another key, another name.</summary>
    private static string Keyed(string name, string? kmsKey) => kmsKey is null
        ? name
        : $"{name[..Math.Min(name.Length, 53)]}-k{Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(kmsKey)))[..8]}";

    /// <summary>
    /// The project's key encrypts the bucket, the pipeline's jobs (the definition the README's commands published),
    /// the approval function's endpoints and the alarms topic, and its policy lets only the project's roles use it.
    /// </summary>
    private static void CheckEncryption(RehearsalShell shell, StackNames stack, string kmsKey)
    {
        var encryption = JsonNode.Parse(shell.Run($"aws s3api get-bucket-encryption --bucket {stack.Bucket} --output json").Output)!["ServerSideEncryptionConfiguration"]!["Rules"]![0]!;
        Assert.Equal(("aws:kms", kmsKey), (encryption["ApplyServerSideEncryptionByDefault"]!["SSEAlgorithm"]!.GetValue<string>(), encryption["ApplyServerSideEncryptionByDefault"]!["KMSMasterKeyID"]!.GetValue<string>()));

        var policy = JsonNode.Parse(JsonNode.Parse(shell.Run($"aws kms get-key-policy --key-id {kmsKey} --policy-name default --output json").Output)!["Policy"]!.GetValue<string>())!;
        var users = policy["Statement"]!.AsArray().Single(s => s!["Sid"]!.GetValue<string>() == "ProjectRoles")!["Condition"]!["ArnEquals"]!["aws:PrincipalArn"]!;
        var roles = (users as JsonArray)?.Select(u => u!.GetValue<string>()) ?? [users.GetValue<string>()];
        Assert.Equal(
            new[] { "execution", "deploy" }.Select(r => StackNames.RoleArn(stack.Roles[r])).Order(StringComparer.Ordinal),
            roles.Order(StringComparer.Ordinal));
        Assert.Equal(kmsKey, shell.Run($"aws sns get-topic-attributes --topic-arn arn:aws:sns:{kmsKey.Split(':')[3]}:{Account}:{AlarmTopic(stack)} --query Attributes.KmsMasterKeyId --output text").Output.Trim());
        Assert.Equal(kmsKey, shell.Run($"aws lambda get-function-configuration --function-name {stack.Roles["deploy"]} --query Environment.Variables.MLPIPELINE_KMS_KEY_ARN --output text").Output.Trim());

        // Every job of the deployed pipeline keeps its volumes and outputs under the key.
        var definition = shell.Run($"aws sagemaker describe-pipeline --pipeline-name {stack.PipelineName} --query PipelineDefinition --output text").Output;
        Assert.Contains($"\"VolumeKmsKeyId\":\"{kmsKey}\"", definition.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains($"\"KmsKeyId\":\"{kmsKey}\"", definition.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    /// <summary>The stack's alarms topic: PREFIX-alarms, beside its PREFIX-models group.</summary>
    private static string AlarmTopic(StackNames stack) => stack.ModelPackageGroup[..^"-models".Length] + "-alarms";

    private static JsonArray? Outputs(RehearsalShell shell, string stackName, string region) =>
        JsonNode.Parse(shell.Run($"aws cloudformation describe-stacks --stack-name {stackName} --region {region} --query Stacks[0].Outputs --output json").Output) as JsonArray;

    /// <summary>
    /// The stack made with create-stack in a second, empty moto (moto computes outputs only then), its outputs compared
    /// with the names the stack declares.
    /// </summary>
    private static void CheckOutputsWithCreateStack(RehearsalShell shell, MlPipeline.Scaffolder.Rendering.GeneratedTree tree, string region)
    {
        var stack = StackNames.FromCloudFormation(tree, region);
        using var other = new MotoServer();
        var at = $"AWS_ENDPOINT_URL={other.Endpoint.ToString().TrimEnd('/')}";

        // moto fails on an output of a resource type it skips (AWS::SageMaker::ModelPackageGroup): that one output is
        // left out here, the rest are checked.
        var template = File.ReadAllText(Path.Combine(shell.Folder, "infra", "cloudformation", "stack.yaml"));
        var outputsAt = template.IndexOf("\nOutputs:\n", StringComparison.Ordinal);
        var trimmed = template[..outputsAt] + System.Text.RegularExpressions.Regex.Replace(template[outputsAt..], @"\n  ModelPackageGroup:\n(    .*\n)+", "\n");
        Assert.NotEqual(template, trimmed);
        File.WriteAllText(Path.Combine(shell.Folder, "infra", "cloudformation", "outputs-check.yaml"), trimmed);
        shell.Run($"{at} aws s3 mb s3://outputs-check > /dev/null && {at} aws cloudformation package --template-file infra/cloudformation/outputs-check.yaml --s3-bucket outputs-check --output-template-file outputs-check.yaml > /dev/null");
        shell.Run($"{at} aws cloudformation create-stack --region {region} --stack-name outputs-check --template-body file://outputs-check.yaml --capabilities CAPABILITY_NAMED_IAM > /dev/null");
        shell.Run($"{at} aws cloudformation wait stack-create-complete --region {region} --stack-name outputs-check");
        var outputs = JsonNode.Parse(shell.Run($"{at} aws cloudformation describe-stacks --stack-name outputs-check --region {region} --query Stacks[0].Outputs --output json").Output)!.AsArray()
            .ToDictionary(o => o!["OutputKey"]!.GetValue<string>(), o => o!["OutputValue"]!.GetValue<string>());
        foreach (var key in new[] { "ArtifactBucketName", "KeyPrefix", "ExecutionRoleArn", "PipelineName", "StagingEndpoint", "ProductionEndpoint", "DeadLetterQueueUrl" })
        {
            // moto's queue URLs name its own host; the path is what the stack declares.
            var expected = stack.Outputs[key];
            Assert.True(outputs[key] == expected || (key == "DeadLetterQueueUrl" && outputs[key].EndsWith(new Uri(expected).AbsolutePath, StringComparison.Ordinal)), $"output {key}: '{outputs[key]}', the stack declares '{expected}'");
        }
    }

    private void Report(string what, RehearsalShell shell, TimeSpan total)
    {
        log.WriteLine($"Rehearsal {what}: {total.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s in all; slowest commands:");
        foreach (var (command, elapsed) in shell.Timings.OrderByDescending(t => t.Elapsed).Take(8))
        {
            log.WriteLine($"  {elapsed.TotalSeconds,6:0.0} s  {command}");
        }
    }
}
