namespace Acme.Churn2.Infrastructure.Tests;

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
using global::Acme.Churn2.Pipeline;

/// <summary>
/// The synthesized stack (the CDK's own Template.FromStack): what it makes, the pipeline's definition, the bucket's
/// posture and the scope of every IAM statement. One synthesis serves every test (it runs the CDK on Node.js).
/// </summary>
public sealed class StackTests : IClassFixture<StackTests.Synthesized>
{
    private const string Account = "123456789012";

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
            ["AWS::IAM::Role"] = 4,
            ["AWS::IAM::OIDCProvider"] = 1,
            ["AWS::SageMaker::ModelPackageGroup"] = 1,
            ["AWS::SageMaker::Pipeline"] = 1,
            ["AWS::SQS::Queue"] = 1,
            ["AWS::SQS::QueuePolicy"] = 1,
            ["AWS::Lambda::Function"] = 2,
            ["AWS::Events::Rule"] = 3,
            ["AWS::Lambda::Permission"] = 3,
            ["AWS::SNS::Topic"] = 1,
            ["AWS::CloudWatch::Alarm"] = 4,
        };
        foreach (var (type, count) in expected)
        {
            stack.Template.ResourceCountIs(type, count);
        }

        Assert.Equal(expected.Values.Sum(), stack.ByLogicalId.Count(r => r.Value.GetProperty("Type").GetString() != "AWS::CDK::Metadata"));
    }

    [Fact]
    public void Each_endpoint_alarms_on_its_server_errors_and_latency_to_the_topic_at_the_contexts_thresholds()
    {
        var context = new Dictionary<string, string> { ["alarmServerErrors"] = "12", ["alarmLatencyMs"] = "250" };
        var (read, problems) = StackSettings.Read(key => context.GetValueOrDefault(key));
        Assert.Empty(problems);
        using var other = new Synthesized(settings => settings with { AlarmServerErrors = read!.AlarmServerErrors, AlarmLatencyMs = read.AlarmLatencyMs });
        Assert.Contains("alarmLatencyMs='0.5'", Assert.Single(StackSettings.Read(key => key == "alarmLatencyMs" ? "0.5" : null).Problems), StringComparison.Ordinal);
        var topic = stack.ByLogicalId.Single(r => r.Value.GetProperty("Type").GetString() == "AWS::SNS::Topic").Key;
        foreach (var (synthesized, errors, latency) in new[] { (stack, 5.0, 500_000.0), (other, 12.0, 250_000.0) })
        {
            var alarms = synthesized.ByLogicalId.Values.Where(r => r.GetProperty("Type").GetString() == "AWS::CloudWatch::Alarm")
                .Select(r => r.GetProperty("Properties"))
                .ToDictionary(p => p.GetProperty("AlarmName").GetString()!);
            foreach (var endpoint in new[] { AcmeChurn2Infrastructure.StagingEndpoint, AcmeChurn2Infrastructure.ProductionEndpoint })
            {
                foreach (var (name, metric, threshold) in new[] { ("server-errors", "Invocation5XXErrors", errors), ("latency", "ModelLatency", latency) })
                {
                    var alarm = alarms[$"{endpoint}-{name}"];
                    Assert.Equal(metric, alarm.GetProperty("MetricName").GetString());
                    Assert.Equal(threshold, alarm.GetProperty("Threshold").GetDouble());
                    Assert.Equal([$"EndpointName={endpoint}", "VariantName=AllTraffic"], alarm.GetProperty("Dimensions").EnumerateArray().Select(d => $"{d.GetProperty("Name").GetString()}={d.GetProperty("Value").GetString()}").Order(StringComparer.Ordinal));
                    Assert.Equal(topic, alarm.GetProperty("AlarmActions")[0].GetProperty("Ref").GetString());
                }
            }
        }
    }

    [Fact]
    public void The_approval_function_captures_the_share_the_context_gives_under_the_buckets_capture_prefix()
    {
        var deploy = stack.ByLogicalId.Values.Single(r => r.GetProperty("Type").GetString() == "AWS::Lambda::Function"
            && r.GetProperty("Properties").GetProperty("Handler").GetString() == "approval_handler.handler");
        var variables = deploy.GetProperty("Properties").GetProperty("Environment").GetProperty("Variables");

        Assert.Equal("35", variables.GetProperty("DATA_CAPTURE_PERCENTAGE").GetString());
        // s3://{bucket}/acme-churn-2/data-capture, the bucket a reference to the stack's own.
        var uri = variables.GetProperty("DATA_CAPTURE_URI").GetProperty("Fn::Join")[1].EnumerateArray().Select(p => p.ValueKind == JsonValueKind.String ? p.GetString() : "BUCKET");
        Assert.Equal("s3://BUCKET/acme-churn-2/data-capture", string.Concat(uri));
        Assert.Equal(20, new StackSettings().DataCapturePercentage);
        Assert.Equal(0, StackSettings.Read(key => key == "dataCapturePercentage" ? "0" : null).Settings!.DataCapturePercentage);
        Assert.Contains("dataCapturePercentage='101'", Assert.Single(StackSettings.Read(key => key == "dataCapturePercentage" ? "101" : null).Problems), StringComparison.Ordinal);
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
            File.WriteAllBytes(archive, AcmeChurn2Pipeline.FunctionCode(stack.ProjectRoot).ToZip());
            var settings = Synthesized.Defaults(archive) with { InlineDefinitionLimit = 1_000 };
            var app = new App(new AppProps { Outdir = Path.Combine(folder, "cdk.out") });
            var large = new AcmeChurn2Infrastructure(app, "large", new StackProps { Env = new global::Amazon.CDK.Environment { Account = Account, Region = AcmeChurn2Infrastructure.RegionName } }, settings, stack.ProjectRoot);
            var assembly = app.Synth();

            using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(assembly.Directory, large.TemplateFile)));
            var definition = document.RootElement.GetProperty("Resources").EnumerateObject()
                .Single(r => r.Value.GetProperty("Type").GetString() == "AWS::SageMaker::Pipeline").Value.GetProperty("Properties").GetProperty("PipelineDefinition");
            Assert.False(definition.TryGetProperty("PipelineDefinitionBody", out _));
            var location = definition.GetProperty("PipelineDefinitionS3Location");
            var bucket = location.GetProperty("Bucket");
            var region = AcmeChurn2Infrastructure.RegionName;
            var bucketName = (bucket.ValueKind == JsonValueKind.String ? bucket.GetString()! : bucket.GetProperty("Fn::Sub").GetString()!)
                .Replace("${AWS::AccountId}", Account, StringComparison.Ordinal).Replace("${AWS::Region}", region, StringComparison.Ordinal);
            Assert.Equal($"cdk-hnb659fds-assets-{Account}-{region}", bucketName);

            // What cdk deploy uploads under that key: the asset the synthesis staged, byte for byte the definition.
            var key = location.GetProperty("Key").GetString()!;
            Assert.EndsWith(".json", key, StringComparison.Ordinal);
            Assert.Equal(ExpectedDefinition(), File.ReadAllText(Path.Combine(assembly.Directory, "asset." + key)));

            // Without the account the file cannot name the bucket and role: refused with the way out.
            var unknown = new App(new AppProps { Outdir = Path.Combine(folder, "unknown.out") });
            var refused = Assert.Throws<InvalidOperationException>(() => new AcmeChurn2Infrastructure(
                unknown, "unknown", new StackProps { Env = new global::Amazon.CDK.Environment { Region = AcmeChurn2Infrastructure.RegionName } }, settings, stack.ProjectRoot));
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
                ["BucketName"] = $"acme-churn-2-{Account}-eu-central-1-ml",
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

        // Only SageMaker and Lambda acting for this account assume the service roles.
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
        Assert.Equal(["Administration", "ProjectRoles", "ProjectRoleGrantsForSageMaker", "AlarmsTopic"], policy.Keys);
        // The account administers the key but cannot encrypt or decrypt with it; the project's roles can, and only they.
        Assert.DoesNotContain(Strings(policy["Administration"].GetProperty("Action")), a => a is "kms:Encrypt" or "kms:Decrypt" || a.StartsWith("kms:GenerateDataKey", StringComparison.Ordinal));
        var roles = keyed.ByLogicalId.Values.Where(r => r.GetProperty("Type").GetString() == "AWS::IAM::Role").Select(r => r.GetProperty("Properties").GetProperty("RoleName").GetString()!).ToList();
        var users = policy["ProjectRoles"].GetProperty("Condition").GetProperty("ArnEquals").GetProperty("aws:PrincipalArn").EnumerateArray()
            .Select(u => Json(u).Split(":role/")[1].Split('"')[0]).ToList();
        Assert.Equal(["acme-churn-2-sagemaker-execution", "acme-churn-2-deploy-approved", "acme-churn-2-ci-deploy"], users);
        Assert.All(users, user => Assert.Contains(user, roles));
        Assert.Equal("true", policy["ProjectRoleGrantsForSageMaker"].GetProperty("Condition").GetProperty("Bool").GetProperty("kms:GrantIsForAWSResource").GetString());

        // The bucket, the alarms topic, the roles that use it, the approval function and the pipeline's jobs all name it.
        var bucket = keyed.Only("AWS::S3::Bucket").GetProperty("Properties").GetProperty("BucketEncryption").GetProperty("ServerSideEncryptionConfiguration")[0];
        Assert.Equal("aws:kms", bucket.GetProperty("ServerSideEncryptionByDefault").GetProperty("SSEAlgorithm").GetString());
        Assert.Equal(arn, Json(bucket.GetProperty("ServerSideEncryptionByDefault").GetProperty("KMSMasterKeyID")));
        Assert.Equal(JsonSerializer.Serialize(new Dictionary<string, string> { ["Ref"] = id }), Json(keyed.Only("AWS::SNS::Topic").GetProperty("Properties").GetProperty("KmsMasterKeyId")));
        foreach (var role in keyed.ByLogicalId.Values.Where(r => r.GetProperty("Type").GetString() == "AWS::IAM::Role"))
        {
            var name = role.GetProperty("Properties").GetProperty("RoleName").GetString()!;
            var uses = role.GetProperty("Properties").GetProperty("Policies")[0].GetProperty("PolicyDocument").GetProperty("Statement").EnumerateArray()
                .Any(s => s.GetProperty("Sid").GetString() == "ProjectKey" && Json(s.GetProperty("Resource")) == arn);
            Assert.True(uses == users.Contains(name), $"{name} {(uses ? "uses" : "does not use")} the key");
        }

        var deploy = keyed.ByLogicalId.Values.Single(r => r.GetProperty("Type").GetString() == "AWS::Lambda::Function"
            && r.GetProperty("Properties").GetProperty("Handler").GetString() == "approval_handler.handler");
        Assert.Equal(arn, Json(deploy.GetProperty("Properties").GetProperty("Environment").GetProperty("Variables").GetProperty("MLPIPELINE_KMS_KEY_ARN")));
        var definition = Json(keyed.Only("AWS::SageMaker::Pipeline").GetProperty("Properties").GetProperty("PipelineDefinition"));
        Assert.Contains("VolumeKmsKeyId", definition, StringComparison.Ordinal);
        Assert.Contains(arn, definition, StringComparison.Ordinal);
        Assert.DoesNotContain("KmsKeyId", Json(stack.Only("AWS::SageMaker::Pipeline")), StringComparison.Ordinal);

        // The stack makes the project's key or uses yours, never both.
        var both = Read(("createKmsKey", "true"), ("kmsKeyArn", "arn:aws:kms:eu-central-1:123456789012:key/1"));
        Assert.Contains("createKmsKey is true and kmsKeyArn is set", Assert.Single(both.Problems), StringComparison.Ordinal);
    }

    /// <summary>The definition the pipeline project builds for this stack's bucket and role in account 123456789012.</summary>
    private string ExpectedDefinition()
    {
        var settings = new PipelineSettings(stack.ProjectRoot, $"acme-churn-2-{Account}-eu-central-1-ml", $"arn:aws:iam::{Account}:role/acme-churn-2-sagemaker-execution", "eu-central-1");
        return AcmeChurn2Pipeline.Create(settings, AcmeChurn2Pipeline.Code(stack.ProjectRoot)).ToJson(indented: false);
    }

    /// <summary>StackSettings.Read of these context values.</summary>
    private static (StackSettings? Settings, IReadOnlyList<string> Problems) Read(params (string Key, string? Value)[] values)
    {
        var context = new Dictionary<string, string?>(StringComparer.Ordinal);
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

    /// <summary>The stack synthesized once, for account 123456789012, with a repository (so with the CI role) and a schedule.</summary>
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
            File.WriteAllBytes(archive, AcmeChurn2Pipeline.FunctionCode(ProjectRoot).ToZip());
            var app = new App(new AppProps { Outdir = Path.Combine(folder, "cdk.out") });
            var settings = change(Defaults(archive) with
            {
                ScheduleExpression = "rate(7 days)",
                DataCapturePercentage = 35,
                Repository = "acme/churn",
            });
            var stack = new AcmeChurn2Infrastructure(app, "test", new StackProps { Env = new global::Amazon.CDK.Environment { Account = Account, Region = AcmeChurn2Infrastructure.RegionName } }, settings, ProjectRoot);
            Template = global::Amazon.CDK.Assertions.Template.FromStack(stack);
            var assembly = app.Synth();
            IReadOnlyDictionary<string, JsonElement> Resources(global::Amazon.CDK.Stack synthesized)
            {
                using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(assembly.Directory, synthesized.TemplateFile)));
                return document.RootElement.GetProperty("Resources").EnumerateObject().ToDictionary(r => r.Name, r => r.Value.Clone(), StringComparer.Ordinal);
            }

            ByLogicalId = Resources(stack);
        }

        public string ProjectRoot { get; }

        public global::Amazon.CDK.Assertions.Template Template { get; }

        public IReadOnlyDictionary<string, JsonElement> ByLogicalId { get; }

        public IEnumerable<IReadOnlyDictionary<string, JsonElement>> AllStacks => [ByLogicalId];

        /// <summary>The settings every test starts from: the functions' zip.</summary>
        public static StackSettings Defaults(string archive) => new()
        {
            FunctionsArchive = archive,
        };

        public JsonElement Only(string type) => ByLogicalId.Values.Single(r => r.GetProperty("Type").GetString() == type);

        public void Dispose() => Directory.Delete(folder, recursive: true);
    }
}
