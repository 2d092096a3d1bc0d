using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using MlPipeline.Scaffolder.Tests.EndToEnd;
using MlPipeline.Scaffolder.Tests.Infrastructure;
using MlPipeline.Tests.Shared;
using Xunit.Abstractions;

namespace MlPipeline.Scaffolder.Tests.Deploy;

/// <summary>
/// The CDK app of an <c>--iac cdk</c> project, checked by what consumes it: built with warnings as errors, its own
/// Template.FromStack tests, the generated CI's infrastructure job (bundle, synthesize, cfn-lint) run here line by line,
/// cfn-lint with zero findings on the template synthesized with every optional resource, and the names CI, the README
/// and the pipeline's settings use compared with the ones the synthesized stack declares. The CDK's packages take
/// about 340 MB and a synthesis about 400 MB of memory: two cases, in the slow category.
/// </summary>
[Trait("Category", "Slow")]
[Collection(Deployments.Name)]
public sealed partial class CdkAppTests(PackagesFixture packages, ITestOutputHelper log)
{
    [Theory]
    [InlineData("github", "Acme.Churn-2", "eu-west-2")]
    [InlineData("gitlab", "Fraud2Detect9", "ap-south-1")]
    public void The_cdk_app_builds_tests_synthesizes_and_passes_cfn_lint_and_its_names_agree(string ci, string name, string region)
    {
        using var temp = new TempDirectory();
        var project = temp.Combine(name);
        var (code, _, error) = Mlpipeline.Run("new", project, "--iac", "cdk", "--ci", ci, "--region", region, "--package-source", packages.Folder);
        Assert.True(code == 0, error);
        var environment = new Dictionary<string, string> { ["JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION"] = "20" };

        Run(project, environment, "dotnet build --configuration Release");
        var tests = Run(project, environment, $"dotnet test --configuration Release --no-build tests/{name}.Infrastructure.Tests");
        // Every test the project's stack tests declare ran and passed.
        var declared = Regex.Count(File.ReadAllText(Path.Combine(project, "tests", $"{name}.Infrastructure.Tests", "StackTests.cs")), @"\[Fact\]");
        Assert.Matches($@"Passed!\s+- Failed:\s+0, Passed:\s+{declared}, Skipped:\s+0", tests);

        // Choices committed in cdk.json, as the README says, which CI's synthesis (the app run on its own) reads too.
        var cdkJson = Path.Combine(project, "infra", "cdk", "cdk.json");
        File.WriteAllText(cdkJson, File.ReadAllText(cdkJson).Replace("\"context\": {}", "\"context\": { \"scheduleExpression\": \"rate(7 days)\", \"artifactRetentionDays\": 30 }", StringComparison.Ordinal));

        // The CI's infrastructure job, its lines in order (the package installs are this machine's stand-ins).
        var job = ci == "github"
            ? CiJobs.GitHub(File.ReadAllText(Path.Combine(project, ".github", "workflows", "ci.yml"))).Single(j => j.Name == "infrastructure")
            : CiJobs.GitLab(File.ReadAllText(Path.Combine(project, ".gitlab-ci.yml"))).Single(j => j.Name == "infrastructure");
        var watch = Stopwatch.StartNew();
        if (ci == "github")
        {
            CiRunner.RunGitHubJob(job, project, environment, new Dictionary<string, string>(), log.WriteLine);
        }
        else
        {
            RunGitLabInfrastructureJob(job, project, environment);
        }

        log.WriteLine($"the infrastructure job (bundle, synthesis, cfn-lint) took {watch.Elapsed.TotalSeconds:0.0} s");
        var synthesized = Path.Combine(project, "infra", "cdk", "cdk.out", $"{Kebab(project)}.template.json");
        Assert.True(File.Exists(synthesized), $"the synthesis wrote no {synthesized}");
        var chosen = JsonDocument.Parse(File.ReadAllText(synthesized)).RootElement.GetProperty("Resources");
        Assert.Equal("rate(7 days)", chosen.GetProperty("ScheduleRule").GetProperty("Properties").GetProperty("ScheduleExpression").GetString());
        Assert.Contains(chosen.GetProperty("ArtifactBucket").GetProperty("Properties").GetProperty("LifecycleConfiguration").GetProperty("Rules").EnumerateArray(),
            rule => rule.TryGetProperty("ExpirationInDays", out var days) && days.GetInt32() == 30);
        AssertDefinitionIsTheProjectsOwn(File.ReadAllText(synthesized), project, name, region, environment);

        // Every optional resource (the CI role and its OIDC provider, the schedule, the project's KMS key), into CDK_OUTDIR, linted.
        var full = temp.Combine("cdk.out-full");
        var context = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["repository"] = ci == "github" ? "acme/churn" : "acme/ml/churn",
            ["scheduleExpression"] = "rate(7 days)",
            ["createKmsKey"] = "true",
        });
        watch.Restart();
        Run(project, new(environment) { ["CDK_OUTDIR"] = full, ["CDK_CONTEXT_JSON"] = context }, "dotnet run --configuration Release --no-build --project infra/cdk");
        log.WriteLine($"a synthesis took {watch.Elapsed.TotalSeconds:0.0} s");
        var template = Directory.GetFiles(full, "*.template.json").Single();
        var lint = ProcessRunner.Run("cfn-lint", [template]);
        Assert.True(lint.ExitCode == 0 && lint.All.Trim().Length == 0, $"cfn-lint on {template}:\n{lint.All}");
        var resources = JsonDocument.Parse(File.ReadAllText(template)).RootElement.GetProperty("Resources");
        Assert.Equal(
            ["AlarmTopic", "ApprovedPermission", "ApprovedRule", "ArtifactBucket", "ArtifactBucketPolicy", "CiOidcProvider", "CiRole", "DeadLetterQueue", "DeadLetterQueuePolicy", "DeployApprovedFunction",
             "DeployApprovedRole", "ExecutionRole", "ModelPackageGroup", "NewDataPermission", "NewDataRule", "Pipeline", "ProductionLatencyAlarm", "ProductionServerErrorsAlarm", "ProjectKey", "ProjectKeyAlias", "SchedulePermission", "ScheduleRule",
             "StagingLatencyAlarm", "StagingServerErrorsAlarm", "StartPipelineFunction", "StartPipelineRole"],
            resources.EnumerateObject().Select(r => r.Name).Order(StringComparer.Ordinal));

        // The names: what CI, the README and the pipeline's settings use is what the synthesized stack declares.
        var tree = Scaffold.Render("name=" + name, "iac=cdk", "ci=" + ci, "region=" + region);
        var problems = NamesAgreeTests.Problems("cdk", ci, region, tree, StackNames.FromCloudFormation(File.ReadAllText(template), region));
        Assert.True(problems.Count == 0, $"cdk × {ci}, {name} in {region}:\n" + string.Join('\n', problems.Distinct()));

        // A bad context value is refused with its key and the fix, before anything is synthesized.
        var refused = ProcessRunner.Run("dotnet", ["run", "--configuration", "Release", "--no-build", "--project", "infra/cdk"], project,
            environment: new Dictionary<string, string>(environment) { ["CDK_OUTDIR"] = temp.Combine("refused"), ["CDK_CONTEXT_JSON"] = """{"scheduleExpression":"every day"}""" });
        Assert.Equal(64, refused.ExitCode);
        Assert.Contains("context scheduleExpression='every day' is not valid", refused.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(temp.Combine("refused", "manifest.json")), "a refused synthesis wrote a cloud assembly");
    }

    /// <summary>
    /// Separate accounts: the app's three stacks (the build account's and one per target account) synthesized by the
    /// generated CI's infrastructure job with its example ids and cfn-linted there, and again with every optional
    /// resource with zero findings; promotion's names (the roles it assumes and passes, the bucket it captures to, the
    /// topic it alarms) are the ones the target stacks declare; missing ids are refused before anything is synthesized.
    /// </summary>
    [Fact]
    public void The_multi_account_cdk_app_synthesizes_three_stacks_whose_names_promotion_uses()
    {
        const string name = "Fraud2Detect9", region = "ap-south-1";
        using var temp = new TempDirectory();
        var project = temp.Combine(name);
        var (code, _, error) = Mlpipeline.Run("new", project, "--iac", "cdk", "--accounts", "multi", "--ci", "gitlab", "--region", region, "--package-source", packages.Folder);
        Assert.True(code == 0, error);
        var environment = new Dictionary<string, string> { ["JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION"] = "20" };

        Run(project, environment, "dotnet build --configuration Release");
        var tests = Run(project, environment, $"dotnet test --configuration Release --no-build tests/{name}.Infrastructure.Tests");
        var declared = Regex.Count(File.ReadAllText(Path.Combine(project, "tests", $"{name}.Infrastructure.Tests", "StackTests.cs")), @"\[Fact\]");
        Assert.Matches($@"Passed!\s+- Failed:\s+0, Passed:\s+{declared}, Skipped:\s+0", tests);

        var gitlab = File.ReadAllText(Path.Combine(project, ".gitlab-ci.yml"));
        RunGitLabInfrastructureJob(CiJobs.GitLab(gitlab).Single(j => j.Name == "infrastructure"), project, environment);
        var kebab = Kebab(project);
        Assert.Equal(
            [$"{kebab}-production.template.json", $"{kebab}-staging.template.json", $"{kebab}.template.json"],
            Directory.GetFiles(Path.Combine(project, "infra", "cdk", "cdk.out"), "*.template.json").Select(Path.GetFileName).Order(StringComparer.Ordinal));

        // Every optional resource: the CI roles, both stacks' keys.
        var (build, staging, production) = ("111122223333", "222233334444", "333344445555");
        var full = temp.Combine("cdk.out-full");
        var context = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["buildAccountId"] = build,
            ["stagingAccountId"] = staging,
            ["productionAccountId"] = production,
            ["repository"] = "acme/ml/fraud",
            ["createKmsKey"] = "true",
            ["targetCreateKmsKey"] = "true",
        });
        Run(project, new(environment) { ["CDK_OUTDIR"] = full, ["CDK_CONTEXT_JSON"] = context }, "dotnet run --configuration Release --no-build --project infra/cdk");
        var templates = Directory.GetFiles(full, "*.template.json");
        Assert.Equal(3, templates.Length);
        var lint = ProcessRunner.Run("cfn-lint", templates);
        Assert.True(lint.ExitCode == 0 && lint.All.Trim().Length == 0, $"cfn-lint:\n{lint.All}");

        JsonElement Resources(string stack) => JsonDocument.Parse(File.ReadAllText(Path.Combine(full, stack + ".template.json"))).RootElement.GetProperty("Resources");
        string Property(JsonElement resources, string id, string property) => resources.GetProperty(id).GetProperty("Properties").GetProperty(property).GetString()!;
        var promoteRole = Property(Resources(kebab), "CiPromoteRole", "RoleName");
        foreach (var (stage, account) in new[] { ("staging", staging), ("production", production) })
        {
            // The job's variables as GitLab expands them, with the three ids as CI/CD variables.
            var target = Resources($"{kebab}-{stage}");
            var gitlabJob = CiJobs.GitLab(gitlab).Single(j => j.Name == "promote-" + stage);
            var variables = CiJobs.ExpandGitLab(gitlabJob.Lines[0].Environment, new Dictionary<string, string>
            {
                ["AWS_ACCOUNT_ID"] = build,
                ["STAGING_ACCOUNT_ID"] = staging,
                ["PRODUCTION_ACCOUNT_ID"] = production,
            });
            Assert.Equal($"arn:aws:iam::{account}:role/{Property(target, "DeployRole", "RoleName")}", variables["DEPLOY_ROLE_ARN"]);
            Assert.Equal($"arn:aws:iam::{account}:role/{Property(target, "EndpointRole", "RoleName")}", variables["ENDPOINT_ROLE_ARN"]);
            Assert.Equal($"arn:aws:iam::{build}:role/{promoteRole}", variables["PROMOTE_ROLE_ARN"]);
            Assert.StartsWith($"s3://{Property(target, "ServingBucket", "BucketName")}/", variables["DATA_CAPTURE_URI"], StringComparison.Ordinal);
            Assert.Equal($"arn:aws:sns:{region}:{account}:{Property(target, "AlarmTopic", "TopicName")}", variables["ALARM_TOPIC_ARN"]);
            Assert.Equal(Property(target, (stage == "staging" ? "Staging" : "Production") + "ServerErrorsAlarm", "AlarmName"), variables["ENDPOINT"] + "-server-errors");
            // The deploy role trusts the build account's promotion role only.
            var trust = target.GetProperty("DeployRole").GetProperty("Properties").GetProperty("AssumeRolePolicyDocument").GetProperty("Statement")[0];
            Assert.Equal($"arn:aws:iam::{build}:role/{promoteRole}", trust.GetProperty("Condition").GetProperty("ArnEquals").GetProperty("aws:PrincipalArn").GetString());
        }

        // Without the account ids nothing is synthesized, and each missing one is named.
        var refused = ProcessRunner.Run("dotnet", ["run", "--configuration", "Release", "--no-build", "--project", "infra/cdk"], project,
            environment: new Dictionary<string, string>(environment) { ["CDK_OUTDIR"] = temp.Combine("refused"), ["CDK_CONTEXT_JSON"] = $$"""{"buildAccountId":"{{build}}"}""" });
        Assert.Equal(64, refused.ExitCode);
        Assert.Contains("context stagingAccountId is missing", refused.Error, StringComparison.Ordinal);
        Assert.Contains("context productionAccountId is missing", refused.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(temp.Combine("refused", "manifest.json")), "a refused synthesis wrote a cloud assembly");
    }

    /// <summary>
    /// The synthesis without an account holds the definition inline, the account left to CloudFormation: with the
    /// account put in, it is exactly what the project's <c>definition --compact</c> prints for the stack's bucket and role.
    /// </summary>
    private void AssertDefinitionIsTheProjectsOwn(string template, string project, string name, string region, Dictionary<string, string> environment)
    {
        var stack = StackNames.FromCloudFormation(template, region);
        var body = JsonDocument.Parse(template).RootElement.GetProperty("Resources").GetProperty("Pipeline").GetProperty("Properties").GetProperty("PipelineDefinition").GetProperty("PipelineDefinitionBody");
        string Resolve(JsonElement part) => part.ValueKind switch
        {
            JsonValueKind.String => part.GetString()!,
            JsonValueKind.Object when part.TryGetProperty("Fn::Join", out var join) => string.Join(join[0].GetString(), join[1].EnumerateArray().Select(Resolve)),
            JsonValueKind.Object when part.TryGetProperty("Ref", out var reference) && reference.GetString() == "AWS::AccountId" => StackNames.Account,
            _ => throw new Xunit.Sdk.XunitException($"the definition holds {part.GetRawText()}, which is not the account"),
        };

        var expected = Run(project, new(environment)
        {
            ["MLPIPELINE_BUCKET"] = stack.Bucket,
            ["MLPIPELINE_ROLE_ARN"] = StackNames.RoleArn(stack.Roles["ExecutionRole"]),
            ["AWS_REGION"] = region,
        }, $"dotnet run --configuration Release --no-build --project src/{name}.Pipeline -- definition --compact");
        Assert.Equal(expected.Trim(), Resolve(body));
    }

    /// <summary>GitLab's infrastructure job, its lines in order; apt-get and the venv are the image's setup: this machine has Node.js, and cfn-lint on PATH at the pinned version.</summary>
    private void RunGitLabInfrastructureJob(CiJob job, string project, Dictionary<string, string> environment)
    {
        var lines = job.Lines.Select(l => l.Script).Where(l => !l.StartsWith("apt-get", StringComparison.Ordinal)).Select(l => l.Replace("/tmp/lint/bin/", "", StringComparison.Ordinal));
        CiRunner.Run(lines.Select(l => ("infrastructure", l)), project, environment, log.WriteLine);
    }

    private static string Kebab(string project) =>
        StackName().Match(File.ReadAllText(Directory.GetFiles(Path.Combine(project, "infra", "cdk"), "Program.cs").Single())).Groups[1].Value;

    private string Run(string project, Dictionary<string, string> environment, string command)
    {
        var result = ProcessRunner.Run("bash", ["-euo", "pipefail", "-c", command], project, environment: environment, timeout: TimeSpan.FromMinutes(10));
        Assert.True(result.ExitCode == 0, $"`{command}` failed in {project}:\n{result.All}");
        log.WriteLine($"ok: {command}");
        return result.Output;
    }

    [GeneratedRegex(@"Infrastructure\(app, ""([a-z0-9-]+)""")]
    private static partial Regex StackName();
}
