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
        if (ordered.Count == 0 || ordered.Any(f => !IsPlainFileName(f.FileName)))
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

    /// <summary>
    /// A bundle of Python scripts of a folder and the modules of that folder they import, followed from import to
    /// import (<c>import x</c> or <c>from x import y</c>, at any indentation, where x.py is in the folder): what the
    /// scripts need and nothing else. So a change to a helper module changes the bundles, and with them the cache
    /// keys, of only the steps that import it, on SageMaker as locally: both run the bundle's files, never the
    /// folder. A module imported by a computed name (importlib) is not seen; list it in <paramref name="scripts"/>.
    /// </summary>
    /// <param name="name">The bundle's name.</param>
    /// <param name="folder">The folder of the scripts and their helper modules.</param>
    /// <param name="scripts">The scripts' file names, such as train.py.</param>
    /// <exception cref="FileNotFoundException">A script is not in the folder.</exception>
    public static CodeBundle FromScripts(string name, string folder, IEnumerable<string> scripts)
    {
        var read = new Dictionary<string, byte[]?>(StringComparer.Ordinal);
        byte[]? Content(string file) => read.TryGetValue(file, out var content) ? content
            : read[file] = IsPlainFileName(file) && File.Exists(Path.Combine(folder, file)) ? File.ReadAllBytes(Path.Combine(folder, file)) : null;

        IReadOnlyList<string> files;
        try
        {
            files = PythonImports.Closure(scripts, file => Content(file) is { } bytes ? Encoding.UTF8.GetString(bytes) : null);
        }
        catch (FileNotFoundException e)
        {
            throw new FileNotFoundException($"The script {e.FileName} is not in {folder}.", Path.Combine(folder, e.FileName ?? ""), e);
        }

        return Create(name, files.Select(file => (file, Content(file)!)));
    }

    private static bool IsPlainFileName(string fileName) =>
        fileName.Length > 0 && !fileName.Contains('/', StringComparison.Ordinal) && !fileName.Contains('\\', StringComparison.Ordinal);

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
