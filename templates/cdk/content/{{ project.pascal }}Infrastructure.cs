namespace {{ project.namespace }}.Infrastructure;

// Inside the namespace and from global::, so that no project name can hide them (a project named Stack would).
using global::Amazon.CDK;
using global::Amazon.CDK.AWS.IAM;
using global::Amazon.CDK.AWS.S3;
using global::Amazon.CDK.AWS.Sagemaker;
using global::Constructs;
using global::System;
using global::System.Collections.Generic;
using global::System.IO;
using global::System.Security.Cryptography;
using global::System.Text;
using global::{{ project.namespace }}.Pipeline;
using static global::{{ project.namespace }}.Infrastructure.StackParts;

/// <summary>
{{~ if options.accounts == "single" ~}}
/// The project's AWS resources, the same as infra/terraform and infra/cloudformation of the other choices: the
/// artifact bucket, the pipeline's roles, the model package group, the pipeline with the definition the pipeline
/// project's Create(...) builds, the functions and rules that start it and serve approved models on staging{{ if options.ci != "none" }},
/// and the role CI assumes with OIDC{{ end }}. Every AWS name derives from the project name, the account and the region; CI,
/// the README and the pipeline's settings use the same names (a test of the generator compares them).
{{~ else ~}}
/// The build account's AWS resources, the same as infra/terraform and infra/cloudformation of the other choices: the
/// artifact bucket, the pipeline's role, the model package group (which the staging and production accounts may read),
/// the pipeline with the definition the pipeline project's Create(...) builds, the function and rules that start it{{ if options.ci != "none" }},
/// and the roles CI assumes with OIDC{{ end }}. Approved versions are served in the staging and production accounts, by
/// their own stacks ({{ project.pascal }}TargetInfrastructure). Every AWS name derives from the project name, the account and the
/// region; CI, the README and the pipeline's settings use the same names (a test of the generator compares them).
{{~ end ~}}
/// </summary>
public sealed partial class {{ project.pascal }}Infrastructure : global::Amazon.CDK.Stack
{
    /// <summary>The region of every resource (the pipeline's images are the ones of this region).</summary>
    public const string RegionName = "{{ options.region }}";

    /// <summary>The prefix of every resource name.</summary>
    public const string Prefix = "{{ project.resource }}";

    /// <summary>The key prefix of everything the pipeline keeps in the bucket.</summary>
    public const string KeyPrefix = PipelineSettings.Prefix;

    /// <summary>The model package group (the one the definition registers into).</summary>
    public const string ModelPackageGroupName = PipelineSettings.ModelPackageGroup;

    /// <summary>The endpoint an approved model is served on first.</summary>
    public const string StagingEndpoint = "{{ project.kebab }}-staging";

    /// <summary>The endpoint CI's manual production gate promotes a tested model to.</summary>
    public const string ProductionEndpoint = "{{ project.kebab }}";

    /// <summary>SageMaker takes a definition inline up to 100 KB; a larger one goes through S3.</summary>
    public const int MaxInlineDefinition = 100_000;

    private readonly StackSettings settings;
    private readonly string projectRoot;
    private readonly string? kmsKeyArn;

