namespace MlPipeline.Scaffolder.Updating;

/// <summary>One file as it is in the project on disk: its bytes and whether it is executable.</summary>
internal sealed record ProjectFile(byte[] Content, bool Executable);
