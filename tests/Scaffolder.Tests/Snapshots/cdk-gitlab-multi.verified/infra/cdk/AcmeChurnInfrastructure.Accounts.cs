namespace Acme.Churn.Infrastructure;

// Inside the namespace and from global::, so that no project name can hide them.
using global::Amazon.CDK.AWS.IAM;
using global::System.Collections.Generic;
using global::System.Linq;
using static global::Acme.Churn.Infrastructure.StackParts;

/// <summary>
/// Separate accounts: this (build) account keeps the pipeline, the bucket and the model package group; approved
/// versions are served in the staging and production accounts, whose own stacks (AcmeChurnTargetInfrastructure, the
/// app's stacks acme-churn-staging and acme-churn-production, each deployed in its account) make the roles named here.
/// This stack lets those roles read what serving a version needs and nothing more: the model package group's policy
/// (the two accounts may read its versions; deploy.py checks approval there), the bucket's and the key's policies
/// (their endpoint roles may read models, code and baselines), and CI's promotion role is the only principal their
/// deploy roles trust.
/// </summary>
public sealed partial class AcmeChurnInfrastructure
{
    /// <summary>The staging and production accounts.</summary>
    private string[] TargetAccounts => [settings.StagingAccountId, settings.ProductionAccountId];

    /// <summary>The ARN of a role the target stack makes in an account (PREFIX-deploy, PREFIX-endpoint).</summary>
    public static string TargetRoleArn(string account, string role) => $"arn:{PartitionName}:iam::{account}:role/{Prefix}-{role}";

    private string[] TargetRoleArns(string role) => TargetAccounts.Select(account => TargetRoleArn(account, role)).ToArray();

    /// <summary>
    /// What reads a version here: the endpoint roles (model, code, baseline) and the deploy roles (the baseline's
    /// constraints, for monitor.py's drift alarm).
    /// </summary>
    private string[] TargetVersionReaders => [.. TargetRoleArns("endpoint"), .. TargetRoleArns("deploy")];

    /// <summary>The model package group's policy: the target accounts may read its versions.</summary>
    private Dictionary<string, object> TargetAccountsReadVersions() => Policy(Grant(
        "TargetAccountsReadVersions",
        Accounts(TargetAccounts),
        ["sagemaker:DescribeModelPackageGroup", "sagemaker:DescribeModelPackage", "sagemaker:ListModelPackages"],
        resources: ModelPackageArns()));

    /// <summary>
    /// ci-promote: trusted only for the main branch, whose promote jobs are manual, it may only
    /// assume the deploy role of the staging and production accounts.
    /// </summary>
    private CfnRole CiPromoteRole() => new(this, "CiPromoteRole", new CfnRoleProps
    {
        RoleName = Prefix + "-ci-promote",
        Description = $"Assumed by CI of {settings.Repository} to promote acme-churn versions into the staging and production accounts.",
        // GitLab's subject cannot name an environment: the promote jobs are manual, on main, in protected environments.
        AssumeRolePolicyDocument = OidcTrust([$"project_path:{settings.Repository}:ref_type:branch:ref:main"]),
        Policies = new object[]
        {
            new CfnRole.PolicyProperty
            {
                PolicyName = "promote",
                PolicyDocument = Policy(Allow("AssumeTargetDeployRoles", ["sts:AssumeRole"], TargetRoleArns("deploy"))),
            },
        },
    });
}