    /// <summary>The stack.</summary>
    /// <param name="scope">The app.</param>
    /// <param name="id">The stack's id, which is also its name.</param>
    /// <param name="props">The stack's environment.</param>
    /// <param name="settings">What the deployment chooses.</param>
    /// <param name="projectRoot">The project folder (the one with mlpipeline.yaml): the pipeline's scripts and the functions' zip.</param>
    public {{ project.pascal }}Infrastructure(Construct scope, string id, IStackProps props, StackSettings settings, string projectRoot)
        : base(scope, id, props)
    {
        ArgumentNullException.ThrowIfNull(settings);
        this.settings = settings;
        this.projectRoot = projectRoot;
        global::Amazon.CDK.Tags.Of(this).Add("Project", {{ cs.quote project.name }});
        global::Amazon.CDK.Tags.Of(this).Add("Owner", settings.Owner);
        global::Amazon.CDK.Tags.Of(this).Add("ManagedBy", "cdk");

        var key = settings.CreateKmsKey ? ProjectKey() : null;
        kmsKeyArn = key?.AttrArn ?? settings.KmsKeyArn;
        var bucket = ArtifactBucket();
        var execution = ExecutionRole(bucket);
        var group = new CfnModelPackageGroup(this, "ModelPackageGroup", new CfnModelPackageGroupProps
        {
            ModelPackageGroupName = ModelPackageGroupName,
            ModelPackageGroupDescription = "Models of {{ project.kebab }} that passed evaluation; deploy only Approved ones.",
{{~ if options.accounts == "multi" ~}}
            // The staging and production accounts may read its versions (deploy.py checks approval there).
            ModelPackageGroupPolicy = TargetAccountsReadVersions(),
{{~ end ~}}
        });
        var pipeline = Pipeline(bucket, execution);
{{~ if options.accounts == "single" ~}}
        var queue = Functions(bucket, execution);
        var alarms = Alarms(
            this, Prefix, key, settings.AlarmServerErrors, settings.AlarmLatencyMs, ("staging", StagingEndpoint), ("production", ProductionEndpoint));
{{~ else ~}}
        var queue = Functions(bucket);
{{~ end ~}}
{{~ if options.ci != "none" ~}}
        var ci = CiRole(bucket, execution);
{{~ if options.accounts == "multi" ~}}
        var promote = ci is null ? null : CiPromoteRole();
{{~ end ~}}
{{~ end ~}}

        Output("ArtifactBucketName", "The S3 bucket that holds the pipeline's code, data and run artifacts (MLPIPELINE_BUCKET).", bucket.Ref);
        Output("KeyPrefix", "The key prefix of everything the pipeline keeps in the bucket; new data goes under KEY_PREFIX/data/.", KeyPrefix);
        Output("ExecutionRoleArn", "The role the pipeline and its jobs run as (MLPIPELINE_ROLE_ARN).", execution.AttrArn);
        Output("PipelineName", "The SageMaker pipeline's name.", PipelineSettings.PipelineName);
        Output("PipelineArn", "The SageMaker pipeline's ARN.", $"arn:{Aws.PARTITION}:sagemaker:{Aws.REGION}:{Aws.ACCOUNT_ID}:pipeline/{pipeline.Ref}");
        Output("ModelPackageGroup", "The model package group of the models that passed evaluation.", Fn.Select(1, Fn.Split("/", group.AttrModelPackageGroupArn)));
{{~ if options.accounts == "single" ~}}
        Output("StagingEndpoint", "The endpoint an approved model is served on first (by the approval function and CI's promote).", StagingEndpoint);
        Output("ProductionEndpoint", "The endpoint CI's manual production gate promotes a tested model to.", ProductionEndpoint);
        Output("DeadLetterQueueUrl", "Where events and function calls that failed end up (read it when a model did not reach staging).", queue.Ref);
        Output("AlarmTopicArn", "The SNS topic the endpoints' alarms notify; subscribe to it to be told.", alarms.Ref);
{{~ else ~}}
        Output("DeadLetterQueueUrl", "Where events and function calls that failed end up (read it when the pipeline did not start).", queue.Ref);
        Output("StagingDeployRoleArn", "The role CI's promotion assumes in the staging account (made there by the stack {{ project.kebab }}-staging).", TargetRoleArn(settings.StagingAccountId, "deploy"));
        Output("ProductionDeployRoleArn", "The role CI's promotion assumes in the production account (made there by the stack {{ project.kebab }}-production).", TargetRoleArn(settings.ProductionAccountId, "deploy"));
{{~ end ~}}
        if (kmsKeyArn is not null)
        {
            Output("KmsKeyArn", "The customer-managed KMS key of the bucket, jobs{{ if options.accounts == "single" }}, endpoints and alarms{{ else }} and outputs{{ end }} (MLPIPELINE_KMS_KEY_ARN).", kmsKeyArn);
        }
{{~ if options.ci != "none" ~}}
        if (ci is not null)
        {
            Output("CiRoleArn", "The role CI assumes with OIDC.", ci.AttrArn);
        }
{{~ if options.accounts == "multi" ~}}

        if (promote is not null)
        {
            Output("CiPromoteRoleArn", "The role CI's promotion assumes with OIDC before it assumes each target account's deploy role.", promote.AttrArn);
        }
{{~ end ~}}
{{~ end ~}}
    }

