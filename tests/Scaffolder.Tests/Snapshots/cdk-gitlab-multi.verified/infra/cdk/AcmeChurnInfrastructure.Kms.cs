namespace Acme.Churn.Infrastructure;

// Inside the namespace and from global::, so that no project name can hide them.
using global::Amazon.CDK;
using global::Amazon.CDK.AWS.KMS;
using global::System.Collections.Generic;
using static global::Acme.Churn.Infrastructure.StackParts;

/// <summary>
/// The customer-managed key, when createKmsKey is true (or your own, kmsKeyArn): it encrypts the artifact bucket, the
/// pipeline's job volumes and outputs (the definition names it). The staging and production accounts' endpoint and
/// deploy roles may decrypt the models, code and baselines it encrypts; each target account encrypts what it serves
/// with its own key.
/// </summary>
public sealed partial class AcmeChurnInfrastructure
{
    /// <summary>The roles that use the key: the pipeline and its jobs, and CI.</summary>
    private static readonly string[] KeyUsers = ["sagemaker-execution", "ci-deploy"];

    private CfnKey ProjectKey() => Key(
        this,
        "ProjectKey",
        Prefix,
        "Encrypts what acme-churn keeps in the build account: artifacts, job volumes and outputs.",
        KeyUsers,
        // The staging and production accounts' roles read the models, code and baselines this key encrypts.
        Grant(
            "TargetAccountEndpointRoles",
            Accounts(TargetAccounts),
            ["kms:Decrypt", "kms:DescribeKey"],
            Condition("ArnEquals", "aws:PrincipalArn", TargetVersionReaders)));

    /// <summary>What each role that uses the key needs in its own policy (nothing without a key).</summary>
    private Dictionary<string, object>[] KeyUse() => StackParts.KeyUse(kmsKeyArn, "ProjectKey");
}
