namespace Acme.Churn2.Infrastructure;

// Inside the namespace and from global::, so that no project name can hide them.
using global::Amazon.CDK;
using global::Amazon.CDK.AWS.IAM;
using global::Amazon.CDK.AWS.S3;
using global::System.Collections.Generic;
using global::Acme.Churn2.Pipeline;
using global::System.Linq;

/// <summary>
/// The role CI assumes with OIDC, trusted only for this repository's main branch and its staging and production
/// environments (give those environments required reviewers and limit them to main): a pull request gets no
/// AWS role. It may publish code and definition under the project's prefix, start the pipeline, and promote
/// Approved models to the staging and production endpoints (deploy.py refuses anything else). No stored keys.
/// Changes to this stack itself are deployed with a separate infrastructure role, not with this one.
/// </summary>
public sealed partial class AcmeChurn2Infrastructure
{
    /// <summary>The OIDC issuer of the CI's tokens.</summary>
    public const string OidcIssuer = "token.actions.githubusercontent.com";

    /// <summary>The audience the CI's tokens are issued for.</summary>
    public const string OidcAudience = "sts.amazonaws.com";

    private CfnRole? CiRole(CfnBucket bucket, CfnRole execution)
    {
        if (settings.Repository is not { } repository)
        {
            return null;
        }

        var provider = settings.OidcProviderArn;
        if (provider is null)
        {
            provider = new CfnOIDCProvider(this, "CiOidcProvider", new CfnOIDCProviderProps
            {
                Url = "https://" + OidcIssuer,
                ClientIdList = [OidcAudience],
            }).Ref;
        }

        // GitHub's subject names the branch, or the environment when the job has one.
        var subjects = new[] { "ref:refs/heads/main", "environment:staging", "environment:production" }.Select(subject => $"repo:{repository}:{subject}").ToArray();
        var trust = Policy(new Dictionary<string, object>
        {
            ["Effect"] = "Allow",
            ["Principal"] = new Dictionary<string, object> { ["Federated"] = provider },
            ["Action"] = "sts:AssumeRoleWithWebIdentity",
            ["Condition"] = new Dictionary<string, object>
            {
                ["StringEquals"] = new Dictionary<string, object> { [OidcIssuer + ":aud"] = OidcAudience, [OidcIssuer + ":sub"] = subjects },
            },
        });
        var pipelineArn = SageMakerArn($"pipeline/{PipelineSettings.PipelineName}");
        return new CfnRole(this, "CiRole", new CfnRoleProps
        {
            RoleName = Prefix + "-ci-deploy",
            Description = $"Assumed by CI of {repository} to deploy {PipelineSettings.PipelineName} pipeline versions.",
            AssumeRolePolicyDocument = trust,
            Policies = new object[]
            {
                new CfnRole.PolicyProperty
                {
                    PolicyName = "deploy",
                    PolicyDocument = Policy(
                    [
                        Allow("PublishCodeAndDefinition", ["s3:GetObject", "s3:PutObject"], $"{bucket.AttrArn}/{KeyPrefix}/*"),
                        // The listing of the prefix, and the bucket's default key that deploy.py and monitor.py encrypt with.
                        Allow("ReadBucket", ["s3:ListBucket", "s3:GetEncryptionConfiguration"], bucket.AttrArn),
                        Allow(
                            "UpdateAndStartPipeline",
                            [
                                "sagemaker:DescribePipeline", "sagemaker:UpdatePipeline", "sagemaker:StartPipelineExecution",
                                "sagemaker:DescribePipelineExecution", "sagemaker:ListPipelineExecutionSteps",
                            ],
                            new[] { pipelineArn, pipelineArn + "/execution/*" }),
                        Allow("ReadApprovedPackages", ["sagemaker:DescribeModelPackage", "sagemaker:ListModelPackages"], ModelPackageArns()),
                        Allow(
                            "PromoteToEndpoints",
                            [
                                "sagemaker:CreateModel", "sagemaker:DescribeModel",
                                "sagemaker:CreateEndpointConfig", "sagemaker:DescribeEndpointConfig",
                                "sagemaker:CreateEndpoint", "sagemaker:UpdateEndpoint", "sagemaker:DescribeEndpoint",
                            ],
                            EndpointArns(StagingEndpoint).Concat(EndpointArns(ProductionEndpoint)).ToArray()),
                        // steps/monitor.py: each endpoint's data-quality schedule and its version's job definitions (names
                        // start with the endpoint's), run as the pipeline's role (PassPipelineRole).
                        Allow(
                            "MonitorEndpoints",
                            [
                                "sagemaker:CreateDataQualityJobDefinition", "sagemaker:DescribeDataQualityJobDefinition",
                                "sagemaker:CreateMonitoringSchedule", "sagemaker:UpdateMonitoringSchedule", "sagemaker:DescribeMonitoringSchedule",
                            ],
                            new[] { StagingEndpoint, ProductionEndpoint }
                                .SelectMany(endpoint => new[] { SageMakerArn($"data-quality-job-definition/{endpoint}-*"), SageMakerArn($"monitoring-schedule/{endpoint}-*") })
                                .ToArray()),
                        // steps/monitor.py: the alarms on each endpoint's data drift, to the alarms topic.
                        Allow(
                            "DriftAlarms",
                            ["cloudwatch:PutMetricAlarm"],
                            new[] { StagingEndpoint, ProductionEndpoint }.Select(endpoint => $"arn:{Aws.PARTITION}:cloudwatch:{Aws.REGION}:{Aws.ACCOUNT_ID}:alarm:{endpoint}-data-drift*").ToArray()),
                        // steps/monitor.py: target-tracking autoscaling of the endpoints. A scalable target's ARN ends in an
                        // id Application Auto Scaling makes; it changes the variant's capacity through its service-linked
                        // role, whose alarms are named TargetTracking-*.
                        Allow("ScaleEndpoints", ["sagemaker:UpdateEndpointWeightsAndCapacities"], new[] { SageMakerArn($"endpoint/{StagingEndpoint}"), SageMakerArn($"endpoint/{ProductionEndpoint}") }),
                        Allow(
                            "ScalingPolicies",
                            ["application-autoscaling:RegisterScalableTarget", "application-autoscaling:PutScalingPolicy"],
                            $"arn:{Aws.PARTITION}:application-autoscaling:{Aws.REGION}:{Aws.ACCOUNT_ID}:scalable-target/*"),
                        // Application Auto Scaling's and CloudWatch's describe calls take no resource ARN; their actions are the only ones here.
                        Allow(
                            "ReadScaling",
                            ["application-autoscaling:DescribeScalableTargets", "application-autoscaling:DescribeScalingPolicies", "cloudwatch:DescribeAlarms"],
                            "*"),
                        Allow("ScalingAlarms", ["cloudwatch:PutMetricAlarm", "cloudwatch:DeleteAlarms"], $"arn:{Aws.PARTITION}:cloudwatch:{Aws.REGION}:{Aws.ACCOUNT_ID}:alarm:TargetTracking*"),
                        Allow(
                            "ScalingServiceRole",
                            ["iam:CreateServiceLinkedRole"],
                            $"arn:{Aws.PARTITION}:iam::{Aws.ACCOUNT_ID}:role/aws-service-role/sagemaker.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_SageMakerEndpoint",
                            Condition("StringLike", "iam:AWSServiceName", "sagemaker.application-autoscaling.amazonaws.com")),
                        Allow("SmokeTestStaging", ["sagemaker:InvokeEndpoint"], SageMakerArn($"endpoint/{StagingEndpoint}")),
                        Allow("PassPipelineRole", ["iam:PassRole"], execution.AttrArn, Condition("StringEquals", "iam:PassedToService", "sagemaker.amazonaws.com")),
                        .. KeyUse(),
                    ]),
                },
            },
        });
    }
}
