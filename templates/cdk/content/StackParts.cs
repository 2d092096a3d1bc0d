namespace {{ project.namespace }}.Infrastructure;

// Inside the namespace and from global::, so that no project name can hide them.
using global::Amazon.CDK;
using global::Amazon.CDK.AWS.CloudWatch;
using global::Amazon.CDK.AWS.KMS;
using global::Amazon.CDK.AWS.SNS;
using global::Constructs;
using global::System.Collections.Generic;
using global::System.Linq;

/// <summary>
/// What the app's stacks write alike: IAM policy documents and their statements, the project's KMS key, the endpoint
/// alarms, outputs. ARNs use the pseudo parameters (partition, region, account) of the stack they end up in.
/// </summary>
internal static class StackParts
{
    /// <summary>What a role that uses a KMS key may do with it.</summary>
    public static readonly string[] KeyUseActions = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"];

    public static Dictionary<string, object> Policy(params Dictionary<string, object>[] statements) => new()
    {
        ["Version"] = "2012-10-17",
        ["Statement"] = statements,
    };

    public static Dictionary<string, object> Allow(string sid, string[] actions, object resources, Dictionary<string, object>? condition = null)
    {
        var statement = new Dictionary<string, object> { ["Sid"] = sid, ["Effect"] = "Allow", ["Action"] = actions, ["Resource"] = resources };
        if (condition is not null)
        {
            statement["Condition"] = condition;
        }

        return statement;
    }

    /// <summary>A statement of a resource's own policy (a key's, a bucket's, a model package group's): it names who.</summary>
    public static Dictionary<string, object> Grant(string sid, Dictionary<string, object> principal, string[] actions, Dictionary<string, object>? condition = null, object? resources = null)
    {
        var statement = Allow(sid, actions, resources ?? "*", condition);
        statement["Principal"] = principal;
        return statement;
    }

    public static Dictionary<string, object> Condition(string test, string key, object values) =>
        new() { [test] = new Dictionary<string, object> { [key] = values } };

    /// <summary>The principal of whole accounts (a policy of theirs must still allow their roles).</summary>
    public static Dictionary<string, object> Accounts(params string[] ids)
    {
        var roots = ids.Select(id => $"arn:{Aws.PARTITION}:iam::{id}:root").ToArray();
        return new() { ["AWS"] = roots.Length == 1 ? roots[0] : roots };
    }

    /// <summary>Every request over plain HTTP to a bucket is refused.</summary>
    public static Dictionary<string, object> DenyInsecureTransport(string bucketArn) => new()
    {
        ["Sid"] = "DenyInsecureTransport",
        ["Effect"] = "Deny",
        ["Principal"] = "*",
        ["Action"] = "s3:*",
        ["Resource"] = new[] { bucketArn, bucketArn + "/*" },
        ["Condition"] = Condition("Bool", "aws:SecureTransport", "false"),
    };

    /// <summary>A role's trust policy: who may assume it, with which action, on which condition.</summary>
    public static Dictionary<string, object> Trust(object principal, string action, Dictionary<string, object> condition) => Policy(new Dictionary<string, object>
    {
        ["Effect"] = "Allow",
        ["Principal"] = principal,
        ["Action"] = action,
        ["Condition"] = condition,
    });

    /// <summary>Who may assume a service role: the service, and only on behalf of this account (the confused deputy).</summary>
    public static Dictionary<string, object> ServiceTrust(string service) =>
        Trust(new Dictionary<string, object> { ["Service"] = service }, "sts:AssumeRole", Condition("StringEquals", "aws:SourceAccount", Aws.ACCOUNT_ID));

    // Outputs are named as the CloudFormation stacks'; constructs share one namespace with the resources, outputs do not.
    public static void Output(Construct scope, string name, string description, string value) =>
        new CfnOutput(scope, "Output" + name, new CfnOutputProps { Description = description, Value = value }).OverrideLogicalId(name);

    public static string SageMakerArn(string resource) => $"arn:{Aws.PARTITION}:sagemaker:{Aws.REGION}:{Aws.ACCOUNT_ID}:{resource}";

    /// <summary>What serving a version on an endpoint makes: its models and endpoint configs (one per version), the endpoint.</summary>
    public static string[] EndpointArns(string endpoint) =>
        [SageMakerArn($"model/{endpoint}-v*"), SageMakerArn($"endpoint-config/{endpoint}-v*"), SageMakerArn($"endpoint/{endpoint}")];

