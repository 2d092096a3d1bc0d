namespace Acme.Churn2.Infrastructure;

// Inside the namespace and from global::, so that no project name can hide them.
using global::Amazon.CDK;
using global::Amazon.CDK.AWS.KMS;
using global::System.Collections.Generic;
using global::System.Linq;

/// <summary>
/// The customer-managed key, when createKmsKey is true (or your own, kmsKeyArn): it encrypts the artifact bucket, the
/// pipeline's job volumes and outputs (the definition names it), the endpoints' volumes and captured data, the
/// monitoring jobs, and the alarms topic.
/// </summary>
public sealed partial class AcmeChurn2Infrastructure
{
    /// <summary>The roles that use the key: the pipeline and its jobs, the function that serves approved models, and CI.</summary>
    private static readonly string[] KeyUsers = ["sagemaker-execution", "deploy-approved", "ci-deploy"];

    /// <summary>
    /// The project's key. The account administers it but does not use it: only the project's roles encrypt and decrypt
    /// with it (and only when their own policies allow it too), SageMaker takes grants on it only for the resources it
    /// makes for them, and CloudWatch publishes the alarms to the topic it encrypts. The roles are named, not
    /// referenced, so the key and the roles' policies that name it do not wait for each other.
    /// </summary>
    private CfnKey ProjectKey()
    {
        var account = new Dictionary<string, object> { ["AWS"] = $"arn:{Aws.PARTITION}:iam::{Aws.ACCOUNT_ID}:root" };
        var users = Condition("ArnEquals", "aws:PrincipalArn", KeyUsers.Select(role => $"arn:{Aws.PARTITION}:iam::{Aws.ACCOUNT_ID}:role/{Prefix}-{role}").ToArray());
        var key = new CfnKey(this, "ProjectKey", new CfnKeyProps
        {
            Description = "Encrypts what acme-churn-2 keeps: artifacts, job volumes and outputs, endpoints, alarms.",
            EnableKeyRotation = true,
            PendingWindowInDays = 30,
            KeyPolicy = Policy(
                Statement("Administration", account,
                [
                    "kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*", "kms:Update*", "kms:Revoke*", "kms:Disable*",
                    "kms:Get*", "kms:Delete*", "kms:TagResource", "kms:UntagResource", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion",
                ]),
                Statement("ProjectRoles", account, KeyUseActions, users),
                Statement(
                    "ProjectRoleGrantsForSageMaker",
                    account,
                    ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"],
                    new Dictionary<string, object>(users) { ["Bool"] = new Dictionary<string, object> { ["kms:GrantIsForAWSResource"] = "true" } }),
                Statement(
                    "AlarmsTopic",
                    new Dictionary<string, object> { ["Service"] = "cloudwatch.amazonaws.com" },
                    ["kms:Decrypt", "kms:GenerateDataKey*"],
                    Condition("StringEquals", "aws:SourceAccount", Aws.ACCOUNT_ID))),
        });
        key.ApplyRemovalPolicy(RemovalPolicy.RETAIN);
        _ = new CfnAlias(this, "ProjectKeyAlias", new CfnAliasProps { AliasName = $"alias/{Prefix}", TargetKeyId = key.Ref });
        return key;
    }

    private static readonly string[] KeyUseActions = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"];

    /// <summary>What each role that uses the key needs in its own policy (nothing without a key).</summary>
    private Dictionary<string, object>[] KeyUse() => kmsKeyArn is not { } key ? [] :
    [
        Allow("ProjectKey", KeyUseActions, key),
        Allow("ProjectKeyGrantsForSageMaker", ["kms:CreateGrant"], key, Condition("Bool", "kms:GrantIsForAWSResource", "true")),
    ];

    private static Dictionary<string, object> Statement(string sid, Dictionary<string, object> principal, string[] actions, Dictionary<string, object>? condition = null)
    {
        var statement = Allow(sid, actions, "*", condition);
        statement["Principal"] = principal;
        return statement;
    }
}
