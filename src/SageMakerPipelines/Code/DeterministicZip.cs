using System.Buffers.Binary;
using System.Text;

namespace MlPipeline.SageMakerPipelines.Code;

/// <summary>
/// Writes a zip archive that depends only on its files: entries stored (not compressed) in name order, with a
/// fixed time (1980-01-01 00:00), Unix mode 0644 and UTF-8 names, so the same files give the same bytes on every
/// machine, runtime and operating system (a compressor's output may differ between versions; stored data cannot).
/// </summary>
internal static class DeterministicZip
{
    private const ushort Version = 20;
    private const ushort Utf8Names = 0x0800;
    private const ushort DosDate = (1 << 5) | 1;
    private const ushort MadeByUnix = (3 << 8) | Version;
    private const uint RegularFile0644 = 0x81A4u << 16;

    private static readonly uint[] Table = Enumerable.Range(0, 256).Select(n =>
    {
        var c = (uint)n;
        for (var k = 0; k < 8; k++)
        {
            c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        }

        return c;
    }).ToArray();

    public static byte[] Pack(IEnumerable<(string Name, byte[] Content)> files)
    {
        var entries = files.OrderBy(f => f.Name, StringComparer.Ordinal).ToList();
        if (entries.Count > ushort.MaxValue || entries.Sum(e => (long)e.Content.Length + 128 + Encoding.UTF8.GetByteCount(e.Name)) > uint.MaxValue)
        {
            throw new ArgumentException("A deterministic zip holds at most 65,535 files and 4 GiB.", nameof(files));
        }

        using var output = new MemoryStream();
        var central = new MemoryStream();
        foreach (var (name, content) in entries)
        {
            var nameBytes = Encoding.UTF8.GetBytes(name);
            var crc = Crc32(content);
            var offset = (uint)output.Position;

            Write32(output, 0x04034b50);
            Write16(output, Version, Utf8Names, 0, 0, DosDate);
            Write32(output, crc, (uint)content.Length, (uint)content.Length);
            Write16(output, (ushort)nameBytes.Length, 0);
            output.Write(nameBytes);
            output.Write(content);

            Write32(central, 0x02014b50);
            Write16(central, MadeByUnix, Version, Utf8Names, 0, 0, DosDate);
            Write32(central, crc, (uint)content.Length, (uint)content.Length);
            Write16(central, (ushort)nameBytes.Length, 0, 0, 0, 0);
            Write32(central, RegularFile0644, offset);
            central.Write(nameBytes);
        }

        var directoryOffset = (uint)output.Position;
        central.Position = 0;
        central.CopyTo(output);
        Write32(output, 0x06054b50);
        Write16(output, 0, 0, (ushort)entries.Count, (ushort)entries.Count);
        Write32(output, (uint)central.Length, directoryOffset);
        Write16(output, 0);
        return output.ToArray();
    }

    private static void Write16(Stream stream, params ReadOnlySpan<ushort> values)
    {
        Span<byte> buffer = stackalloc byte[2];
        foreach (var value in values)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(buffer, value);
            stream.Write(buffer);
        }
    }

    private static void Write32(Stream stream, params ReadOnlySpan<uint> values)
    {
        Span<byte> buffer = stackalloc byte[4];
        foreach (var value in values)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(buffer, value);
            stream.Write(buffer);
        }
    }

    /// <summary>The CRC-32 zip uses (ISO-HDLC polynomial, reflected).</summary>
    internal static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc ^ 0xFFFFFFFFu;
    }
}
