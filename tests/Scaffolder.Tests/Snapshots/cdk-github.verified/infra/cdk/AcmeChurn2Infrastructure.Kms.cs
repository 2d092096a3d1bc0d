namespace Acme.Churn2.Infrastructure;

// Inside the namespace and from global::, so that no project name can hide them.
using global::Amazon.CDK;
using global::Amazon.CDK.AWS.KMS;
using global::System.Collections.Generic;
using static global::Acme.Churn2.Infrastructure.StackParts;

/// <summary>
/// The customer-managed key, when createKmsKey is true (or your own, kmsKeyArn): it encrypts the artifact bucket, the
/// pipeline's job volumes and outputs (the definition names it), the endpoints' volumes and captured data, the
/// monitoring jobs, and the alarms topic.
/// </summary>
public sealed partial class AcmeChurn2Infrastructure
{
    /// <summary>The roles that use the key: the pipeline and its jobs, the function that serves approved models, and CI.</summary>
    private static readonly string[] KeyUsers = ["sagemaker-execution", "deploy-approved", "ci-deploy"];

    private CfnKey ProjectKey() => Key(
        this,
        "ProjectKey",
        Prefix,
        "Encrypts what acme-churn-2 keeps: artifacts, job volumes and outputs, endpoints, alarms.",
        KeyUsers);

    /// <summary>What each role that uses the key needs in its own policy (nothing without a key).</summary>
    private Dictionary<string, object>[] KeyUse() => StackParts.KeyUse(kmsKeyArn, "ProjectKey");
}
