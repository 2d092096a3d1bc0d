namespace MlPipeline.Scaffolder.Writing;

/// <summary>What a write did, for the summary the CLI prints.</summary>
internal sealed record WriteResult(string Target, int Created, int Overwritten, bool GitInitialized, IReadOnlyList<string> Notes);
