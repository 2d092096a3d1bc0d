namespace MlPipeline.SageMakerPipelines.Local;

/// <summary>Writes a file so that a reader sees the old content or the new, never half of it.</summary>
internal static class AtomicFile
{
    private const int BufferSize = 1 << 20;

    public static void Write(string path, ReadOnlySpan<byte> content)
    {
        var bytes = content.ToArray();
        Write(path, stream => stream.Write(bytes));
    }

    /// <summary>Writes what <paramref name="write"/> puts into the stream to a temporary file, then moves it into place.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    public static void WriteText(string path, string text) => Write(path, System.Text.Encoding.UTF8.GetBytes(text));

    /// <summary>Copies a file atomically, as a stream: memory stays the same whatever the file's size.</summary>
    public static void Copy(string source, string destination)
    {
        using var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.SequentialScan);
        Write(destination, output => input.CopyTo(output, BufferSize));
    }
}
