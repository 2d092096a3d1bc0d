namespace Acme.Churn2.Infrastructure;

// Inside the namespace and from global::, so that no project name can hide them.
using global::Amazon.CDK;
using global::Amazon.CDK.AWS.IAM;
using global::Amazon.CDK.AWS.Lambda;
using global::Amazon.CDK.AWS.S3;
using global::Amazon.CDK.AWS.S3.Assets;
using global::Amazon.CDK.AWS.SQS;
using global::System.Collections.Generic;
using global::System.Globalization;
using global::Acme.Churn2.Pipeline;
using global::System.IO;
using static global::Acme.Churn2.Infrastructure.StackParts;
using EventRule = global::Amazon.CDK.AWS.Events.CfnRule;
using EventRuleProps = global::Amazon.CDK.AWS.Events.CfnRuleProps;

/// <summary>
/// The stack's two functions, both from the zip the project's CLI writes (<c>bundle</c>, deterministic: the same
/// scripts give the same bytes, so an unchanged zip changes nothing), and the rules that call them:
/// start-pipeline (steps/trigger_handler.py) starts the pipeline for new data and on the schedule with InputData
/// naming the data version, so SageMaker's step cache (keyed on arguments) retrains on new data; deploy-approved
/// (steps/approval_handler.py with steps/deploy.py) serves a newly Approved model on the staging endpoint only.
/// What fails after Lambda's own retries, and events that cannot be delivered, land in the dead-letter queue.
/// </summary>
public sealed partial class AcmeChurn2Infrastructure
{
    /// <summary>The zip <c>bundle</c> writes, relative to the project folder.</summary>
    public static readonly string DefaultFunctionsArchive = Path.Combine(".mlpipeline", "functions", "functions.zip");

    private CfnQueue Functions(CfnBucket bucket, CfnRole execution)
    {
        var archive = Path.GetFullPath(settings.FunctionsArchive ?? Path.Combine(projectRoot, DefaultFunctionsArchive));
        if (!File.Exists(archive))
        {
            throw new FileNotFoundException(
                $"The functions' zip {archive} is missing: write it with `dotnet run --project src/Acme.Churn-2.Pipeline -- bundle` (or give another with -c functionsArchive=PATH).", archive);
        }

        var code = new Asset(this, "FunctionsArchive", new AssetProps { Path = archive });
        var queue = new CfnQueue(this, "DeadLetterQueue", new CfnQueueProps
        {
            QueueName = Prefix + "-function-failures",
            MessageRetentionPeriod = 1209600,
            SqsManagedSseEnabled = true,
        });
        _ = new CfnQueuePolicy(this, "DeadLetterQueuePolicy", new CfnQueuePolicyProps
        {
            Queues = [queue.Ref],
            // EventBridge puts events it could not deliver to a function here, for this stack's rules only.
            PolicyDocument = Policy(new Dictionary<string, object>
            {
                ["Sid"] = "UndeliveredEvents",
                ["Effect"] = "Allow",
                ["Principal"] = new Dictionary<string, object> { ["Service"] = "events.amazonaws.com" },
                ["Action"] = "sqs:SendMessage",
                ["Resource"] = queue.AttrArn,
                ["Condition"] = Condition("ArnLike", "aws:SourceArn", $"arn:{Aws.PARTITION}:events:{Aws.REGION}:{Aws.ACCOUNT_ID}:rule/{Prefix}-*"),
            }),
        });

        // The deployment on approval: the staging endpoint, and nothing else.
        var deploy = Function(
            "DeployApproved",
            "deploy-approved",
            "Serves approved models of acme-churn-2 on its staging endpoint.",
            $"Serves the newly approved model of {ModelPackageGroupName} on {StagingEndpoint}.",
            "approval_handler.handler",
            // deploy.py waits for an endpoint that is being created or updated; the handler gives it what is left of this.
            900,
            new Dictionary<string, string>
            {
                ["MODEL_PACKAGE_GROUP"] = ModelPackageGroupName,
                ["ENDPOINT_NAME"] = StagingEndpoint,
                ["MODEL_ROLE_ARN"] = execution.AttrArn,
                ["INSTANCE_TYPE"] = settings.EndpointInstanceType,
                // The endpoint captures this share of its requests and answers here; deploy.py then requires a baseline.
                ["DATA_CAPTURE_PERCENTAGE"] = settings.DataCapturePercentage.ToString(CultureInfo.InvariantCulture),
                ["DATA_CAPTURE_URI"] = $"s3://{bucket.Ref}/{KeyPrefix}/data-capture",
                // The endpoint's volume and captured data are encrypted with the project's key, when it has one.
                ["MLPIPELINE_KMS_KEY_ARN"] = kmsKeyArn ?? "",
            },
            [
                Allow("ReadApprovedPackages", ["sagemaker:DescribeModelPackage", "sagemaker:ListModelPackages"], ModelPackageArns()),
                Allow(
                    "ServeOnStaging",
                    [
                        "sagemaker:CreateModel", "sagemaker:DescribeModel",
                        "sagemaker:CreateEndpointConfig", "sagemaker:DescribeEndpointConfig",
                        "sagemaker:CreateEndpoint", "sagemaker:UpdateEndpoint", "sagemaker:DescribeEndpoint",
                    ],
                    EndpointArns(StagingEndpoint)),
                Allow("PassModelRole", ["iam:PassRole"], execution.AttrArn, Condition("StringEquals", "iam:PassedToService", "sagemaker.amazonaws.com")),
                .. KeyUse(),
            ],
            code,
            queue);

        // The start of the pipeline for new data and on the schedule.
        var start = Function(
            "StartPipeline",
            "start-pipeline",
            "Starts the acme-churn-2 pipeline for new data and on its schedule.",
            $"Starts {PipelineSettings.PipelineName} with InputData set to the new data version.",
            "trigger_handler.handler",
            60,
            new Dictionary<string, string>
            {
                ["PIPELINE_NAME"] = PipelineSettings.PipelineName,
                ["DATA_PREFIX"] = $"s3://{bucket.Ref}/{KeyPrefix}/data/",
            },
            [
                Allow("StartPipeline", ["sagemaker:StartPipelineExecution"], SageMakerArn($"pipeline/{PipelineSettings.PipelineName}")),
                Allow("FindDataVersions", ["s3:ListBucket"], bucket.AttrArn, Condition("StringLike", "s3:prefix", KeyPrefix + "/data/*")),
            ],
            code,
            queue);

        if (settings.ScheduleExpression is { } schedule)
        {
            Rule("Schedule", "schedule", "Starts the acme-churn-2 pipeline on a schedule, on the newest data version.", start, "start-pipeline", queue, schedule, null);
        }

        if (settings.StartOnNewData)
        {
            Rule("NewData", "new-data", $"Starts the acme-churn-2 pipeline when new data lands under {KeyPrefix}/data/.", start, "start-pipeline", queue, null, new Dictionary<string, object>
            {
                ["source"] = new[] { "aws.s3" },
                ["detail-type"] = new[] { "Object Created" },
                ["detail"] = new Dictionary<string, object>
                {
                    ["bucket"] = new Dictionary<string, object> { ["name"] = new[] { bucket.Ref } },
                    ["object"] = new Dictionary<string, object> { ["key"] = new object[] { new Dictionary<string, object> { ["prefix"] = KeyPrefix + "/data/" } } },
                },
            });
        }

        // Approval starts deployment to staging: only events of this group whose status is Approved reach the
        // function, and the function (steps/deploy.py) checks the status and the group again before it touches the endpoint.
        Rule("Approved", "model-approved", $"A model package of {ModelPackageGroupName} was approved.", deploy, "deploy-approved", queue, null, new Dictionary<string, object>
        {
            ["source"] = new[] { "aws.sagemaker" },
            ["detail-type"] = new[] { "SageMaker Model Package State Change" },
            ["detail"] = new Dictionary<string, object>
            {
                ["ModelPackageGroupName"] = new[] { ModelPackageGroupName },
                ["ModelApprovalStatus"] = new[] { "Approved" },
            },
        });
        return queue;
    }

