namespace Acme.Churn.Infrastructure.Tests;

// Inside the namespace and from global::, so that no project name can hide them (a project named Xunit would).
using global::Amazon.CDK;
using global::Amazon.CDK.Assertions;
using global::MlPipeline.SageMakerPipelines.Cli;
using global::System;
using global::System.Collections.Generic;
using global::System.IO;
using global::System.Linq;
using global::System.Text.Json;
using global::Xunit;
using global::Acme.Churn.Pipeline;

/// <summary>
/// The synthesized stack (the CDK's own Template.FromStack): what it makes, the pipeline's definition, the bucket's
/// posture and the scope of every IAM statement. One synthesis serves every test (it runs the CDK on Node.js).
/// </summary>
public sealed class StackTests : IClassFixture<StackTests.Synthesized>
{
    private const string Account = "123456789012";

    private const string StagingAccount = "222222222222";

    private const string ProductionAccount = "333333333333";

    private const string BuildBucketArn = $"arn:aws:s3:::acme-churn-{Account}-us-west-2-ml";

    /// <summary>The target accounts' roles that read a version in the build account: the endpoint roles, then the deploy roles.</summary>
    private static readonly string[] VersionReaders =
    [
        $"arn:aws:iam::{StagingAccount}:role/acme-churn-endpoint",
        $"arn:aws:iam::{ProductionAccount}:role/acme-churn-endpoint",
        $"arn:aws:iam::{StagingAccount}:role/acme-churn-deploy",
        $"arn:aws:iam::{ProductionAccount}:role/acme-churn-deploy",
    ];

    // ECR's token call, CloudWatch's metric call and the scaling describe calls take no resource ARN.
    private static readonly string[] AnyResource = ["ImageToken", "JobMetrics", "ReadScaling"];

    private readonly Synthesized stack;

    public StackTests(Synthesized stack) => this.stack = stack;

    [Fact]
    public void The_stack_makes_the_resources_of_the_other_infrastructure_choices()
    {
        var expected = new Dictionary<string, int>
        {
            ["AWS::S3::Bucket"] = 1,
            ["AWS::S3::BucketPolicy"] = 1,
            // The pipeline's, the start function's, CI's and its promotion's: serving is the target accounts'.
            ["AWS::IAM::Role"] = 4,
            ["AWS::IAM::OIDCProvider"] = 1,
            ["AWS::SageMaker::ModelPackageGroup"] = 1,
            ["AWS::SageMaker::Pipeline"] = 1,
            ["AWS::SQS::Queue"] = 1,
            ["AWS::SQS::QueuePolicy"] = 1,
            ["AWS::Lambda::Function"] = 1,
            ["AWS::Events::Rule"] = 2,
            ["AWS::Lambda::Permission"] = 2,
        };
        foreach (var (type, count) in expected)
        {
            stack.Template.ResourceCountIs(type, count);
        }

        Assert.Equal(expected.Values.Sum(), stack.ByLogicalId.Count(r => r.Value.GetProperty("Type").GetString() != "AWS::CDK::Metadata"));
    }

    [Fact]
    public void Each_target_account_alarms_on_its_endpoints_server_errors_and_latency_to_its_own_topic_at_the_contexts_thresholds()
    {
        var (read, problems) = Read(("alarmServerErrors", "12"), ("alarmLatencyMs", "250"));
        Assert.Empty(problems);
        using var other = new Synthesized(settings => settings with { AlarmServerErrors = read!.AlarmServerErrors, AlarmLatencyMs = read.AlarmLatencyMs });
        Assert.DoesNotContain(stack.ByLogicalId.Values, r => r.GetProperty("Type").GetString() is "AWS::CloudWatch::Alarm" or "AWS::SNS::Topic");
        foreach (var (synthesized, errors, latency) in new[] { (stack, 5.0, 500_000.0), (other, 12.0, 250_000.0) })
        {
            foreach (var (stage, endpoint) in new[] { ("staging", AcmeChurnInfrastructure.StagingEndpoint), ("production", AcmeChurnInfrastructure.ProductionEndpoint) })
            {
                var target = synthesized.Targets[stage];
                var topic = target.Single(r => r.Value.GetProperty("Type").GetString() == "AWS::SNS::Topic");
                Assert.Equal("acme-churn-alarms", topic.Value.GetProperty("Properties").GetProperty("TopicName").GetString());
                var alarms = target.Values.Where(r => r.GetProperty("Type").GetString() == "AWS::CloudWatch::Alarm")
                    .Select(r => r.GetProperty("Properties"))
                    .ToDictionary(p => p.GetProperty("AlarmName").GetString()!);
                Assert.Equal(2, alarms.Count);
                foreach (var (name, metric, threshold) in new[] { ("server-errors", "Invocation5XXErrors", errors), ("latency", "ModelLatency", latency) })
                {
                    var alarm = alarms[$"{endpoint}-{name}"];
                    Assert.Equal(metric, alarm.GetProperty("MetricName").GetString());
                    Assert.Equal(threshold, alarm.GetProperty("Threshold").GetDouble());
                    Assert.Equal([$"EndpointName={endpoint}", "VariantName=AllTraffic"], alarm.GetProperty("Dimensions").EnumerateArray().Select(d => $"{d.GetProperty("Name").GetString()}={d.GetProperty("Value").GetString()}").Order(StringComparer.Ordinal));
                    Assert.Equal(topic.Key, alarm.GetProperty("AlarmActions")[0].GetProperty("Ref").GetString());
                }
            }
        }
    }

