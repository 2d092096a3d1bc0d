using System.Security.Cryptography;
using System.Text;
using MlPipeline.SageMakerPipelines.Local;
using MlPipeline.SageMakerPipelines.Publishing;

namespace MlPipeline.SageMakerPipelines.Code;

/// <summary>
/// The scripts one step needs (its script and shared helpers), under one content-hash prefix: a processing step
/// mounts the prefix, a training step gets the same files as <c>sourcedir.tar.gz</c> (script mode). Changing any
/// file changes the prefix, and so the definition; an unchanged bundle keeps the step cache.
/// </summary>
public sealed record CodeBundle
{
    private CodeBundle(string name, IReadOnlyList<(string FileName, byte[] Content)> files, string sha256)
    {
        Name = name;
        Files = files;
        Sha256 = sha256;
    }

    /// <summary>The bundle's name, such as the step's script without .py.</summary>
    public string Name { get; }

    /// <summary>The files, by name.</summary>
    public IReadOnlyList<(string FileName, byte[] Content)> Files { get; }

    /// <summary>A SHA-256 over every file's name and content.</summary>
    public string Sha256 { get; }

    /// <summary>A bundle of files (plain file names, no folders).</summary>
    /// <param name="name">The bundle's name.</param>
    /// <param name="files">The files.</param>
    public static CodeBundle Create(string name, IEnumerable<(string FileName, byte[] Content)> files)
    {
        var ordered = files.OrderBy(f => f.FileName, StringComparer.Ordinal).ToList();
        if (ordered.Count == 0 || ordered.Any(f => f.FileName.Length == 0 || f.FileName.Contains('/', StringComparison.Ordinal) || f.FileName.Contains('\\', StringComparison.Ordinal)))
        {
            throw new ArgumentException("A code bundle needs at least one file, each with a plain file name.", nameof(files));
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (fileName, content) in ordered)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(fileName + "\n"));
            hash.AppendData(SHA256.HashData(content));
        }

        return new CodeBundle(name, ordered, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    /// <summary>The prefix the files are under: <c>s3://BUCKET/PREFIX/code/NAME-SHA256/</c>.</summary>
    /// <param name="bucket">The bucket.</param>
    /// <param name="prefix">The key prefix.</param>
    public string S3Prefix(string bucket, string prefix) =>
        $"s3://{bucket}/{(prefix.Trim('/').Length == 0 ? "" : prefix.Trim('/') + "/")}code/{Name}-{Sha256[..16]}/";

    /// <summary>The files as <c>sourcedir.tar.gz</c> under the prefix, for script-mode training.</summary>
    /// <param name="bucket">The bucket.</param>
    /// <param name="prefix">The key prefix.</param>
    public string ArchiveS3Uri(string bucket, string prefix) => S3Prefix(bucket, prefix) + "sourcedir.tar.gz";

    /// <summary>
    /// The files as a zip archive, the same bytes for the same files on every machine (stored entries in name
    /// order, fixed times and modes): what an AWS Lambda function deploys, so an unchanged bundle changes nothing.
    /// </summary>
    public byte[] ToZip() => DeterministicZip.Pack(Files.Select(f => (f.FileName, f.Content)));

    /// <summary>Every object to upload: each file, and the archive.</summary>
    /// <param name="bucket">The bucket.</param>
    /// <param name="prefix">The key prefix.</param>
    public IReadOnlyList<PipelineObject> Objects(string bucket, string prefix)
    {
        var objects = Files.Select(f => new PipelineObject(S3Prefix(bucket, prefix) + f.FileName, f.Content)).ToList();
        objects.Add(new PipelineObject(ArchiveS3Uri(bucket, prefix), DeterministicArchive.Pack(Files)));
        return objects;
    }
}