    /// <summary>The bucket's name: within the 63 characters S3 allows (20 + 1 + 12 + 1 + 14 + 3).</summary>
    public string BucketName => BucketNameIn(Account);

    /// <summary>The name of the project's bucket in an account (the build account's artifacts, a target account's captures).</summary>
    public static string BucketNameIn(string account) => $"{Prefix}-{account}-{RegionName}-ml";

    /// <summary>The ARN of the role the pipeline and its jobs run as, from its name (what the definition names).</summary>
    public string ExecutionRoleArn => $"arn:{PartitionName}:iam::{Account}:role/{Prefix}-sagemaker-execution";

    /// <summary>The partition of <see cref="RegionName"/>, known when the app synthesizes.</summary>
    public static string PartitionName => global::Amazon.CDK.RegionInfo.RegionInfo.Get(RegionName).Partition ?? "aws";

    /// <summary>The settings the pipeline's definition is built with: this stack's bucket, role, region and key.</summary>
    public PipelineSettings PipelineSettingsFor() => new(projectRoot, BucketName, ExecutionRoleArn, RegionName, kmsKeyArn);

    private CfnPipeline Pipeline(CfnBucket bucket, CfnRole execution)
    {
        // The definition straight from the pipeline project: the same Create(...) the definition verb prints.
        var json = {{ project.pascal }}Pipeline.Create(PipelineSettingsFor(), {{ project.pascal }}Pipeline.Code(projectRoot)).ToJson(indented: false);
        object definition;
        var size = Encoding.UTF8.GetByteCount(json);
        if (size <= settings.InlineDefinitionLimit)
        {
            // A dictionary, not CfnPipeline.PipelineDefinitionProperty: the typed property is written as
            // pipelineDefinitionBody (lowercase), which CloudFormation does not know (aws/aws-cdk#25774).
            definition = new Dictionary<string, object> { ["PipelineDefinitionBody"] = json };
        }
        else
        {
            if (Token.IsUnresolved(json))
            {
                throw new InvalidOperationException(
                    $"The pipeline definition is {size} bytes, over the {settings.InlineDefinitionLimit} the stack puts inline, so it goes to S3 as a file, "
                    + "and a file cannot hold what CloudFormation knows only on deploy: synthesize with the account set (cdk deploy sets CDK_DEFAULT_ACCOUNT from your credentials), "
                    + "and give your own key as kmsKeyArn instead of createKmsKey.");
            }

            // The file beside the cloud assembly the app writes (never in the project): the CDK stages it as an asset
            // named by its content's hash and uploads it to the bootstrap bucket on deploy.
            var folder = Path.Combine(Stage.Of(this)!.Outdir, "definitions");
            Directory.CreateDirectory(folder);
            var file = Path.Combine(folder, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json))) + ".json");
            File.WriteAllText(file, json);
            var asset = new global::Amazon.CDK.AWS.S3.Assets.Asset(this, "PipelineDefinitionFile", new global::Amazon.CDK.AWS.S3.Assets.AssetProps { Path = file });
            definition = new Dictionary<string, object>
            {
                ["PipelineDefinitionS3Location"] = new Dictionary<string, object> { ["Bucket"] = asset.S3BucketName, ["Key"] = asset.S3ObjectKey },
            };
        }

        return new CfnPipeline(this, "Pipeline", new CfnPipelineProps
        {
            PipelineName = PipelineSettings.PipelineName,
            PipelineDisplayName = PipelineSettings.PipelineName,
            RoleArn = execution.AttrArn,
            PipelineDefinition = definition,
        });
    }

    private void Output(string name, string description, string value) => StackParts.Output(this, name, description, value);
}
