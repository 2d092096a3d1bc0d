using MlPipeline.SageMakerPipelines.Code;

namespace MlPipeline.SageMakerPipelines;

/// <summary>
/// What every step a builder makes shares, as the Python SDK's <c>PipelineSession</c> and <c>role</c> do: the role the
/// jobs run as, the region, and the S3 layout under <c>s3://Bucket/Prefix/</c>: code bundles under <c>code/</c>
/// (keyed by content hash, <see cref="CodeBundle.S3Prefix"/>), step outputs under
/// <c>runs/EXECUTION-ID/STEP/OUTPUT</c>, model artifacts under <c>models/</c>.
/// </summary>
public sealed record PipelineSession
{
    /// <summary>The IAM role the jobs run as.</summary>
    public required PipelineValue<string> RoleArn { get; init; }

    /// <summary>The AWS region (images, <c>sagemaker_region</c>, <c>SAGEMAKER_REGION</c>).</summary>
    public required string Region { get; init; }

    /// <summary>The bucket that holds code, outputs and models.</summary>
    public required string Bucket { get; init; }

    /// <summary>The key prefix under the bucket, without slashes at either end; empty for the bucket's root.</summary>
    public string Prefix { get; init; } = "";

    /// <summary>
    /// The customer-managed KMS key (its ARN or id) that encrypts every job's storage volumes and what it writes to S3;
    /// null leaves volumes to SageMaker's own key and outputs to the bucket's default encryption.
    /// </summary>
    public string? KmsKeyId { get; init; }

    /// <summary><see cref="KmsKeyId"/> as the value a job's key field takes.</summary>
    internal PipelineValue<string>? KmsKey => KmsKeyId is { } key ? key : (PipelineValue<string>?)null;

    /// <summary>The cache setting of every processing and training step the builders make; null caches nothing.</summary>
    public CacheConfig? CacheConfig { get; init; }

    /// <summary>An S3 URI under the session's prefix: <c>s3://Bucket/Prefix/path</c>.</summary>
    /// <param name="path">The path under the prefix, without a leading slash.</param>
    public string S3Uri(string path) => $"s3://{Bucket}/{(Prefix.Trim('/').Length == 0 ? "" : Prefix.Trim('/') + "/")}{path}";

    /// <summary>The S3 folder of a code bundle (its files, one by one): what a processing job downloads.</summary>
    /// <param name="code">The bundle.</param>
    public string CodeS3Prefix(CodeBundle code) => (code ?? throw new ArgumentNullException(nameof(code))).S3Prefix(Bucket, Prefix);

    /// <summary>The S3 URI of a code bundle's <c>sourcedir.tar.gz</c>: what a framework container unpacks in script mode.</summary>
    /// <param name="code">The bundle.</param>
    public string CodeArchiveS3Uri(CodeBundle code) => (code ?? throw new ArgumentNullException(nameof(code))).ArchiveS3Uri(Bucket, Prefix);

    /// <summary>Where a step's output goes: <c>s3://Bucket/Prefix/runs/EXECUTION-ID/STEP/OUTPUT</c>, one folder per execution.</summary>
    /// <param name="stepName">The step.</param>
    /// <param name="outputName">The output.</param>
    public JoinFunction OutputS3Uri(string stepName, string outputName) =>
        Functions.Join("/", S3Uri("runs"), ExecutionVariables.PipelineExecutionId, stepName, outputName);
}
