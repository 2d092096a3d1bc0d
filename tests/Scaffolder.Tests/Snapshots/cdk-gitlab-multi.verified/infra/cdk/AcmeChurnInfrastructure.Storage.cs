namespace Acme.Churn.Infrastructure;

// Inside the namespace and from global::, so that no project name can hide them.
using global::Amazon.CDK;
using global::Amazon.CDK.AWS.IAM;
using global::Amazon.CDK.AWS.S3;
using global::System.Collections.Generic;
using global::System.Linq;
using global::Acme.Churn.Pipeline;
using static global::Acme.Churn.Infrastructure.StackParts;

/// <summary>The artifact bucket and the role SageMaker Pipelines and its jobs run as.</summary>
public sealed partial class AcmeChurnInfrastructure
{
    private CfnBucket ArtifactBucket()
    {
        var bucket = new CfnBucket(this, "ArtifactBucket", new CfnBucketProps
        {
            BucketName = BucketName,
            // The bucket sends its events to EventBridge, so new data can start the pipeline.
            NotificationConfiguration = new CfnBucket.NotificationConfigurationProperty
            {
                EventBridgeConfiguration = new CfnBucket.EventBridgeConfigurationProperty { EventBridgeEnabled = true },
            },
            OwnershipControls = new CfnBucket.OwnershipControlsProperty
            {
                Rules = new object[] { new CfnBucket.OwnershipControlsRuleProperty { ObjectOwnership = "BucketOwnerEnforced" } },
            },
            VersioningConfiguration = new CfnBucket.VersioningConfigurationProperty { Status = "Enabled" },
            BucketEncryption = new CfnBucket.BucketEncryptionProperty
            {
                ServerSideEncryptionConfiguration = new object[]
                {
                    new CfnBucket.ServerSideEncryptionRuleProperty
                    {
                        ServerSideEncryptionByDefault = new CfnBucket.ServerSideEncryptionByDefaultProperty
                        {
                            SseAlgorithm = kmsKeyArn is null ? "AES256" : "aws:kms",
                            KmsMasterKeyId = kmsKeyArn,
                        },
                        BucketKeyEnabled = kmsKeyArn is not null,
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
                    // What each execution writes (PipelineSettings.Prefix/runs/EXECUTION/STEP/OUTPUT); models, code and data stay.
                    new CfnBucket.RuleProperty
                    {
                        Id = "expire-old-run-artifacts",
                        Status = "Enabled",
                        Prefix = KeyPrefix + "/runs/",
                        ExpirationInDays = settings.ArtifactRetentionDays,
                        NoncurrentVersionExpiration = new CfnBucket.NoncurrentVersionExpirationProperty { NoncurrentDays = 30 },
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
        // Data, models and code outlive the stack, as with the other choices.
        bucket.ApplyRemovalPolicy(RemovalPolicy.RETAIN);

        _ = new CfnBucketPolicy(this, "ArtifactBucketPolicy", new CfnBucketPolicyProps
        {
            Bucket = bucket.Ref,
            PolicyDocument = Policy(
            [
                DenyInsecureTransport(bucket.AttrArn),
                // The staging and production accounts' roles read what serving and monitoring a version needs: its model
                // and inference code, and the data-quality baseline a pipeline run computed.
                Grant(
                    "TargetAccountsReadVersions",
                    Accounts(TargetAccounts),
                    ["s3:GetObject"],
                    Condition("ArnEquals", "aws:PrincipalArn", TargetVersionReaders),
                    new[] { "models", "code", "runs" }.Select(folder => $"{bucket.AttrArn}/{KeyPrefix}/{folder}/*").ToArray()),
            ]),
        });
        return bucket;
    }

    // The project's bucket prefix, its model package group, its logs and the framework images, and nothing else.
    private CfnRole ExecutionRole(CfnBucket bucket)
    {
        Dictionary<string, object>[] statements =
        [
            Allow("ArtifactObjects", ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"], $"{bucket.AttrArn}/{KeyPrefix}/*"),
            Allow("ArtifactBucket", ["s3:ListBucket", "s3:GetBucketLocation"], bucket.AttrArn),
            Allow(
                "PipelineJobs",
                [
                    "sagemaker:CreateProcessingJob", "sagemaker:DescribeProcessingJob", "sagemaker:StopProcessingJob",
                    "sagemaker:CreateTrainingJob", "sagemaker:DescribeTrainingJob", "sagemaker:StopTrainingJob",
                    "sagemaker:AddTags",
                ],
                new[] { SageMakerArn("processing-job/*"), SageMakerArn("training-job/*") }),
            Allow(
                "ModelRegistry",
                [
                    "sagemaker:CreateModelPackage", "sagemaker:DescribeModelPackage", "sagemaker:UpdateModelPackage",
                    "sagemaker:ListModelPackages", "sagemaker:DescribeModelPackageGroup",
                ],
                ModelPackageArns()),
            Allow(
                "PassThisRoleToJobs",
                ["iam:PassRole"],
                $"arn:{Aws.PARTITION}:iam::{Aws.ACCOUNT_ID}:role/{Prefix}-sagemaker-execution",
                Condition("StringEquals", "iam:PassedToService", "sagemaker.amazonaws.com")),
            .. JobBasics(),
            .. KeyUse(),
        ];

        return new CfnRole(this, "ExecutionRole", new CfnRoleProps
        {
            RoleName = Prefix + "-sagemaker-execution",
            Description = "Runs the acme-churn pipeline and its jobs.",
            AssumeRolePolicyDocument = ServiceTrust("sagemaker.amazonaws.com"),
            Policies = new object[] { new CfnRole.PolicyProperty { PolicyName = "pipeline", PolicyDocument = Policy(statements) } },
        });
    }

    private static string[] ModelPackageArns() =>
        [SageMakerArn($"model-package-group/{ModelPackageGroupName}"), SageMakerArn($"model-package/{ModelPackageGroupName}/*")];
}
