using System.Runtime.InteropServices;

namespace MlPipeline.Shared;

/// <summary>What a path is on disk, without opening it: opening a FIFO blocks until someone writes to it, and a device
/// such as /dev/zero never ends. .NET reports both as ordinary files, so this asks the kernel (statx on Linux).
/// Compiled into both the generator and the pipeline library.</summary>
internal static partial class FileKind
{
    public enum Kind
    {
        Missing,
        RegularFile,
        Directory,
        SymbolicLink,
        Other,
    }

    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxType = 0x1;
    private const ushort TypeMask = 0xF000;

    /// <summary>What <paramref name="path"/> is; with <paramref name="followLinks"/> false a symbolic link is reported as one.</summary>
    public static Kind Of(string path, bool followLinks = true)
    {
        if (OperatingSystem.IsLinux())
        {
            var buffer = new byte[256];
            if (Statx(AtFdCwd, path, followLinks ? 0 : AtSymlinkNoFollow, StatxType, buffer) != 0)
            {
                return Kind.Missing;
            }

            // struct statx: stx_mode is the 16-bit field at offset 28 on every architecture.
            return (BitConverter.ToUInt16(buffer, 28) & TypeMask) switch
            {
                0x8000 => Kind.RegularFile,
                0x4000 => Kind.Directory,
                0xA000 => Kind.SymbolicLink,
                _ => Kind.Other,
            };
        }

        // Elsewhere .NET's own view: it cannot tell a FIFO or a device from a file.
        var info = new FileInfo(path);
        if (!followLinks && info.LinkTarget is not null)
        {
            return Kind.SymbolicLink;
        }

        return Directory.Exists(path) ? Kind.Directory : File.Exists(path) ? Kind.RegularFile : Kind.Missing;
    }

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Statx(int directory, string path, int flags, uint mask, [Out] byte[] buffer);
}
