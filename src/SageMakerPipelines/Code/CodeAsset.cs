using System.Security.Cryptography;

namespace MlPipeline.SageMakerPipelines.Code;

/// <summary>
/// A script referenced by its content: its S3 key holds the SHA-256 of its bytes, so an unchanged script gives
/// an unchanged definition and SageMaker's step cache survives a redeploy, while any change gives a new key.
/// </summary>
public sealed record CodeAsset
{
    private CodeAsset(string fileName, string sha256, byte[] content)
    {
        FileName = fileName;
        Sha256 = sha256;
        Content = content;
    }

    /// <summary>The script's file name, kept as the last segment of the key so the entrypoint keeps its name.</summary>
    public string FileName { get; }

    /// <summary>The SHA-256 of the content, lower-case hex.</summary>
    public string Sha256 { get; }

    /// <summary>The bytes.</summary>
    public ReadOnlyMemory<byte> Content { get; }

    /// <summary>A script from its bytes.</summary>
    /// <param name="fileName">The file name, such as train.py.</param>
    /// <param name="content">The bytes.</param>
    public static CodeAsset FromBytes(string fileName, ReadOnlySpan<byte> content)
    {
        if (fileName.Length == 0 || fileName.Contains('/', StringComparison.Ordinal) || fileName.Contains('\\', StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{fileName}' is not a plain file name.", nameof(fileName));
        }

        return new CodeAsset(fileName, Convert.ToHexStringLower(SHA256.HashData(content)), content.ToArray());
    }

    /// <summary>A script from a file.</summary>
    /// <param name="path">The file's path.</param>
    public static CodeAsset FromFile(string path) => FromBytes(Path.GetFileName(path), File.ReadAllBytes(path));

    /// <summary>The key under <paramref name="prefix"/>: <c>PREFIX/code/SHA256/FILE</c>.</summary>
    /// <param name="prefix">The key prefix, such as the project's name; empty for none.</param>
    public string S3Key(string prefix) => (prefix.Trim('/').Length == 0 ? "" : prefix.Trim('/') + "/") + $"code/{Sha256}/{FileName}";

    /// <summary>The object to upload for this script.</summary>
    /// <param name="bucket">The bucket.</param>
    /// <param name="prefix">The key prefix.</param>
    public Publishing.PipelineObject ToObject(string bucket, string prefix) => new(S3Uri(bucket, prefix), Content);

    /// <summary>The S3 URI in <paramref name="bucket"/>.</summary>
    /// <param name="bucket">The bucket.</param>
    /// <param name="prefix">The key prefix.</param>
    public string S3Uri(string bucket, string prefix) => $"s3://{bucket}/{S3Key(prefix)}";
}