    private CfnFunction Function(
        string id,
        string name,
        string roleDescription,
        string description,
        string handler,
        int timeout,
        Dictionary<string, string> environment,
        Dictionary<string, object>[] statements,
        Asset code,
        CfnQueue queue)
    {
        var functionName = $"{Prefix}-{name}";
        var role = new CfnRole(this, id + "Role", new CfnRoleProps
        {
            RoleName = functionName,
            Description = roleDescription,
            AssumeRolePolicyDocument = ServiceTrust("lambda.amazonaws.com"),
            Policies = new object[]
            {
                new CfnRole.PolicyProperty
                {
                    PolicyName = name,
                    PolicyDocument = Policy(
                    [
                        .. statements,
                        Allow("DeadLetters", ["sqs:SendMessage"], queue.AttrArn),
                        Allow("Logs", ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"], $"arn:{Aws.PARTITION}:logs:{Aws.REGION}:{Aws.ACCOUNT_ID}:log-group:/aws/lambda/{functionName}:*"),
                    ]),
                },
            },
        });
        return new CfnFunction(this, id + "Function", new CfnFunctionProps
        {
            FunctionName = functionName,
            Description = description,
            Code = new CfnFunction.CodeProperty { S3Bucket = code.S3BucketName, S3Key = code.S3ObjectKey },
            Handler = handler,
            Runtime = "python3.12",
            Timeout = timeout,
            Role = role.AttrArn,
            DeadLetterConfig = new CfnFunction.DeadLetterConfigProperty { TargetArn = queue.AttrArn },
            Environment = new CfnFunction.EnvironmentProperty { Variables = environment },
        });
    }

    private void Rule(string id, string name, string description, CfnFunction function, string targetId, CfnQueue queue, string? schedule, Dictionary<string, object>? pattern)
    {
        var rule = new EventRule(this, id + "Rule", new EventRuleProps
        {
            Name = $"{Prefix}-{name}",
            Description = description,
            ScheduleExpression = schedule,
            EventPattern = pattern,
            Targets = new object[]
            {
                new EventRule.TargetProperty
                {
                    Id = targetId,
                    Arn = function.AttrArn,
                    DeadLetterConfig = new EventRule.DeadLetterConfigProperty { Arn = queue.AttrArn },
                },
            },
        });
        _ = new CfnPermission(this, id + "Permission", new CfnPermissionProps
        {
            Action = "lambda:InvokeFunction",
            FunctionName = function.Ref,
            Principal = "events.amazonaws.com",
            SourceArn = rule.AttrArn,
            SourceAccount = Aws.ACCOUNT_ID,
        });
    }
}
