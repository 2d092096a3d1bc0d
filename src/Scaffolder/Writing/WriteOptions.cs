namespace MlPipeline.Scaffolder.Writing;

/// <summary>How <see cref="ProjectWriter"/> puts a tree on disk.</summary>
internal sealed record WriteOptions
{
    /// <summary>Write into a folder that has files; only files the generator makes are overwritten, nothing is deleted.</summary>
    public bool Force { get; init; }

    /// <summary>Run <c>git init</c> and make one initial commit (skipped inside an existing repository).</summary>
    public bool Git { get; init; } = true;

    // Stryker disable once String : NewCommand always sets the message; the default serves only tests
    public string CommitMessage { get; init; } = "Initial commit";

    /// <summary>Stops the write (Ctrl+C, SIGTERM) until the project is moved into place; the staging folder is removed.</summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>Called before each file is written to the staging folder, with its relative path; tests use it to simulate a failure mid-write.</summary>
    public Action<string>? BeforeWrite { get; init; }

    /// <summary>Called before each file is moved into a folder that has files (<see cref="Force"/>); tests use it to simulate a failure mid-move.</summary>
    public Action<string>? BeforeMove { get; init; }
}