    [Fact]
    public void Each_target_account_gets_an_endpoint_role_reading_only_the_build_accounts_versions_and_a_deploy_role_only_ci_promote_may_assume()
    {
        foreach (var (stage, account, endpoint) in new[] { ("staging", StagingAccount, AcmeChurnInfrastructure.StagingEndpoint), ("production", ProductionAccount, AcmeChurnInfrastructure.ProductionEndpoint) })
        {
            var target = stack.Targets[stage];
            var roles = target.Values.Where(r => r.GetProperty("Type").GetString() == "AWS::IAM::Role")
                .ToDictionary(r => r.GetProperty("Properties").GetProperty("RoleName").GetString()!, r => r.GetProperty("Properties"));
            Assert.Equal(["acme-churn-deploy", "acme-churn-endpoint"], roles.Keys.Order(StringComparer.Ordinal));

            var trust = roles["acme-churn-deploy"].GetProperty("AssumeRolePolicyDocument").GetProperty("Statement");
            Assert.Equal(1, trust.GetArrayLength());
            Assert.EndsWith($":iam::{Account}:root", Text(trust[0].GetProperty("Principal").GetProperty("AWS")), StringComparison.Ordinal);
            Assert.Equal($"arn:aws:iam::{Account}:role/acme-churn-ci-promote", trust[0].GetProperty("Condition").GetProperty("ArnEquals").GetProperty("aws:PrincipalArn").GetString());

            var deploy = Statements(roles["acme-churn-deploy"]);
            Assert.Equal(
                [$"arn:aws:sagemaker:us-west-2:{Account}:model-package-group/acme-churn-models", $"arn:aws:sagemaker:us-west-2:{Account}:model-package/acme-churn-models/*"],
                Strings(deploy["ReadApprovedPackages"].GetProperty("Resource")));
            // steps/monitor.py reads the version's baseline constraints from the build account's bucket.
            Assert.Equal([$"{BuildBucketArn}/acme-churn/runs/*"], Strings(deploy["BuildAccountBaselines"].GetProperty("Resource")));
            // It serves, scales and smoke-tests this account's endpoint only.
            Assert.Equal([$"model/{endpoint}-v*", $"endpoint-config/{endpoint}-v*", $"endpoint/{endpoint}"], Strings(deploy["PromoteToEndpoints"].GetProperty("Resource")).Select(arn => arn.Split(':')[^1]));
            Assert.Equal([$"endpoint/{endpoint}"], Strings(deploy["SmokeTest"].GetProperty("Resource")).Select(arn => arn.Split(':')[^1]));

            var endpointRole = Statements(roles["acme-churn-endpoint"]);
            Assert.Equal(
                [$"{BuildBucketArn}/acme-churn/models/*", $"{BuildBucketArn}/acme-churn/code/*", $"{BuildBucketArn}/acme-churn/runs/*"],
                Strings(endpointRole["BuildAccountVersions"].GetProperty("Resource")));
            Assert.Equal(["s3:GetObject"], Strings(endpointRole["BuildAccountVersions"].GetProperty("Action")));

            var bucket = target.Values.Single(r => r.GetProperty("Type").GetString() == "AWS::S3::Bucket");
            Assert.Equal("Retain", bucket.GetProperty("DeletionPolicy").GetString());
            Assert.Equal($"acme-churn-{account}-us-west-2-ml", bucket.GetProperty("Properties").GetProperty("BucketName").GetString());
        }
    }

