namespace Acme.Churn.Infrastructure;

// Inside the namespace and from global::, so that no project name can hide them.
using global::Amazon.CDK;
using global::Amazon.CDK.AWS.IAM;
using global::Amazon.CDK.AWS.S3;
using global::Constructs;
using global::System;
using global::System.Collections.Generic;
using global::System.Linq;
using static global::Acme.Churn.Infrastructure.StackParts;

/// <summary>
/// What serves approved versions in one target account (staging or production), the same as
/// infra/terraform/target and infra/cloudformation/target.yaml of the other choices: this account's bucket for what
/// the endpoint captures and what monitoring reports, the endpoint role (what SageMaker runs the endpoint's model and
/// its monitoring jobs as: it reads the version's model, code and baseline from the build account's bucket, whose
/// policy lets it), the deploy role (what CI's promotion serves with: only the build account's ci-promote role may
/// assume it), the endpoint's alarms and, with targetCreateKmsKey, this account's key. The names are the build
/// stack's, so CI finds them from the account id alone.
/// </summary>
public sealed class AcmeChurnTargetInfrastructure : global::Amazon.CDK.Stack
{
    private const string Prefix = AcmeChurnInfrastructure.Prefix;
    private const string KeyPrefix = AcmeChurnInfrastructure.KeyPrefix;

