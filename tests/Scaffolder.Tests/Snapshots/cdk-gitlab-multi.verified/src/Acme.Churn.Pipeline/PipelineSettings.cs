namespace Acme.Churn.Pipeline;

// Inside the namespace and from global::, so that no project name can hide them (a project named Environment would).
using global::MlPipeline.SageMakerPipelines.Cli;
using global::System;

/// <summary>
/// Where the pipeline runs: bucket, role, region, key and names. Local runs use the defaults; CI sets
/// MLPIPELINE_BUCKET and MLPIPELINE_ROLE_ARN from the infrastructure stack's names, and MLPIPELINE_KMS_KEY_ARN from
/// the bucket's default encryption when the stack encrypts with a customer-managed key.
/// </summary>
/// <param name="ProjectRoot">The project folder (the one with mlpipeline.yaml).</param>
/// <param name="Bucket">The artifact bucket.</param>
/// <param name="RoleArn">The SageMaker execution role.</param>
/// <param name="Region">The AWS region.</param>
/// <param name="KmsKeyArn">The customer-managed KMS key of the jobs' volumes and outputs; null for none (SageMaker's and S3's own keys).</param>
public sealed record PipelineSettings(string ProjectRoot, string Bucket, string RoleArn, string Region, string? KmsKeyArn = null)
{
    /// <summary>The pipeline's name in SageMaker.</summary>
    public const string PipelineName = "acme-churn";

    /// <summary>The key prefix of everything the pipeline stores in the bucket.</summary>
    public const string Prefix = "acme-churn";

    /// <summary>The model package group that receives the models that pass evaluation.</summary>
    public const string ModelPackageGroup = "acme-churn-models";

    /// <summary>The settings from the environment, with local defaults.</summary>
    public static PipelineSettings FromEnvironment() => new(
        PipelineApp.FindProjectRoot(),
        Environment.GetEnvironmentVariable("MLPIPELINE_BUCKET") is { Length: > 0 } bucket ? bucket : "acme-churn-local",
        Environment.GetEnvironmentVariable("MLPIPELINE_ROLE_ARN") is { Length: > 0 } role ? role : "arn:aws:iam::000000000000:role/acme-churn-local",
        Environment.GetEnvironmentVariable("AWS_REGION") is { Length: > 0 } region ? region : "us-west-2",
        Environment.GetEnvironmentVariable("MLPIPELINE_KMS_KEY_ARN") is { Length: > 0 } key ? key : null);
}