    [Fact]
    public void The_build_account_lets_the_target_accounts_read_its_versions_and_only_their_endpoint_roles_read_its_bucket()
    {
        var roots = new[] { StagingAccount, ProductionAccount }.Select(id => $":iam::{id}:root").ToArray();
        var group = stack.Only("AWS::SageMaker::ModelPackageGroup").GetProperty("Properties").GetProperty("ModelPackageGroupPolicy").GetProperty("Statement")[0];
        Assert.Equal(["sagemaker:DescribeModelPackageGroup", "sagemaker:DescribeModelPackage", "sagemaker:ListModelPackages"], Strings(group.GetProperty("Action")));
        Assert.Equal(roots, Strings(group.GetProperty("Principal").GetProperty("AWS")).Select(arn => arn[^roots[0].Length..]));

        var bucket = stack.Only("AWS::S3::BucketPolicy").GetProperty("Properties").GetProperty("PolicyDocument").GetProperty("Statement");
        var read = bucket.EnumerateArray().Single(s => s.GetProperty("Sid").GetString() == "TargetAccountsReadVersions");
        Assert.Equal(["s3:GetObject"], Strings(read.GetProperty("Action")));
        Assert.Equal(VersionReaders, Strings(read.GetProperty("Condition").GetProperty("ArnEquals").GetProperty("aws:PrincipalArn")));

        // CI's promotion may only assume the two deploy roles; CI's deploy role serves nothing.
        var promote = stack.ByLogicalId.Values.Select(r => r.GetProperty("Properties"))
            .Single(p => p.TryGetProperty("RoleName", out var name) && name.GetString() == "acme-churn-ci-promote");
        var assume = Assert.Single(Statements(promote)).Value;
        Assert.Equal(["sts:AssumeRole"], Strings(assume.GetProperty("Action")));
        Assert.Equal(new[] { StagingAccount, ProductionAccount }.Select(id => $"arn:aws:iam::{id}:role/acme-churn-deploy"), Strings(assume.GetProperty("Resource")));
        var ci = stack.ByLogicalId.Values.Select(r => r.GetProperty("Properties"))
            .Single(p => p.TryGetProperty("RoleName", out var name) && name.GetString() == "acme-churn-ci-deploy");
        Assert.DoesNotContain(Statements(ci).Values.SelectMany(s => Strings(s.GetProperty("Action"))), action => action.StartsWith("sagemaker:CreateEndpoint", StringComparison.Ordinal));
    }

    [Fact]
    public void Account_ids_are_required_twelve_digits_and_three_different_accounts()
    {
        static IReadOnlyList<string> Problems(params (string Key, string? Value)[] change) => Read(change).Problems;

        Assert.Empty(Problems());
        Assert.Contains("-c stagingAccountId=ACCOUNT_ID", Assert.Single(Problems(("stagingAccountId", null))), StringComparison.Ordinal);
        Assert.Contains("productionAccountId='12345'", Assert.Single(Problems(("productionAccountId", "12345"))), StringComparison.Ordinal);
        Assert.Contains("buildAccountId='1234567890123'", Assert.Single(Problems(("buildAccountId", "1234567890123"))), StringComparison.Ordinal);
        Assert.Contains("separate accounts", Assert.Single(Problems(("productionAccountId", StagingAccount))), StringComparison.Ordinal);
        Assert.Contains("also a target account", Assert.Single(Problems(("buildAccountId", ProductionAccount))), StringComparison.Ordinal);
        Assert.Contains("targetCreateKmsKey is true", Assert.Single(Problems(("targetCreateKmsKey", "true"), ("stagingKmsKeyArn", $"arn:aws:kms:us-west-2:{StagingAccount}:key/1"))), StringComparison.Ordinal);
    }

    [Fact]
    public void The_pipeline_runs_the_definition_the_pipeline_project_builds()
    {
        var pipeline = stack.Only("AWS::SageMaker::Pipeline").GetProperty("Properties");

        Assert.Equal(PipelineSettings.PipelineName, pipeline.GetProperty("PipelineName").GetString());
        Assert.Equal(ExpectedDefinition(), pipeline.GetProperty("PipelineDefinition").GetProperty("PipelineDefinitionBody").GetString());
    }

