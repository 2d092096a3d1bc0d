using System.Security.Cryptography;
using MlPipeline.Shared;

namespace MlPipeline.SageMakerPipelines.Local;

/// <summary>
/// S3 on disk: <c>s3://bucket/key</c> is the file <c>ROOT/bucket/key</c>. Objects are written atomically, so a
/// crash or a second run never leaves half an object; a "prefix" is every object whose key starts with it.
/// Files are copied and hashed as streams, so an object of any size takes little memory. The store never follows a
/// symbolic link: a link in the store, or in a folder uploaded to it, is refused (SMP103), and a key that climbs out
/// of the store is refused (SMP101).
/// </summary>
public sealed class LocalObjectStore
{
    private const int BufferSize = 1 << 20;

    /// <summary>A store rooted at <paramref name="root"/> (created when needed).</summary>
    /// <param name="root">The folder that holds the buckets, such as <c>.mlpipeline/s3</c>.</param>
    public LocalObjectStore(string root) => Root = Path.GetFullPath(root);

    /// <summary>The folder that holds the buckets.</summary>
    public string Root { get; }

    /// <summary>The file of an object (whether or not it exists).</summary>
    /// <param name="uri">An <c>s3://bucket/key</c> URI.</param>
    /// <exception cref="LocalRunException">Not an S3 URI (SMP020), a key that climbs out of the store (SMP101), or a symbolic link on the way (SMP103).</exception>
    public string PathOf(string uri)
    {
        if (!uri.StartsWith("s3://", StringComparison.Ordinal) || uri.Length <= 5 || uri.Contains('\0', StringComparison.Ordinal))
        {
            throw new LocalRunException($"{Validation.ValidationRules.MalformedS3Uri} '{uri}' is not an S3 URI (s3://bucket/key).");
        }

        // S3 keys may hold '.' and '..' as plain text, but on disk they would climb: such keys are refused.
        var segments = uri[5..].TrimEnd('/').Split('/');
        if (segments[0].Length == 0 || segments.Any(s => s is "." or ".."))
        {
            throw LocalSandbox.Outside($"'{uri}' has an empty bucket or a '.' or '..' in its key; the local object store keeps every object under {Root} and takes no key that climbs.");
        }

        // Stryker disable once Equality : Path.Combine skips empty parts, so keeping them gives the same path
        var path = Path.Combine(Root, Path.Combine([.. segments.Where(s => s.Length > 0)]));
        LocalSandbox.CheckNoLinks(Root, path, $"the object {uri}");
        return path;
    }

    /// <summary>Stores bytes as an object.</summary>
    /// <param name="uri">The object's URI.</param>
    /// <param name="content">The bytes.</param>
    public void Put(string uri, ReadOnlySpan<byte> content) => AtomicFile.Write(PathOf(uri), content);

    /// <summary>Stores what <paramref name="write"/> writes as an object, streaming it.</summary>
    internal void Put(string uri, Action<Stream> write) => AtomicFile.Write(PathOf(uri), write);

    /// <summary>Stores a file's content as an object, streaming it.</summary>
    /// <param name="uri">The object's URI.</param>
    /// <param name="file">The file; a symbolic link, a folder or a device is refused.</param>
    public void PutFile(string uri, string file)
    {
        CheckRegularFile(file);
        AtomicFile.Copy(file, PathOf(uri));
    }

    /// <summary>The objects under a URI: the object itself if it is one, else every object under it as a prefix.</summary>
    /// <param name="uri">An object or prefix URI.</param>
    /// <returns>(key relative to the prefix, file), ordered by key; relative key is the file name for a single object.</returns>
    public IReadOnlyList<(string RelativeKey, string File)> List(string uri)
    {
        var path = PathOf(uri);
        // Stryker disable once Boolean : PathOf has already refused a link at this path, so following links changes nothing
        return FileKind.Of(path, followLinks: false) switch
        {
            FileKind.Kind.RegularFile => [(Path.GetFileName(path), path)],
            FileKind.Kind.Directory => Files(path).Where(f => !f.EndsWith(".tmp", StringComparison.Ordinal))
                .Select(f => (Path.GetRelativePath(path, f).Replace(Path.DirectorySeparatorChar, '/'), f))
                .OrderBy(x => x.Item1, StringComparer.Ordinal)
                .ToList(),
            FileKind.Kind.Missing => [],
            _ => throw LocalSandbox.Link($"the object {uri} ({path}) is not a regular file; the local object store holds only files and folders."),
        };
    }

    /// <summary>Copies the objects under a URI into a folder, as SageMaker downloads an input.</summary>
    /// <param name="uri">An object or prefix URI.</param>
    /// <param name="folder">The destination folder.</param>
    /// <returns>How many objects were copied.</returns>
    public int Download(string uri, string folder) => Download(uri, folder, 0, 1);

