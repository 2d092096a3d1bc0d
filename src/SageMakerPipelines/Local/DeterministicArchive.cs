using System.Formats.Tar;
using System.IO.Compression;

namespace MlPipeline.SageMakerPipelines.Local;

/// <summary>
/// Packs a folder as model.tar.gz the way SageMaker does, but byte-for-byte repeatable: entries in path
/// order, fixed times, owners and modes, so the same model files always give the same artifact hash.
/// Files are streamed in and out, so a model of any size takes little memory.
/// </summary>
internal static class DeterministicArchive
{
    /// <summary>Packs every file of a folder into <paramref name="output"/>.</summary>
    public static void Pack(string folder, Stream output)
    {
        IEnumerable<string> all = Directory.Exists(folder) ? LocalObjectStore.Files(folder) : [];
        Pack(all.Select(f => (Path.GetRelativePath(folder, f).Replace(Path.DirectorySeparatorChar, '/'), (Func<Stream>)(() => File.OpenRead(f)))), output);
    }

    /// <summary>Packs (name, bytes) entries; names are sorted, so the order given does not matter.</summary>
    public static byte[] Pack(IEnumerable<(string Name, byte[] Content)> entries)
    {
        using var buffer = new MemoryStream();
        Pack(entries.Select(e => (e.Name, (Func<Stream>)(() => new MemoryStream(e.Content, writable: false)))), buffer);
        return buffer.ToArray();
    }

    private static void Pack(IEnumerable<(string Name, Func<Stream> Open)> entries, Stream output)
    {
        using var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true);
        using var tar = new TarWriter(gzip, TarEntryFormat.Ustar, leaveOpen: true);
        foreach (var (key, open) in entries.OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            using var content = open();
            var entry = new UstarTarEntry(TarEntryType.RegularFile, key)
            {
                ModificationTime = DateTimeOffset.UnixEpoch,
                Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
                Uid = 0,
                Gid = 0,
                UserName = "",
                GroupName = "",
                DataStream = content,
            };
            tar.WriteEntry(entry);
        }
    }

    /// <summary>
    /// Extracts an archive's folders and regular files into <paramref name="folder"/>. Links, devices and entries
    /// whose name climbs out of the folder are refused (SMP103, SMP101): an archive cannot place a file elsewhere.
    /// </summary>
    public static void Extract(string archive, string folder)
    {
        Directory.CreateDirectory(folder);
        using var file = File.OpenRead(archive);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new TarReader(gzip);
        while (reader.GetNextEntry() is { } entry)
        {
            switch (entry.EntryType)
            {
                case TarEntryType.Directory:
                    Directory.CreateDirectory(LocalSandbox.MapRelative(folder, entry.Name.TrimEnd('/'), "the archive folder"));
                    break;
                case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                    var path = LocalSandbox.MapRelative(folder, entry.Name, "the archive file");
                    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                    using (var target = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None))
                    {
                        entry.DataStream?.CopyTo(target);
                    }

                    break;
                case TarEntryType.GlobalExtendedAttributes or TarEntryType.ExtendedAttributes:
                    break;
                default:
                    throw LocalSandbox.Link($"the archive {archive} holds '{entry.Name}', a {entry.EntryType} entry; local runs extract only folders and regular files.");
            }
        }
    }
}
