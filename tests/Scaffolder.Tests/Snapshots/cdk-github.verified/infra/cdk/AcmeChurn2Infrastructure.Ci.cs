namespace Acme.Churn2.Infrastructure;

// Inside the namespace and from global::, so that no project name can hide them.
using global::Amazon.CDK;
using global::Amazon.CDK.AWS.IAM;
using global::Amazon.CDK.AWS.S3;
using global::System.Collections.Generic;
using global::Acme.Churn2.Pipeline;
using global::System.Linq;
using static global::Acme.Churn2.Infrastructure.StackParts;

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

    private string? oidcProvider;

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

        oidcProvider = provider;
        // GitHub's subject names the branch, or the environment when the job has one.
        var subjects = new[] { "ref:refs/heads/main", "environment:staging", "environment:production" }.Select(subject => $"repo:{repository}:{subject}").ToArray();
        var pipelineArn = SageMakerArn($"pipeline/{PipelineSettings.PipelineName}");
        return new CfnRole(this, "CiRole", new CfnRoleProps
        {
            RoleName = Prefix + "-ci-deploy",
            Description = $"Assumed by CI of {repository} to deploy {PipelineSettings.PipelineName} pipeline versions.",
            AssumeRolePolicyDocument = OidcTrust(subjects),
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
                        // Serving and monitoring run as the pipeline's role (PassPipelineRole).
                        .. Serving([StagingEndpoint, ProductionEndpoint], StagingEndpoint),
                        Allow("PassPipelineRole", ["iam:PassRole"], execution.AttrArn, Condition("StringEquals", "iam:PassedToService", "sagemaker.amazonaws.com")),
                        .. KeyUse(),
                    ]),
                },
            },
        });
    }

    /// <summary>Who may assume a CI role: a token of the OIDC provider for this audience with one of these subjects.</summary>
    private Dictionary<string, object> OidcTrust(string[] subjects) => Trust(
        new Dictionary<string, object> { ["Federated"] = oidcProvider! },
        "sts:AssumeRoleWithWebIdentity",
        new Dictionary<string, object>
        {
            ["StringEquals"] = new Dictionary<string, object> { [OidcIssuer + ":aud"] = OidcAudience, [OidcIssuer + ":sub"] = subjects },
        });
}
