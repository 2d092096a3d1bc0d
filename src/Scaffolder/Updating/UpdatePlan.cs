namespace MlPipeline.Scaffolder.Updating;

/// <summary>Every file the update looked at, ordered by path, with what happens to it.</summary>
internal sealed record UpdatePlan(IReadOnlyList<FileUpdate> Files)
{
    public IEnumerable<FileUpdate> Changes => Files.Where(f => f.ChangesDisk);

    public IEnumerable<FileUpdate> Conflicts => Files.Where(f => f.IsConflict);

    public bool HasConflicts => Files.Any(f => f.IsConflict);
}