    [Fact]
    public void A_definition_over_the_inline_limit_goes_to_S3_as_a_file_asset_holding_the_same_definition()
    {
        var folder = Directory.CreateTempSubdirectory("cdk-test-").FullName;
        try
        {
            var archive = Path.Combine(folder, "functions.zip");
            File.WriteAllBytes(archive, AcmeChurnPipeline.FunctionCode(stack.ProjectRoot).ToZip());
            var settings = Synthesized.Defaults(archive) with { InlineDefinitionLimit = 1_000 };
            var app = new App(new AppProps { Outdir = Path.Combine(folder, "cdk.out") });
            var large = new AcmeChurnInfrastructure(app, "large", new StackProps { Env = new global::Amazon.CDK.Environment { Account = Account, Region = AcmeChurnInfrastructure.RegionName } }, settings, stack.ProjectRoot);
            var assembly = app.Synth();

            using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(assembly.Directory, large.TemplateFile)));
            var definition = document.RootElement.GetProperty("Resources").EnumerateObject()
                .Single(r => r.Value.GetProperty("Type").GetString() == "AWS::SageMaker::Pipeline").Value.GetProperty("Properties").GetProperty("PipelineDefinition");
            Assert.False(definition.TryGetProperty("PipelineDefinitionBody", out _));
            var location = definition.GetProperty("PipelineDefinitionS3Location");
            var bucket = location.GetProperty("Bucket");
            var region = AcmeChurnInfrastructure.RegionName;
            var bucketName = (bucket.ValueKind == JsonValueKind.String ? bucket.GetString()! : bucket.GetProperty("Fn::Sub").GetString()!)
                .Replace("${AWS::AccountId}", Account, StringComparison.Ordinal).Replace("${AWS::Region}", region, StringComparison.Ordinal);
            Assert.Equal($"cdk-hnb659fds-assets-{Account}-{region}", bucketName);

            // What cdk deploy uploads under that key: the asset the synthesis staged, byte for byte the definition.
            var key = location.GetProperty("Key").GetString()!;
            Assert.EndsWith(".json", key, StringComparison.Ordinal);
            Assert.Equal(ExpectedDefinition(), File.ReadAllText(Path.Combine(assembly.Directory, "asset." + key)));

