namespace Acme.Churn.Infrastructure;

// Inside the namespace and from global::, so that no project name can hide them (a project named Environment would).
using global::System;
using global::System.Collections.Generic;
using global::System.Globalization;
using global::System.Text.RegularExpressions;

/// <summary>
/// What a deployment chooses, from the CDK context (<c>-c key=value</c> on the cdk command line, or "context" in
/// cdk.json): the same choices as the Terraform variables and CloudFormation parameters of the other stacks.
/// </summary>
public sealed record StackSettings
{
    /// <summary>The Owner tag of every resource.</summary>
    public string Owner { get; init; } = "ml-team";

    /// <summary>
    /// Make a customer-managed KMS key, usable only by the project's roles, for the bucket, job volumes and outputs,
    /// endpoints and alarms (AcmeChurnInfrastructure.Kms.cs).
    /// </summary>
    public bool CreateKmsKey { get; init; }

    /// <summary>
    /// Your own customer-managed KMS key for what <see cref="CreateKmsKey"/>'s key would encrypt (its key policy must let
    /// the project's roles use it); null with CreateKmsKey false uses AWS-managed keys (SSE-S3 for the bucket).
    /// </summary>
    public string? KmsKeyArn { get; init; }

    /// <summary>Days after which what pipeline runs wrote (under acme-churn/runs/) expires.</summary>
    public int ArtifactRetentionDays { get; init; } = 90;

    /// <summary>An EventBridge schedule that starts the pipeline on the newest data version, such as rate(7 days); null for none.</summary>
    public string? ScheduleExpression { get; init; }

    /// <summary>Start the pipeline when a new object lands under acme-churn/data/ in the artifact bucket.</summary>
    public bool StartOnNewData { get; init; } = true;

    /// <summary>The build account that keeps the pipeline, the model registry and the artifact bucket (12 digits; no default).</summary>
    public string BuildAccountId { get; init; } = "";

    /// <summary>The account that serves approved versions first, on the staging endpoint (12 digits; no default).</summary>
    public string StagingAccountId { get; init; } = "";

    /// <summary>The account that serves a version after staging and the manual gate, on the production endpoint (12 digits; no default).</summary>
    public string ProductionAccountId { get; init; } = "";

    /// <summary>
    /// Make a customer-managed KMS key in each target account, usable only by its endpoint and deploy roles, for its
    /// serving bucket, the endpoint's volume and captures, the monitoring jobs and the alarms topic.
    /// </summary>
    public bool TargetCreateKmsKey { get; init; }

    /// <summary>Your own customer-managed KMS key of the staging account for what <see cref="TargetCreateKmsKey"/>'s key would encrypt there.</summary>
    public string? StagingKmsKeyArn { get; init; }

    /// <summary>Your own customer-managed KMS key of the production account for what <see cref="TargetCreateKmsKey"/>'s key would encrypt there.</summary>
    public string? ProductionKmsKeyArn { get; init; }

    /// <summary>Days after which captured requests and answers, and monitoring reports, expire in the target accounts.</summary>
    public int CaptureRetentionDays { get; init; } = 90;

    /// <summary>Server errors (5xx) of an endpoint in 5 minutes that raise its alarm.</summary>
    public int AlarmServerErrors { get; init; } = 5;

    /// <summary>Model latency in milliseconds (one answer in ten slower) of an endpoint that, for 15 minutes, raises its alarm.</summary>
    public int AlarmLatencyMs { get; init; } = 500;

    /// <summary>
    /// The largest definition (bytes of its JSON) the stack puts inline; a larger one goes to S3 as a CDK file asset.
    /// SageMaker's own limit is the default; not a context value (a test lowers it to try the S3 route).
    /// </summary>
    public int InlineDefinitionLimit { get; init; } = AcmeChurnInfrastructure.MaxInlineDefinition;

    /// <summary>The zip of the stack's functions (<c>dotnet run --project src/Acme.Churn.Pipeline -- bundle</c> writes it); null is the bundle's default path.</summary>
    public string? FunctionsArchive { get; init; }

    /// <summary>
    /// The GitLab project (group/project) whose CI may deploy: the OIDC trust accepts
    /// pipelines of its main branch, never a merge request; null creates no CI role.
    /// </summary>
    public string? Repository { get; init; }

    /// <summary>An existing IAM OIDC provider for gitlab.com; null creates one (an account has one per issuer).</summary>
    public string? OidcProviderArn { get; init; }