    /// <summary>What a role that uses a key needs in its own policy (nothing without a key).</summary>
    public static Dictionary<string, object>[] KeyUse(string? keyArn, string sid) => keyArn is null ? [] :
    [
        Allow(sid, KeyUseActions, keyArn),
        Allow(sid + "GrantsForSageMaker", ["kms:CreateGrant"], keyArn, Condition("Bool", "kms:GrantIsForAWSResource", "true")),
    ];

    /// <summary>What every role SageMaker runs jobs or models as needs: its logs, the framework images, its metrics.</summary>
    public static Dictionary<string, object>[] JobBasics() =>
    [
        Allow(
            "Logs",
            ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
            $"arn:{Aws.PARTITION}:logs:{Aws.REGION}:{Aws.ACCOUNT_ID}:log-group:/aws/sagemaker/*"),
        Allow(
            "FrameworkImages",
            ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"],
            new[] { "sagemaker-scikit-learn", "sagemaker-xgboost", "sagemaker-model-monitor-analyzer" }.Select(repository => $"arn:{Aws.PARTITION}:ecr:{Aws.REGION}:*:repository/{repository}").ToArray()),
        // ECR's token call and CloudWatch's metric call take no resource ARN; their actions are the only ones here.
        Allow("ImageToken", ["ecr:GetAuthorizationToken"], "*"),
        // Jobs publish under /aws/sagemaker/…; Model Monitor's data-quality metrics under aws/sagemaker/Endpoints/….
        Allow("JobMetrics", ["cloudwatch:PutMetricData"], "*", Condition("StringLike", "cloudwatch:namespace", new[] { "/aws/sagemaker/*", "aws/sagemaker/*" })),
    ];

    /// <summary>
    /// What promotion does on the endpoints it serves (steps/deploy.py, then steps/monitor.py): serve a version,
    /// schedule its data-quality checks and their drift alarm, scale the endpoint, and smoke-test one of them.
    /// </summary>
    public static Dictionary<string, object>[] Serving(string[] endpoints, string smokeTested) =>
    [
        Allow(
            "PromoteToEndpoints",
            [
                "sagemaker:CreateModel", "sagemaker:DescribeModel",
                "sagemaker:CreateEndpointConfig", "sagemaker:DescribeEndpointConfig",
                "sagemaker:CreateEndpoint", "sagemaker:UpdateEndpoint", "sagemaker:DescribeEndpoint",
            ],
            endpoints.SelectMany(EndpointArns).ToArray()),
        // steps/monitor.py: each endpoint's data-quality schedule and its version's job definitions (names start with
        // the endpoint's).
        Allow(
            "MonitorEndpoints",
            [
                "sagemaker:CreateDataQualityJobDefinition", "sagemaker:DescribeDataQualityJobDefinition",
                "sagemaker:CreateMonitoringSchedule", "sagemaker:UpdateMonitoringSchedule", "sagemaker:DescribeMonitoringSchedule",
            ],
            endpoints.SelectMany(endpoint => new[] { SageMakerArn($"data-quality-job-definition/{endpoint}-*"), SageMakerArn($"monitoring-schedule/{endpoint}-*") }).ToArray()),
        // steps/monitor.py: the alarms on each endpoint's data drift, to the alarms topic.
        Allow(
            "DriftAlarms",
            ["cloudwatch:PutMetricAlarm"],
            endpoints.Select(endpoint => $"arn:{Aws.PARTITION}:cloudwatch:{Aws.REGION}:{Aws.ACCOUNT_ID}:alarm:{endpoint}-data-drift*").ToArray()),
        // steps/monitor.py: target-tracking autoscaling of the endpoints. A scalable target's ARN ends in an id
        // Application Auto Scaling makes; it changes the variant's capacity through its service-linked role, whose
        // alarms are named TargetTracking-*.
        Allow("ScaleEndpoints", ["sagemaker:UpdateEndpointWeightsAndCapacities"], endpoints.Select(endpoint => SageMakerArn($"endpoint/{endpoint}")).ToArray()),
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
        // The smoke test after a deployment.
        Allow("SmokeTest", ["sagemaker:InvokeEndpoint"], SageMakerArn($"endpoint/{smokeTested}")),
    ];