    /// <summary>
    /// Copies one shard of the objects under a URI into a folder: in key order, every <paramref name="shards"/>-th
    /// object from the <paramref name="shard"/>-th on (0-based), so that the shards 0 … shards-1 together hold each
    /// object once (ShardedByS3Key).
    /// </summary>
    internal int Download(string uri, string folder, int shard, int shards)
    {
        var objects = List(uri).Where((_, index) => index % shards == shard).ToList();
        foreach (var (key, file) in objects)
        {
            var destination = Path.Combine(folder, key);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination, overwrite: true);
        }

        return objects.Count;
    }

    /// <summary>Copies every file of a folder under a prefix, as SageMaker uploads an output.</summary>
    /// <param name="folder">The folder; a symbolic link, FIFO or device in it is refused, never followed or read.</param>
    /// <param name="uri">The destination prefix.</param>
    /// <returns>How many files were uploaded.</returns>
    public int Upload(string folder, string uri) => Upload(OutputFiles(folder), uri);

    /// <summary>
    /// The files of an output folder as (key relative to the folder, file), in key order: none when the folder is
    /// missing; the folder itself being a link, or a link or special file in it, is refused, never followed or read.
    /// </summary>
    internal static List<(string Key, string File)> OutputFiles(string folder) =>
        FileKind.Of(folder, followLinks: false) switch
        {
            FileKind.Kind.Missing => [],
            // Stryker disable once Linq : every file is copied to its own key; the order does not change what the store holds
            FileKind.Kind.Directory => Files(folder).Order(StringComparer.Ordinal)
                .Select(f => (Path.GetRelativePath(folder, f).Replace(Path.DirectorySeparatorChar, '/'), f)).ToList(),
            _ => throw LocalSandbox.Link($"'{folder}' is not a folder; an output must be a folder of regular files."),
        };

    /// <summary>Stores files under a prefix, each at its key relative to the prefix.</summary>
    /// <returns>How many files were uploaded.</returns>
    internal int Upload(IEnumerable<(string Key, string File)> files, string uri)
    {
        var count = 0;
        foreach (var (key, file) in files)
        {
            AtomicFile.Copy(file, PathOf(uri.TrimEnd('/') + "/" + key));
            count++;
        }

        return count;
    }

    /// <summary>
    /// The SHA-256 of what a URI holds: for one object, of the object itself (what <c>sha256sum</c> prints for the
    /// file, so a model.tar.gz has one hash wherever the lineage and the registry name it); for a prefix, over the
    /// keys and contents of every object under it. Equal content, equal hash.
    /// </summary>
    /// <param name="uri">An object or prefix URI.</param>
    public string ContentHash(string uri)
    {
        var path = PathOf(uri);
        // Stryker disable once Boolean : PathOf has already refused a link at this path, so following links changes nothing
        if (FileKind.Of(path, followLinks: false) == FileKind.Kind.RegularFile)
        {
            return Convert.ToHexStringLower(FileSha256(path));
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (key, file) in List(uri))
        {
            // Stryker disable once String : each key is followed by its 32-byte digest, which already keeps two listings apart
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(key + "\n"));
            hash.AppendData(FileSha256(file));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>The SHA-256 of a file, read as a stream.</summary>
    internal static byte[] FileSha256(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.SequentialScan);
        return SHA256.HashData(stream);
    }

    /// <summary>Every regular file under a folder; a symbolic link or a special file (FIFO, device, socket) is refused.</summary>
    internal static IEnumerable<string> Files(string folder)
    {
        var pending = new Stack<string>([folder]);
        while (pending.Count > 0)
        {
            foreach (var entry in new DirectoryInfo(pending.Pop()).EnumerateFileSystemInfos())
            {
                switch (FileKind.Of(entry.FullName, followLinks: false))
                {
                    case FileKind.Kind.Directory:
                        pending.Push(entry.FullName);
                        break;
                    case FileKind.Kind.RegularFile:
                        yield return entry.FullName;
                        break;
                    case FileKind.Kind.SymbolicLink:
                        throw LocalSandbox.Link($"'{entry.FullName}' is a symbolic link (to '{entry.LinkTarget}'); the local object store takes regular files only and never follows a link.");
                    case FileKind.Kind.Other:
                        throw LocalSandbox.Link($"'{entry.FullName}' is not a regular file (a FIFO, device or socket); the local object store takes regular files only.");
                }
            }
        }
    }

    private static void CheckRegularFile(string file)
    {
        switch (FileKind.Of(file, followLinks: false))
        {
            case FileKind.Kind.RegularFile:
                return;
            case FileKind.Kind.Missing:
                throw new FileNotFoundException($"The file {file} does not exist.", file);
            default:
                throw LocalSandbox.Link($"'{file}' is not a regular file (a symbolic link, folder, FIFO or device); the local object store takes regular files only.");
        }
    }
}
