using System.Text;
using MlPipeline.Shared;

namespace MlPipeline.SageMakerPipelines.Cli;

/// <summary>Reads a text file a user names, refusing what is not one: a folder, a FIFO, a device, more than a limit, invalid UTF-8.</summary>
internal static class InputFile
{
    /// <summary>SageMaker's own limit on a pipeline definition (CreatePipeline's PipelineDefinition).</summary>
    public const int MaxDefinitionBytes = 1 << 20;

    public static string ReadText(string path, string what, int maxBytes)
    {
        var kind = FileKind.Of(path);
        if (kind != FileKind.Kind.RegularFile)
        {
            throw new CommandException(ExitCodes.CannotReadInput, kind switch
            {
                FileKind.Kind.Missing => $"The {what} {path} does not exist.",
                FileKind.Kind.Directory => $"The {what} {path} is a folder; give the file itself.",
                _ => $"The {what} {path} is not a regular file (a FIFO or a device); give a file.",
            });
        }

        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            var buffer = new byte[Math.Min(stream.Length, maxBytes) + 1];
            var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            if (read > maxBytes)
            {
                throw new CommandException(ExitCodes.InvalidData, $"The {what} {path} is larger than {maxBytes / 1024} KB, the most it may be.");
            }

            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(buffer, 0, read);
        }
        catch (DecoderFallbackException e)
        {
            throw new CommandException(ExitCodes.InvalidData, $"The {what} {path} is not UTF-8 text (invalid bytes at offset {e.Index}).", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CommandException(ExitCodes.CannotReadInput, $"Cannot read the {what} {path}: {e.Message}", e);
        }
    }
}
