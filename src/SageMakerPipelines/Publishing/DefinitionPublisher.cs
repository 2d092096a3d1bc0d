using System.Net;
using System.Security.Cryptography;
using System.Text;
using Amazon.S3;
using Amazon.S3.Model;
using MlPipeline.SageMakerPipelines.Code;

namespace MlPipeline.SageMakerPipelines.Publishing;

/// <summary>
/// Uploads a pipeline's scripts and definition to S3 under content-hash keys, idempotently: an object whose
/// key is already there is not uploaded again (its key says its content), so publishing twice changes nothing.
/// </summary>
/// <param name="s3">The S3 client.</param>
public sealed class DefinitionPublisher(IAmazonS3 s3)
{
    /// <summary>Uploads the scripts and the definition.</summary>
    /// <param name="bucket">The artifact bucket.</param>
    /// <param name="prefix">The key prefix, such as the project's name.</param>
    /// <param name="code">The scripts the definition references.</param>
    /// <param name="definitionJson">The definition JSON; stored at PREFIX/definitions/SHA256.json.</param>
    /// <param name="cancellationToken">Stops the upload.</param>
    /// <returns>Every object, in upload order: the scripts, then the definition.</returns>
    public Task<IReadOnlyList<PublishedObject>> PublishAsync(
        string bucket, string prefix, IEnumerable<CodeAsset> code, string definitionJson, CancellationToken cancellationToken = default) =>
        PublishAsync(code.Select(c => c.ToObject(bucket, prefix)), bucket, prefix, definitionJson, cancellationToken);

    /// <summary>Uploads objects the definition references, then the definition.</summary>
    /// <param name="objects">The objects, each with its full S3 URI.</param>
    /// <param name="bucket">The bucket of the definition.</param>
    /// <param name="prefix">The key prefix of the definition.</param>
    /// <param name="definitionJson">The definition JSON; stored at PREFIX/definitions/SHA256.json.</param>
    /// <param name="cancellationToken">Stops the upload.</param>
    /// <returns>Every object, in upload order: the referenced objects by URI, then the definition.</returns>
    public async Task<IReadOnlyList<PublishedObject>> PublishAsync(
        IEnumerable<PipelineObject> objects, string bucket, string prefix, string definitionJson, CancellationToken cancellationToken = default)
    {
        var results = new List<PublishedObject>();
        foreach (var item in objects.OrderBy(o => o.S3Uri, StringComparer.Ordinal))
        {
            var (objectBucket, key) = Split(item.S3Uri);
            var uploaded = await PutIfMissingAsync(objectBucket, key, item.Content, ContentType(key), cancellationToken);
            results.Add(uploaded with { Key = objectBucket == bucket ? key : $"{objectBucket}/{key}" });
        }

        var definition = Encoding.UTF8.GetBytes(definitionJson);
        results.Add(await PutIfMissingAsync(bucket, DefinitionKey(prefix, definitionJson), definition, "application/json", cancellationToken));
        return results;
    }

    /// <summary>The key of a definition: PREFIX/definitions/SHA256.json.</summary>
    /// <param name="prefix">The key prefix.</param>
    /// <param name="definitionJson">The definition JSON.</param>
    public static string DefinitionKey(string prefix, string definitionJson) =>
        (prefix.Trim('/').Length == 0 ? "" : prefix.Trim('/') + "/")
        + $"definitions/{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(definitionJson)))}.json";

    private static (string Bucket, string Key) Split(string uri)
    {
        var rest = uri.StartsWith("s3://", StringComparison.Ordinal) ? uri[5..] : throw new ArgumentException($"'{uri}' is not an S3 URI.", nameof(uri));
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        return slash <= 0 ? throw new ArgumentException($"'{uri}' has no key.", nameof(uri)) : (rest[..slash], rest[(slash + 1)..]);
    }

    private static string ContentType(string key) => Path.GetExtension(key) switch
    {
        ".py" => "text/x-python",
        ".gz" => "application/gzip",
        ".json" => "application/json",
        ".csv" => "text/csv",
        _ => "application/octet-stream",
    };

    private async Task<PublishedObject> PutIfMissingAsync(string bucket, string key, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken)
    {
        try
        {
            await s3.GetObjectMetadataAsync(bucket, key, cancellationToken);
            return new PublishedObject(key, Uploaded: false);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            using var stream = new MemoryStream(content.ToArray(), writable: false);
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, InputStream = stream, ContentType = contentType }, cancellationToken);
            return new PublishedObject(key, Uploaded: true);
        }
    }
}
