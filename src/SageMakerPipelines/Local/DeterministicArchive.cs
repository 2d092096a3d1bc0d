using System.Formats.Tar;
using System.IO.Compression;

namespace MlPipeline.SageMakerPipelines.Local;

/// <summary>
/// Packs a folder as model.tar.gz the way SageMaker does, but byte-for-byte repeatable: entries in path
/// order, fixed times, owners and modes, so the same model files always give the same artifact hash.
/// </summary>
internal static class DeterministicArchive
{
    public static byte[] Pack(string folder)
    {
        IEnumerable<string> all = Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories) : [];
        return Pack(all.Select(f => (Path.GetRelativePath(folder, f).Replace(Path.DirectorySeparatorChar, '/'), File.ReadAllBytes(f))));
    }

    /// <summary>Packs (name, bytes) entries; names are sorted, so the order given does not matter.</summary>
    public static byte[] Pack(IEnumerable<(string Name, byte[] Content)> entries)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Ustar, leaveOpen: true))
        {
            foreach (var (key, content) in entries.OrderBy(e => e.Name, StringComparer.Ordinal))
            {
                var entry = new UstarTarEntry(TarEntryType.RegularFile, key)
                {
                    ModificationTime = DateTimeOffset.UnixEpoch,
                    Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
                    Uid = 0,
                    Gid = 0,
                    UserName = "",
                    GroupName = "",
                    DataStream = new MemoryStream(content),
                };
                tar.WriteEntry(entry);
            }
        }

        return buffer.ToArray();
    }

    public static void Extract(string archive, string folder)
    {
        Directory.CreateDirectory(folder);
        using var file = File.OpenRead(archive);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        TarFile.ExtractToDirectory(gzip, folder, overwriteFiles: true);
    }
}