    /// <summary>The stack of one target account.</summary>
    /// <param name="scope">The app.</param>
    /// <param name="id">The stack's id, which is also its name.</param>
    /// <param name="props">The stack's environment: the target account and the region.</param>
    /// <param name="settings">What the deployment chooses.</param>
    /// <param name="stage">staging or production.</param>
    public AcmeChurnTargetInfrastructure(Construct scope, string id, IStackProps props, StackSettings settings, string stage)
        : base(scope, id, props)
    {
        ArgumentNullException.ThrowIfNull(settings);
        global::Amazon.CDK.Tags.Of(this).Add("Project", "Acme.Churn");
        global::Amazon.CDK.Tags.Of(this).Add("Owner", settings.Owner);
        global::Amazon.CDK.Tags.Of(this).Add("Stage", stage);
        global::Amazon.CDK.Tags.Of(this).Add("ManagedBy", "cdk");

        var endpoint = stage == "staging" ? AcmeChurnInfrastructure.StagingEndpoint : AcmeChurnInfrastructure.ProductionEndpoint;
        var build = settings.BuildAccountId;
        var partition = AcmeChurnInfrastructure.PartitionName;
        var region = AcmeChurnInfrastructure.RegionName;

        // This account's key: it encrypts the serving bucket, and through it the endpoint's volume and captures
        // (steps/deploy.py reads the bucket's key) and the monitoring jobs (steps/monitor.py), and the alarms topic.
        // The build account has no use of it.
        var key = settings.TargetCreateKmsKey
            ? Key(this, "ServingKey", Prefix, $"Encrypts what acme-churn keeps in the {stage} account: captures, monitoring reports, the endpoint, alarms.", ["endpoint", "deploy"])
            : null;
        var keyArn = key?.AttrArn ?? (stage == "staging" ? settings.StagingKmsKeyArn : settings.ProductionKmsKeyArn);

        var bucket = new CfnBucket(this, "ServingBucket", new CfnBucketProps
        {
            BucketName = AcmeChurnInfrastructure.BucketNameIn(Account),
            OwnershipControls = new CfnBucket.OwnershipControlsProperty
            {
                Rules = new object[] { new CfnBucket.OwnershipControlsRuleProperty { ObjectOwnership = "BucketOwnerEnforced" } },
            },
            BucketEncryption = new CfnBucket.BucketEncryptionProperty
            {
                ServerSideEncryptionConfiguration = new object[]
                {
                    new CfnBucket.ServerSideEncryptionRuleProperty
                    {
                        ServerSideEncryptionByDefault = new CfnBucket.ServerSideEncryptionByDefaultProperty
                        {
                            SseAlgorithm = keyArn is null ? "AES256" : "aws:kms",
                            KmsMasterKeyId = keyArn,
                        },
                        BucketKeyEnabled = keyArn is not null,
                    },
                },
            },
            PublicAccessBlockConfiguration = new CfnBucket.PublicAccessBlockConfigurationProperty
            {
                BlockPublicAcls = true,
                BlockPublicPolicy = true,
                IgnorePublicAcls = true,
                RestrictPublicBuckets = true,
            },
            LifecycleConfiguration = new CfnBucket.LifecycleConfigurationProperty
            {
                Rules = new object[]
                {
                    new CfnBucket.RuleProperty
                    {
                        Id = "expire-captures-and-reports",
                        Status = "Enabled",
                        Prefix = KeyPrefix + "/",
                        ExpirationInDays = settings.CaptureRetentionDays,
                    },
                    new CfnBucket.RuleProperty
                    {
                        Id = "abort-incomplete-uploads",
                        Status = "Enabled",
                        AbortIncompleteMultipartUpload = new CfnBucket.AbortIncompleteMultipartUploadProperty { DaysAfterInitiation = 7 },
                    },
                },
            },
        });
        bucket.ApplyRemovalPolicy(RemovalPolicy.RETAIN);
        _ = new CfnBucketPolicy(this, "ServingBucketPolicy", new CfnBucketPolicyProps
        {
            Bucket = bucket.Ref,
            PolicyDocument = Policy(DenyInsecureTransport(bucket.AttrArn)),
        });

        var buildBucket = AcmeChurnInfrastructure.BucketNameIn(build);
        // The build stack's key, when it encrypts with one: its ARN if it is yours, or the one of alias/PREFIX it makes.
        Dictionary<string, object>[] buildKey = settings.KmsKeyArn is { } buildKeyArn
            ? [Allow("BuildAccountKey", ["kms:Decrypt", "kms:DescribeKey"], buildKeyArn)]
            : settings.CreateKmsKey
                ? [Allow("BuildAccountKey", ["kms:Decrypt", "kms:DescribeKey"], $"arn:{partition}:kms:{region}:{build}:key/*", Condition("ForAnyValue:StringEquals", "kms:ResourceAliases", $"alias/{Prefix}"))]
                : [];
        var endpointRole = new CfnRole(this, "EndpointRole", new CfnRoleProps
        {
            RoleName = Prefix + "-endpoint",
            Description = $"Runs the acme-churn {stage} endpoint's model and its monitoring jobs.",
            AssumeRolePolicyDocument = ServiceTrust("sagemaker.amazonaws.com"),
            Policies = new object[]
            {
                new CfnRole.PolicyProperty
                {
                    PolicyName = "endpoint",
                    PolicyDocument = Policy(
                    [
                        Allow("BuildAccountVersions", ["s3:GetObject"], new[] { "models", "code", "runs" }.Select(folder => $"arn:{partition}:s3:::{buildBucket}/{KeyPrefix}/{folder}/*").ToArray()),
                        .. buildKey,
                        Allow("CapturesAndReports", ["s3:GetObject", "s3:PutObject", "s3:AbortMultipartUpload"], $"{bucket.AttrArn}/{KeyPrefix}/*"),
                        Allow("ServingBucket", ["s3:ListBucket", "s3:GetBucketLocation"], bucket.AttrArn),
                        .. JobBasics(),
                        .. KeyUse(keyArn, "ServingKey"),
                    ]),
                },
            },
        });

        const string group = AcmeChurnInfrastructure.ModelPackageGroupName;
        var deployRole = new CfnRole(this, "DeployRole", new CfnRoleProps
        {
            RoleName = Prefix + "-deploy",
            Description = $"Assumed by the acme-churn build account's promotion to serve approved versions on {endpoint}.",
            // The build account, and in it only its ci-promote role (by ARN in a condition, so this stack can be deployed
            // before the build stack makes that role).
            AssumeRolePolicyDocument = Trust(Accounts(build), "sts:AssumeRole", Condition("ArnEquals", "aws:PrincipalArn", AcmeChurnInfrastructure.TargetRoleArn(build, "ci-promote"))),
            Policies = new object[]
            {
                new CfnRole.PolicyProperty
                {
                    PolicyName = "deploy",
                    PolicyDocument = Policy(
                    [
                        // steps/deploy.py: the versions in the build account's registry, which lets this account read them.
                        Allow(
                            "ReadApprovedPackages",
                            ["sagemaker:DescribeModelPackage", "sagemaker:ListModelPackages", "sagemaker:DescribeModelPackageGroup"],
                            new[]
                            {
                                $"arn:{partition}:sagemaker:{region}:{build}:model-package-group/{group}",
                                $"arn:{partition}:sagemaker:{region}:{build}:model-package/{group}/*",
                            }),
                        // steps/monitor.py: the version's baseline constraints in the build account's bucket, for the drift alarm.
                        Allow("BuildAccountBaselines", ["s3:GetObject"], $"arn:{partition}:s3:::{buildBucket}/{KeyPrefix}/runs/*"),
                        .. buildKey,
                        .. Serving([endpoint], endpoint),
                        // The bucket's default encryption, which deploy.py and monitor.py read.
                        Allow("ReadBucket", ["s3:ListBucket", "s3:GetEncryptionConfiguration"], bucket.AttrArn),
                        Allow("PassEndpointRole", ["iam:PassRole"], endpointRole.AttrArn, Condition("StringEquals", "iam:PassedToService", "sagemaker.amazonaws.com")),
                        .. KeyUse(keyArn, "ServingKey"),
                    ]),
                },
            },
        });

        var topic = Alarms(this, Prefix, key, settings.AlarmServerErrors, settings.AlarmLatencyMs, (stage, endpoint));

        Output(this, "DeployRoleArn", "The role the build account's promotion assumes here.", deployRole.AttrArn);
        Output(this, "EndpointRoleArn", "The role the endpoint's model and its monitoring jobs run as (deploy.py and monitor.py --role-arn).", endpointRole.AttrArn);
        Output(this, "EndpointName", "The endpoint promotion serves on in this account.", endpoint);
        Output(this, "ServingBucketName", "This account's bucket; captured requests and answers under KEY_PREFIX/data-capture, monitoring reports under KEY_PREFIX/monitoring.", bucket.Ref);
        Output(this, "AlarmTopicArn", "The SNS topic the endpoint's alarms notify; subscribe to it to be told.", topic.Ref);
        if (keyArn is not null)
        {
            Output(this, "KmsKeyArn", "This account's customer-managed key of the serving bucket, the endpoint and the alarms.", keyArn);
        }
    }
}