    /// <summary>
    /// A stack's customer-managed key, alias alias/PREFIX, kept when the stack goes. The account administers it but does
    /// not use it: only the named roles encrypt and decrypt with it (and only when their own policies allow it too),
    /// SageMaker takes grants on it only for the resources it makes for them, and CloudWatch publishes the alarms to the
    /// topic it encrypts. The roles are named, not referenced, so the key and the roles' policies that name it do not
    /// wait for each other.
    /// </summary>
    public static CfnKey Key(Construct scope, string id, string prefix, string description, string[] roleNames, params Dictionary<string, object>[] more)
    {
        var account = Accounts(Aws.ACCOUNT_ID);
        var users = Condition("ArnEquals", "aws:PrincipalArn", roleNames.Select(role => $"arn:{Aws.PARTITION}:iam::{Aws.ACCOUNT_ID}:role/{prefix}-{role}").ToArray());
        var key = new CfnKey(scope, id, new CfnKeyProps
        {
            Description = description,
            EnableKeyRotation = true,
            PendingWindowInDays = 30,
            KeyPolicy = Policy(
            [
                Grant("Administration", account,
                [
                    "kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*", "kms:Update*", "kms:Revoke*", "kms:Disable*",
                    "kms:Get*", "kms:Delete*", "kms:TagResource", "kms:UntagResource", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion",
                ]),
                Grant("ProjectRoles", account, KeyUseActions, users),
                Grant(
                    "ProjectRoleGrantsForSageMaker",
                    account,
                    ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"],
                    new Dictionary<string, object>(users) { ["Bool"] = new Dictionary<string, object> { ["kms:GrantIsForAWSResource"] = "true" } }),
                .. more,
                Grant(
                    "AlarmsTopic",
                    new Dictionary<string, object> { ["Service"] = "cloudwatch.amazonaws.com" },
                    ["kms:Decrypt", "kms:GenerateDataKey*"],
                    Condition("StringEquals", "aws:SourceAccount", Aws.ACCOUNT_ID)),
            ]),
        });
        key.ApplyRemovalPolicy(RemovalPolicy.RETAIN);
        _ = new CfnAlias(scope, id + "Alias", new CfnAliasProps { AliasName = $"alias/{prefix}", TargetKeyId = key.Ref });
        return key;
    }

    /// <summary>
    /// The alarms topic PREFIX-alarms and, on each endpoint steps/deploy.py serves, alarms on server errors and slow
    /// answers. Until a version is deployed an endpoint has no metrics and its alarms stay OK. Be told by subscribing
    /// to the topic (output AlarmTopicArn): <c>aws sns subscribe --topic-arn ARN --protocol email --notification-endpoint YOU</c>.
    /// The topic is encrypted with the stack's key when it makes one (its policy lets CloudWatch publish); otherwise it
    /// is not: CloudWatch cannot publish to a topic under the AWS-managed SNS key, and alarms carry only names and numbers.
    /// </summary>
    public static CfnTopic Alarms(Construct scope, string prefix, CfnKey? key, int serverErrors, int latencyMs, params (string Stage, string Endpoint)[] endpoints)
    {
        var topic = new CfnTopic(scope, "AlarmTopic", new CfnTopicProps { TopicName = $"{prefix}-alarms", KmsMasterKeyId = key?.Ref });
        foreach (var (stage, endpoint) in endpoints)
        {
            var id = char.ToUpperInvariant(stage[0]) + stage[1..];
            var dimensions = new[]
            {
                new CfnAlarm.DimensionProperty { Name = "EndpointName", Value = endpoint },
                new CfnAlarm.DimensionProperty { Name = "VariantName", Value = "AllTraffic" },
            };
            _ = new CfnAlarm(scope, id + "ServerErrorsAlarm", new CfnAlarmProps
            {
                AlarmName = $"{endpoint}-server-errors",
                AlarmDescription = $"The {stage} endpoint {endpoint} answered with at least {serverErrors} server errors (5xx) in 5 minutes.",
                Namespace = "AWS/SageMaker",
                MetricName = "Invocation5XXErrors",
                Dimensions = dimensions,
                Statistic = "Sum",
                Period = 300,
                EvaluationPeriods = 1,
                Threshold = serverErrors,
                ComparisonOperator = "GreaterThanOrEqualToThreshold",
                TreatMissingData = "notBreaching",
                AlarmActions = [topic.Ref],
                OkActions = [topic.Ref],
            });
            _ = new CfnAlarm(scope, id + "LatencyAlarm", new CfnAlarmProps
            {
                AlarmName = $"{endpoint}-latency",
                AlarmDescription = $"The {stage} endpoint {endpoint}'s model took more than {latencyMs} ms for one answer in ten, for 15 minutes.",
                Namespace = "AWS/SageMaker",
                MetricName = "ModelLatency",
                Dimensions = dimensions,
                ExtendedStatistic = "p90",
                Period = 300,
                EvaluationPeriods = 3,
                // ModelLatency is in microseconds.
                Threshold = latencyMs * 1000d,
                ComparisonOperator = "GreaterThanThreshold",
                TreatMissingData = "notBreaching",
                AlarmActions = [topic.Ref],
                OkActions = [topic.Ref],
            });
        }

        return topic;
    }
}
