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
    public async Task<IReadOnlyList<PublishedObject>> PublishAsync(
        string bucket, string prefix, IEnumerable<CodeAsset> code, string definitionJson, CancellationToken cancellationToken = default)
    {
        var results = new List<PublishedObject>();
        foreach (var asset in code.OrderBy(a => a.FileName, StringComparer.Ordinal))
        {
            results.Add(await PutIfMissingAsync(bucket, asset.S3Key(prefix), asset.Content, "text/x-python", cancellationToken));
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