            // Without the account the file cannot name the bucket and role: refused with the way out.
            var unknown = new App(new AppProps { Outdir = Path.Combine(folder, "unknown.out") });
            var refused = Assert.Throws<InvalidOperationException>(() => new AcmeChurnInfrastructure(
                unknown, "unknown", new StackProps { Env = new global::Amazon.CDK.Environment { Region = AcmeChurnInfrastructure.RegionName } }, settings, stack.ProjectRoot));
            Assert.Contains("CDK_DEFAULT_ACCOUNT", refused.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void The_bucket_is_private_versioned_encrypted_retained_and_refuses_plain_http()
    {
        stack.Template.HasResource("AWS::S3::Bucket", new Dictionary<string, object>
        {
            ["DeletionPolicy"] = "Retain",
            ["UpdateReplacePolicy"] = "Retain",
            ["Properties"] = new Dictionary<string, object>
            {
                ["BucketName"] = $"acme-churn-{Account}-us-west-2-ml",
                ["VersioningConfiguration"] = new Dictionary<string, object> { ["Status"] = "Enabled" },
                ["OwnershipControls"] = new Dictionary<string, object> { ["Rules"] = new object[] { new Dictionary<string, object> { ["ObjectOwnership"] = "BucketOwnerEnforced" } } },
                ["PublicAccessBlockConfiguration"] = new Dictionary<string, object>
                {
                    ["BlockPublicAcls"] = true,
                    ["BlockPublicPolicy"] = true,
                    ["IgnorePublicAcls"] = true,
                    ["RestrictPublicBuckets"] = true,
                },
                ["BucketEncryption"] = Match.ObjectLike(new Dictionary<string, object>
                {
                    ["ServerSideEncryptionConfiguration"] = new object[] { Match.ObjectLike(new Dictionary<string, object> { ["ServerSideEncryptionByDefault"] = new Dictionary<string, object> { ["SSEAlgorithm"] = "AES256" } }) },
                }),
            },
        });

        var deny = stack.Only("AWS::S3::BucketPolicy").GetProperty("Properties").GetProperty("PolicyDocument").GetProperty("Statement")[0];
        Assert.Equal("Deny", deny.GetProperty("Effect").GetString());
        Assert.Equal("false", deny.GetProperty("Condition").GetProperty("Bool").GetProperty("aws:SecureTransport").GetString());
    }

    [Fact]
    public void Every_IAM_statement_names_its_actions_and_only_calls_without_a_resource_ARN_take_every_resource()
    {
        var statements = stack.AllStacks.SelectMany(resources => resources.Values)
            .Where(r => r.GetProperty("Type").GetString() == "AWS::IAM::Role")
            .SelectMany(r => r.GetProperty("Properties").GetProperty("Policies").EnumerateArray())
            .SelectMany(p => p.GetProperty("PolicyDocument").GetProperty("Statement").EnumerateArray())
            .ToList();

        Assert.NotEmpty(statements);
        foreach (var statement in statements)
        {
            var sid = statement.GetProperty("Sid").GetString();
            var actions = Strings(statement.GetProperty("Action"));
            Assert.All(actions, action => Assert.DoesNotContain("*", action, StringComparison.Ordinal));
            if (Strings(statement.GetProperty("Resource")).Contains("*"))
            {
                Assert.Contains(sid, AnyResource);
            }
        }

        // Only SageMaker and Lambda acting for this account assume the service roles, and only the build account's ci-promote the deploy roles.
        foreach (var role in stack.AllStacks.SelectMany(resources => resources.Values).Where(r => r.GetProperty("Type").GetString() == "AWS::IAM::Role"))
        {
            var trust = role.GetProperty("Properties").GetProperty("AssumeRolePolicyDocument").GetProperty("Statement")[0];
            Assert.True(trust.TryGetProperty("Condition", out _), $"{role.GetProperty("Properties").GetProperty("RoleName")} trusts without a condition");
        }
    }

    [Fact]
    public void With_its_own_key_what_the_project_keeps_is_encrypted_with_it_and_only_the_projects_roles_use_it()
    {
        var (read, problems) = Read(("createKmsKey", "true"));
        Assert.Empty(problems);
        using var keyed = new Synthesized(settings => settings with { CreateKmsKey = read!.CreateKmsKey });
        var (id, key) = keyed.ByLogicalId.Single(r => r.Value.GetProperty("Type").GetString() == "AWS::KMS::Key");
        var arn = JsonSerializer.Serialize(new Dictionary<string, string[]> { ["Fn::GetAtt"] = [id, "Arn"] });
        string Json(JsonElement value) => JsonSerializer.Serialize(value);

        var policy = key.GetProperty("Properties").GetProperty("KeyPolicy").GetProperty("Statement").EnumerateArray().ToDictionary(s => s.GetProperty("Sid").GetString()!);
        Assert.Equal(["Administration", "ProjectRoles", "ProjectRoleGrantsForSageMaker", "TargetAccountEndpointRoles", "AlarmsTopic"], policy.Keys);
        // The account administers the key but cannot encrypt or decrypt with it; the project's roles can, and only they.
        Assert.DoesNotContain(Strings(policy["Administration"].GetProperty("Action")), a => a is "kms:Encrypt" or "kms:Decrypt" || a.StartsWith("kms:GenerateDataKey", StringComparison.Ordinal));
        var roles = keyed.ByLogicalId.Values.Where(r => r.GetProperty("Type").GetString() == "AWS::IAM::Role").Select(r => r.GetProperty("Properties").GetProperty("RoleName").GetString()!).ToList();
        var users = policy["ProjectRoles"].GetProperty("Condition").GetProperty("ArnEquals").GetProperty("aws:PrincipalArn").EnumerateArray()
            .Select(u => Json(u).Split(":role/")[1].Split('"')[0]).ToList();
        Assert.Equal(["acme-churn-sagemaker-execution", "acme-churn-ci-deploy"], users);
        Assert.All(users, user => Assert.Contains(user, roles));
        Assert.Equal("true", policy["ProjectRoleGrantsForSageMaker"].GetProperty("Condition").GetProperty("Bool").GetProperty("kms:GrantIsForAWSResource").GetString());

        // The bucket, the roles that use it and the pipeline's jobs all name it.
        var bucket = keyed.Only("AWS::S3::Bucket").GetProperty("Properties").GetProperty("BucketEncryption").GetProperty("ServerSideEncryptionConfiguration")[0];
        Assert.Equal("aws:kms", bucket.GetProperty("ServerSideEncryptionByDefault").GetProperty("SSEAlgorithm").GetString());
        Assert.Equal(arn, Json(bucket.GetProperty("ServerSideEncryptionByDefault").GetProperty("KMSMasterKeyID")));
        foreach (var role in keyed.ByLogicalId.Values.Where(r => r.GetProperty("Type").GetString() == "AWS::IAM::Role"))
        {
            var name = role.GetProperty("Properties").GetProperty("RoleName").GetString()!;
            var uses = role.GetProperty("Properties").GetProperty("Policies")[0].GetProperty("PolicyDocument").GetProperty("Statement").EnumerateArray()
                .Any(s => s.GetProperty("Sid").GetString() == "ProjectKey" && Json(s.GetProperty("Resource")) == arn);
            Assert.True(uses == users.Contains(name), $"{name} {(uses ? "uses" : "does not use")} the key");
        }


        // The target accounts' endpoint and deploy roles may decrypt what it encrypts, and nobody else of theirs.
        Assert.Equal(VersionReaders, Strings(policy["TargetAccountEndpointRoles"].GetProperty("Condition").GetProperty("ArnEquals").GetProperty("aws:PrincipalArn")));
        Assert.Equal(["kms:Decrypt", "kms:DescribeKey"], Strings(policy["TargetAccountEndpointRoles"].GetProperty("Action")));
        // and those roles decrypt with the key of the build stack's alias, in the build account only.
        foreach (var role in keyed.Targets.Values.SelectMany(target => target.Values).Where(r => r.GetProperty("Type").GetString() == "AWS::IAM::Role"))
        {
            var buildKey = Statements(role.GetProperty("Properties"))["BuildAccountKey"];
            Assert.Equal($"arn:aws:kms:us-west-2:{Account}:key/*", buildKey.GetProperty("Resource").GetString());
            Assert.Equal("alias/acme-churn", buildKey.GetProperty("Condition").GetProperty("ForAnyValue:StringEquals").GetProperty("kms:ResourceAliases").GetString());
        }

        Assert.DoesNotContain(stack.Targets.Values.SelectMany(target => target.Values), r => JsonSerializer.Serialize(r).Contains("BuildAccountKey", StringComparison.Ordinal));
        var definition = Json(keyed.Only("AWS::SageMaker::Pipeline").GetProperty("Properties").GetProperty("PipelineDefinition"));
        Assert.Contains("VolumeKmsKeyId", definition, StringComparison.Ordinal);
        Assert.Contains(arn, definition, StringComparison.Ordinal);
        Assert.DoesNotContain("KmsKeyId", Json(stack.Only("AWS::SageMaker::Pipeline")), StringComparison.Ordinal);

        // The stack makes the project's key or uses yours, never both.
        var both = Read(("createKmsKey", "true"), ("kmsKeyArn", "arn:aws:kms:us-west-2:123456789012:key/1"));
        Assert.Contains("createKmsKey is true and kmsKeyArn is set", Assert.Single(both.Problems), StringComparison.Ordinal);
    }

    /// <summary>The definition the pipeline project builds for this stack's bucket and role in account 123456789012.</summary>
    private string ExpectedDefinition()
    {
        var settings = new PipelineSettings(stack.ProjectRoot, $"acme-churn-{Account}-us-west-2-ml", $"arn:aws:iam::{Account}:role/acme-churn-sagemaker-execution", "us-west-2");
        return AcmeChurnPipeline.Create(settings, AcmeChurnPipeline.Code(stack.ProjectRoot)).ToJson(indented: false);
    }

    /// <summary>StackSettings.Read of these context values and the three accounts (a null value removes one).</summary>
    private static (StackSettings? Settings, IReadOnlyList<string> Problems) Read(params (string Key, string? Value)[] values)
    {
        var context = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["buildAccountId"] = Account,
            ["stagingAccountId"] = StagingAccount,
            ["productionAccountId"] = ProductionAccount,
        };
        foreach (var (key, value) in values)
        {
            context[key] = value;
        }

        return StackSettings.Read(key => context.GetValueOrDefault(key));
    }

