namespace {{ project.namespace }}.Infrastructure;

// Inside the namespace and from global::, so that no project name can hide them.
using global::Amazon.CDK;
using global::Amazon.CDK.AWS.KMS;
using global::System.Collections.Generic;
using static global::{{ project.namespace }}.Infrastructure.StackParts;

/// <summary>
/// The customer-managed key, when createKmsKey is true (or your own, kmsKeyArn): it encrypts the artifact bucket, the
{{~ if options.accounts == "single" ~}}
/// pipeline's job volumes and outputs (the definition names it), the endpoints' volumes and captured data, the
/// monitoring jobs, and the alarms topic.
{{~ else ~}}
/// pipeline's job volumes and outputs (the definition names it). The staging and production accounts' endpoint and
/// deploy roles may decrypt the models, code and baselines it encrypts; each target account encrypts what it serves
/// with its own key.
{{~ end ~}}
/// </summary>
public sealed partial class {{ project.pascal }}Infrastructure
{
    /// <summary>The roles that use the key: the pipeline and its jobs{{ if options.accounts == "single" }}, the function that serves approved models{{ end }}{{ if options.ci != "none" }}, and CI{{ end }}.</summary>
    private static readonly string[] KeyUsers = ["sagemaker-execution"{{ if options.accounts == "single" }}, "deploy-approved"{{ end }}{{ if options.ci != "none" }}, "ci-deploy"{{ end }}];

    private CfnKey ProjectKey() => Key(
        this,
        "ProjectKey",
        Prefix,
        {{ if options.accounts == "single" }}"Encrypts what {{ project.kebab }} keeps: artifacts, job volumes and outputs, endpoints, alarms."{{ else }}"Encrypts what {{ project.kebab }} keeps in the build account: artifacts, job volumes and outputs."{{ end }},
        KeyUsers{{ if options.accounts == "multi" }},
        // The staging and production accounts' roles read the models, code and baselines this key encrypts.
        Grant(
            "TargetAccountEndpointRoles",
            Accounts(TargetAccounts),
            ["kms:Decrypt", "kms:DescribeKey"],
            Condition("ArnEquals", "aws:PrincipalArn", TargetVersionReaders)){{ end }});

    /// <summary>What each role that uses the key needs in its own policy (nothing without a key).</summary>
    private Dictionary<string, object>[] KeyUse() => StackParts.KeyUse(kmsKeyArn, "ProjectKey");
}
