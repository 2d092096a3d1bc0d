namespace MlPipeline.Scaffolder.Updating;

/// <summary>The update of one file: what is on disk now (<see cref="Before"/>, null when missing) and what it becomes
/// (<see cref="After"/>, null when the file is or stays deleted).</summary>
internal sealed record FileUpdate(string Path, UpdateAction Action, ProjectFile? Before, ProjectFile? After)
{
    /// <summary>True when the file on disk changes (written, deleted, or only its run bit).</summary>
    public bool ChangesDisk => (Before, After) switch
    {
        (null, null) => false,
        (null, _) or (_, null) => true,
        var (b, a) => b.Executable != a.Executable || !b.Content.AsSpan().SequenceEqual(a.Content),
    };

    /// <summary>True when the user must look at the file before committing: conflict markers, or the user's binary kept.</summary>
    public bool IsConflict => Action is UpdateAction.Conflict or UpdateAction.AddConflict or UpdateAction.BinaryConflict;
}
