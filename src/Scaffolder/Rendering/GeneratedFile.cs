namespace MlPipeline.Scaffolder.Rendering;

/// <summary>One file of a generated project: its <c>/</c>-separated relative path, its bytes and its run bit.</summary>
internal sealed record GeneratedFile(string Path, byte[] Content, bool Executable);