    /// <summary>The settings from the context (each key's value, or null), or the problems, each naming its key and the fix.</summary>
    /// <param name="context">The context value of a key, as the CDK gives it (a string from the command line, a string, number or boolean from cdk.json).</param>
    public static (StackSettings? Settings, IReadOnlyList<string> Problems) Read(Func<string, object?> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var problems = new List<string>();
        var defaults = new StackSettings();

        string? Text(string key, string pattern, string example)
        {
            var value = Convert.ToString(context(key), CultureInfo.InvariantCulture);
            if (string.IsNullOrEmpty(value))
            {
                return null;
            }

            if (!Regex.IsMatch(value, pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))
            {
                problems.Add($"context {key}='{value}' is not valid: it must look like {example} (-c {key}=VALUE, or \"context\" in cdk.json).");
            }

            return value;
        }

        var owner = Text("owner", @"^[\p{L}\p{N} _.:/=+\-@]{1,256}$", "a tag value of 1 to 256 letters, digits, spaces and _ . : / = + - @");
        var retention = Text("artifactRetentionDays", "^[1-9][0-9]{0,5}$", "a whole number of days, at least 1, such as 90");
        var startOnNewData = Text("startOnNewData", "^(true|false|True|False)$", "true or false");
        // No defaults: without them nothing is synthesized, and the problem names the missing one.
        string Account(string key, string which)
        {
            var value = Text(key, @"^[0-9]{12}\z", "an AWS account id, exactly 12 digits, such as 111122223333");
            if (value is null)
            {
                problems.Add($"context {key} is missing: give the {which} account's id with -c {key}=ACCOUNT_ID (12 digits) on every cdk command.");
            }

            return value ?? "";
        }

        var buildAccount = Account("buildAccountId", "build");
        var stagingAccount = Account("stagingAccountId", "staging");
        var productionAccount = Account("productionAccountId", "production");
        var targetCreateKey = Text("targetCreateKmsKey", "^(true|false|True|False)$", "true or false");
        var captureRetention = Text("captureRetentionDays", "^[1-9][0-9]{0,5}$", "a whole number of days, at least 1, such as 90");
        var serverErrors = Text("alarmServerErrors", "^[1-9][0-9]{0,5}$", "a whole number of server errors, at least 1, such as 5");
        var createKey = Text("createKmsKey", "^(true|false|True|False)$", "true or false");
        var latency = Text("alarmLatencyMs", "^[1-9][0-9]{0,5}$", "a whole number of milliseconds from 1 to 999999, such as 500");
        var settings = new StackSettings
        {
            Owner = owner ?? defaults.Owner,
            CreateKmsKey = createKey is not null && bool.TryParse(createKey, out var create) && create,
            KmsKeyArn = Text("kmsKeyArn", "^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/.+$", "arn:aws:kms:REGION:ACCOUNT:key/ID"),
            ArtifactRetentionDays = retention is not null && int.TryParse(retention, NumberStyles.None, CultureInfo.InvariantCulture, out var days) ? days : defaults.ArtifactRetentionDays,
            ScheduleExpression = Text("scheduleExpression", @"^(rate|cron)\(.+\)$", "rate(7 days) or cron(0 3 ? * MON *)"),
            StartOnNewData = startOnNewData is null ? defaults.StartOnNewData : bool.TryParse(startOnNewData, out var start) && start,
            BuildAccountId = buildAccount,
            StagingAccountId = stagingAccount,
            ProductionAccountId = productionAccount,
            TargetCreateKmsKey = targetCreateKey is not null && bool.TryParse(targetCreateKey, out var createTargetKeys) && createTargetKeys,
            StagingKmsKeyArn = Text("stagingKmsKeyArn", "^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/.+$", "arn:aws:kms:REGION:STAGING_ACCOUNT:key/ID"),
            ProductionKmsKeyArn = Text("productionKmsKeyArn", "^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/.+$", "arn:aws:kms:REGION:PRODUCTION_ACCOUNT:key/ID"),
            CaptureRetentionDays = captureRetention is not null && int.TryParse(captureRetention, NumberStyles.None, CultureInfo.InvariantCulture, out var captureDays) ? captureDays : defaults.CaptureRetentionDays,
            AlarmServerErrors = serverErrors is not null && int.TryParse(serverErrors, NumberStyles.None, CultureInfo.InvariantCulture, out var errors) ? errors : defaults.AlarmServerErrors,
            AlarmLatencyMs = latency is not null && int.TryParse(latency, NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds) ? milliseconds : defaults.AlarmLatencyMs,
            FunctionsArchive = Text("functionsArchive", ".", "a path to functions.zip"),
            Repository = Text("repository", "^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)+$", "owner/name"),
            OidcProviderArn = Text("oidcProviderArn", "^arn:aws[a-z-]*:iam::[0-9]{12}:oidc-provider/.+$", "arn:aws:iam::ACCOUNT:oidc-provider/ISSUER"),
        };
        if (settings.CreateKmsKey && settings.KmsKeyArn is not null)
        {
            problems.Add("createKmsKey is true and kmsKeyArn is set: the stack either makes the project's key or uses yours; set one of them.");
        }

        if (settings.TargetCreateKmsKey && (settings.StagingKmsKeyArn is not null || settings.ProductionKmsKeyArn is not null))
        {
            problems.Add("targetCreateKmsKey is true and stagingKmsKeyArn or productionKmsKeyArn is set: the target stacks either make their accounts' keys or use yours; set one of them.");
        }

        if (stagingAccount.Length > 0 && stagingAccount == productionAccount)
        {
            problems.Add($"stagingAccountId and productionAccountId are both {stagingAccount}: staging and production are separate accounts; give each its own id.");
        }

        if (buildAccount.Length > 0 && (buildAccount == stagingAccount || buildAccount == productionAccount))
        {
            problems.Add($"buildAccountId {buildAccount} is also a target account: stagingAccountId and productionAccountId must be other accounts than the build account, which keeps the pipeline and the model registry.");
        }

        return problems.Count == 0 ? (settings, problems) : (null, problems);
    }
}
