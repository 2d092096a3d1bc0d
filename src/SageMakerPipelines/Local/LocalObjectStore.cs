using System.Security.Cryptography;

namespace MlPipeline.SageMakerPipelines.Local;

/// <summary>
/// S3 on disk: <c>s3://bucket/key</c> is the file <c>ROOT/bucket/key</c>. Objects are written atomically, so a
/// crash or a second run never leaves half an object; a "prefix" is every object whose key starts with it.
/// </summary>
public sealed class LocalObjectStore
{
    /// <summary>A store rooted at <paramref name="root"/> (created when needed).</summary>
    /// <param name="root">The folder that holds the buckets, such as <c>.mlpipeline/s3</c>.</param>
    public LocalObjectStore(string root) => Root = Path.GetFullPath(root);

    /// <summary>The folder that holds the buckets.</summary>
    public string Root { get; }

    /// <summary>The file of an object (whether or not it exists).</summary>
    /// <param name="uri">An <c>s3://bucket/key</c> URI.</param>
    /// <exception cref="ArgumentException">Not an S3 URI, or a key that climbs out of the store.</exception>
    public string PathOf(string uri)
    {
        if (!uri.StartsWith("s3://", StringComparison.Ordinal) || uri.Length <= 5)
        {
            throw new ArgumentException($"'{uri}' is not an S3 URI (s3://bucket/key).", nameof(uri));
        }

        var path = Path.GetFullPath(Path.Combine(Root, uri[5..].TrimEnd('/')));
        if (!path.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{uri}' points outside the local object store.", nameof(uri));
        }

        return path;
    }

    /// <summary>Stores bytes as an object.</summary>
    /// <param name="uri">The object's URI.</param>
    /// <param name="content">The bytes.</param>
    public void Put(string uri, ReadOnlySpan<byte> content) => AtomicFile.Write(PathOf(uri), content);

    /// <summary>The objects under a URI: the object itself if it is one, else every object under it as a prefix.</summary>
    /// <param name="uri">An object or prefix URI.</param>
    /// <returns>(key relative to the prefix, file), ordered by key; relative key is the file name for a single object.</returns>
    public IReadOnlyList<(string RelativeKey, string File)> List(string uri)
    {
        var path = PathOf(uri);
        if (File.Exists(path))
        {
            return [(Path.GetFileName(path), path)];
        }

        if (!Directory.Exists(path))
        {
            return [];
        }

        return Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".tmp", StringComparison.Ordinal))
            .Select(f => (Path.GetRelativePath(path, f).Replace(Path.DirectorySeparatorChar, '/'), f))
            .OrderBy(x => x.Item1, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Copies the objects under a URI into a folder, as SageMaker downloads an input.</summary>
    /// <param name="uri">An object or prefix URI.</param>
    /// <param name="folder">The destination folder.</param>
    /// <returns>How many objects were copied.</returns>
    public int Download(string uri, string folder)
    {
        var objects = List(uri);
        foreach (var (key, file) in objects)
        {
            var destination = Path.Combine(folder, key);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination, overwrite: true);
        }

        return objects.Count;
    }

    /// <summary>Copies every file of a folder under a prefix, as SageMaker uploads an output.</summary>
    /// <param name="folder">The folder.</param>
    /// <param name="uri">The destination prefix.</param>
    /// <returns>How many files were uploaded.</returns>
    public int Upload(string folder, string uri)
    {
        var files = Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList()
            : [];
        foreach (var file in files)
        {
            var key = Path.GetRelativePath(folder, file).Replace(Path.DirectorySeparatorChar, '/');
            AtomicFile.Copy(file, PathOf(uri.TrimEnd('/') + "/" + key));
        }

        return files.Count;
    }

    /// <summary>A SHA-256 over the keys and contents of the objects under a URI: equal content, equal hash.</summary>
    /// <param name="uri">An object or prefix URI.</param>
    public string ContentHash(string uri)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (key, file) in List(uri))
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(key + "\n"));
            hash.AppendData(SHA256.HashData(File.ReadAllBytes(file)));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
