namespace Acme.Churn2.Pipeline;

// Inside the namespace and from global::, so that no project name can hide them (a project named Environment would).
using global::MlPipeline.SageMakerPipelines.Cli;
using global::System;

/// <summary>
/// Where the pipeline runs: bucket, role, region and names. Local runs use the defaults; CI sets
/// MLPIPELINE_BUCKET and MLPIPELINE_ROLE_ARN from the infrastructure stack's outputs.
/// </summary>
/// <param name="ProjectRoot">The project folder (the one with mlpipeline.yaml).</param>
/// <param name="Bucket">The artifact bucket.</param>
/// <param name="RoleArn">The SageMaker execution role.</param>
/// <param name="Region">The AWS region.</param>
public sealed record PipelineSettings(string ProjectRoot, string Bucket, string RoleArn, string Region)
{
    /// <summary>The pipeline's name in SageMaker.</summary>
    public const string PipelineName = "acme-churn-2";

    /// <summary>The key prefix of everything the pipeline stores in the bucket.</summary>
    public const string Prefix = "acme-churn-2";

    /// <summary>The model package group that receives the models that pass evaluation.</summary>
    public const string ModelPackageGroup = "acme-churn-2-models";

    /// <summary>The settings from the environment, with local defaults.</summary>
    public static PipelineSettings FromEnvironment() => new(
        PipelineApp.FindProjectRoot(),
        Environment.GetEnvironmentVariable("MLPIPELINE_BUCKET") is { Length: > 0 } bucket ? bucket : "acme-churn-2-local",
        Environment.GetEnvironmentVariable("MLPIPELINE_ROLE_ARN") is { Length: > 0 } role ? role : "arn:aws:iam::000000000000:role/acme-churn-2-local",
        Environment.GetEnvironmentVariable("AWS_REGION") is { Length: > 0 } region ? region : "eu-central-1");
}