    /// <summary>A value, or each value of a list, as text: a Fn::Join joined, with ${AWS::…} for a pseudo parameter.</summary>
    private static List<string> Strings(JsonElement value) => value.ValueKind == JsonValueKind.Array
        ? [.. value.EnumerateArray().Select(Text)]
        : [Text(value)];

    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Object when value.TryGetProperty("Fn::Join", out var join) => string.Join(join[0].GetString(), join[1].EnumerateArray().Select(Text)),
        JsonValueKind.Object when value.TryGetProperty("Ref", out var reference) && reference.GetString()!.StartsWith("AWS::", StringComparison.Ordinal) => "${" + reference.GetString() + "}",
        _ => value.GetRawText(),
    };

    /// <summary>The statements of a role's one policy, by Sid.</summary>
    private static Dictionary<string, JsonElement> Statements(JsonElement role) =>
        role.GetProperty("Policies")[0].GetProperty("PolicyDocument").GetProperty("Statement").EnumerateArray().ToDictionary(s => s.GetProperty("Sid").GetString()!);

    /// <summary>The stack synthesized once, for account 123456789012 (with the staging and production stacks of 222222222222 and 333333333333), with a repository (so with the CI role) and a schedule.</summary>
    public sealed class Synthesized : IDisposable
    {
        private readonly string folder = Directory.CreateTempSubdirectory("cdk-test-").FullName;

        public Synthesized()
            : this(settings => settings)
        {
        }

        // Internal: xunit makes the fixture with its one public constructor.
        internal Synthesized(Func<StackSettings, StackSettings> change)
        {
            ProjectRoot = PipelineApp.FindProjectRoot(AppContext.BaseDirectory);
            var archive = Path.Combine(folder, "functions.zip");
            File.WriteAllBytes(archive, AcmeChurnPipeline.FunctionCode(ProjectRoot).ToZip());
            var app = new App(new AppProps { Outdir = Path.Combine(folder, "cdk.out") });
            var settings = change(Defaults(archive) with
            {
                ScheduleExpression = "rate(7 days)",
                Repository = "acme/ml/churn",
            });
            var stack = new AcmeChurnInfrastructure(app, "test", new StackProps { Env = new global::Amazon.CDK.Environment { Account = Account, Region = AcmeChurnInfrastructure.RegionName } }, settings, ProjectRoot);
            var targets = new[] { ("staging", StagingAccount), ("production", ProductionAccount) }.ToDictionary(
                target => target.Item1,
                target => new AcmeChurnTargetInfrastructure(app, "test-" + target.Item1, new StackProps { Env = new global::Amazon.CDK.Environment { Account = target.Item2, Region = AcmeChurnInfrastructure.RegionName } }, settings, target.Item1));
            Template = global::Amazon.CDK.Assertions.Template.FromStack(stack);
            var assembly = app.Synth();
            IReadOnlyDictionary<string, JsonElement> Resources(global::Amazon.CDK.Stack synthesized)
            {
                using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(assembly.Directory, synthesized.TemplateFile)));
                return document.RootElement.GetProperty("Resources").EnumerateObject().ToDictionary(r => r.Name, r => r.Value.Clone(), StringComparer.Ordinal);
            }

            ByLogicalId = Resources(stack);
            Targets = targets.ToDictionary(target => target.Key, target => Resources(target.Value), StringComparer.Ordinal);
        }

        public string ProjectRoot { get; }

        public global::Amazon.CDK.Assertions.Template Template { get; }

        public IReadOnlyDictionary<string, JsonElement> ByLogicalId { get; }

        /// <summary>The resources of the staging and production stacks, by stage.</summary>
        public IReadOnlyDictionary<string, IReadOnlyDictionary<string, JsonElement>> Targets { get; }

        public IEnumerable<IReadOnlyDictionary<string, JsonElement>> AllStacks => [ByLogicalId, .. Targets.Values];

        /// <summary>The settings every test starts from: the functions' zip and the three accounts.</summary>
        public static StackSettings Defaults(string archive) => new()
        {
            FunctionsArchive = archive,
            BuildAccountId = Account,
            StagingAccountId = StagingAccount,
            ProductionAccountId = ProductionAccount,
        };

        public JsonElement Only(string type) => ByLogicalId.Values.Single(r => r.GetProperty("Type").GetString() == type);

        public void Dispose() => Directory.Delete(folder, recursive: true);
    }
}
