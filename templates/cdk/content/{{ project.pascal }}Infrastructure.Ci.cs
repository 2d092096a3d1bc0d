{{~ if options.ci == "github" ~}}
{{~ issuer = "token.actions.githubusercontent.com"; audience = "sts.amazonaws.com" ~}}
{{~ else ~}}
{{~ issuer = "gitlab.com"; audience = "https://gitlab.com" ~}}
{{~ end ~}}
namespace {{ project.namespace }}.Infrastructure;

// Inside the namespace and from global::, so that no project name can hide them.
using global::Amazon.CDK;
using global::Amazon.CDK.AWS.IAM;
using global::Amazon.CDK.AWS.S3;
using global::System.Collections.Generic;
using global::{{ project.namespace }}.Pipeline;
using global::System.Linq;
using static global::{{ project.namespace }}.Infrastructure.StackParts;

/// <summary>
{{~ if options.accounts == "single" ~}}
/// The role CI assumes with OIDC, trusted only for this repository's {{ if options.ci == "github" }}main branch and its staging and production
/// environments (give those environments required reviewers and limit them to main){{ else }}main branch{{ end }}: a {{ if options.ci == "github" }}pull{{ else }}merge{{ end }} request gets no
/// AWS role. It may publish code and definition under the project's prefix, start the pipeline, and promote
/// Approved models to the staging and production endpoints (deploy.py refuses anything else). No stored keys.
/// Changes to this stack itself are deployed with a separate infrastructure role, not with this one.
{{~ else ~}}
/// Two roles CI assumes with OIDC; a {{ if options.ci == "github" }}pull{{ else }}merge{{ end }} request gets neither. No stored keys.
/// ci-deploy, trusted only for this repository's main branch, may publish code and definition under the project's
/// prefix and start the pipeline. ci-promote ({{ project.pascal }}Infrastructure.Accounts.cs), trusted only for {{ if options.ci == "github" }}the repository's
/// staging and production environments (give them required reviewers and limit them to main){{ else }}the main branch, whose
/// promote jobs are manual (protect the staging and production environments){{ end }}, may only assume the deploy role
/// of the staging and production accounts, which do the serving there. Changes to this stack itself are deployed
/// with a separate infrastructure role, not with these.
{{~ end ~}}
/// </summary>
public sealed partial class {{ project.pascal }}Infrastructure
{
    /// <summary>The OIDC issuer of the CI's tokens.</summary>
    public const string OidcIssuer = "{{ issuer }}";

    /// <summary>The audience the CI's tokens are issued for.</summary>
    public const string OidcAudience = "{{ audience }}";

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
{{~ if options.ci == "github" ~}}
        // GitHub's subject names the branch, or the environment when the job has one.
        var subjects = new[] { "ref:refs/heads/main"{{ if options.accounts == "single" }}, "environment:staging", "environment:production"{{ end }} }.Select(subject => $"repo:{repository}:{subject}").ToArray();
{{~ else ~}}
        // GitLab's subject names the branch the pipeline runs for.
        var subjects = new[] { $"project_path:{repository}:ref_type:branch:ref:main" };
{{~ end ~}}
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
{{~ if options.accounts == "single" ~}}
                        Allow("ReadApprovedPackages", ["sagemaker:DescribeModelPackage", "sagemaker:ListModelPackages"], ModelPackageArns()),
                        // Serving and monitoring run as the pipeline's role (PassPipelineRole).
                        .. Serving([StagingEndpoint, ProductionEndpoint], StagingEndpoint),
{{~ end ~}}
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
