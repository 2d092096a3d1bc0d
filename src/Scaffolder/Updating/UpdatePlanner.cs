using MlPipeline.Scaffolder.Rendering;

namespace MlPipeline.Scaffolder.Updating;

/// <summary>
/// Decides, file by file, how a project moves from <em>base</em> (the recorded template version rendered with the
/// recorded answers) to <em>theirs</em> (the target version with the new answers) while keeping <em>ours</em> (the
/// project as it is). Pure: the three trees come in, a plan comes out; the line merge is given as a function.
/// </summary>
internal static class UpdatePlanner
{
    /// <summary>The file that records the answers and version: always the new record, whatever the user did to it.</summary>
    public const string RecordPath = "mlpipeline.yaml";

    /// <summary>git's test for a binary file: a NUL byte in the first 8000 bytes.</summary>
    public static bool IsBinary(byte[] content) => content.AsSpan(0, Math.Min(content.Length, 8000)).Contains((byte)0);

    /// <param name="baseTree">The recorded version with the recorded answers.</param>
    /// <param name="theirs">The target version with the new answers.</param>
    /// <param name="ours">The project's files at the paths of <paramref name="baseTree"/> and <paramref name="theirs"/> that exist.</param>
    /// <param name="merge">A three-way line merge (base, ours, theirs) giving the merged bytes and the number of conflicts.</param>
    public static UpdatePlan Plan(
        GeneratedTree baseTree, GeneratedTree theirs, IReadOnlyDictionary<string, ProjectFile> ours,
        Func<byte[], byte[], byte[], (byte[] Merged, int Conflicts)> merge)
    {
        var paths = baseTree.Files.Select(f => f.Path).Union(theirs.Files.Select(f => f.Path), StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        var files = new List<FileUpdate>();
        foreach (var path in paths)
        {
            var old = baseTree.Find(path);
            var next = theirs.Find(path);
            ours.TryGetValue(path, out var mine);
            files.Add(Decide(path, old, next, mine, merge));
        }

        return new UpdatePlan(files);
    }

    private static FileUpdate Decide(
        string path, GeneratedFile? old, GeneratedFile? next, ProjectFile? mine,
        Func<byte[], byte[], byte[], (byte[] Merged, int Conflicts)> merge)
    {
        var template = next is null ? null : new ProjectFile(next.Content, next.Executable);
        if (next is not null && path == RecordPath)
        {
            return new FileUpdate(path, Same(mine, next.Content) ? UpdateAction.Unchanged : UpdateAction.Updated, mine, template);
        }

        switch (old, next, mine)
        {
            case (null, null, _):
                throw new InvalidOperationException($"{path} is in neither tree.");

            // The template adds a file.
            case (null, not null, null):
                return new FileUpdate(path, UpdateAction.Added, null, template);
            case (null, not null, not null) when Same(mine, next.Content):
                return new FileUpdate(path, UpdateAction.Unchanged, mine, mine);
            case (null, not null, not null):
                return Combine(path, UpdateAction.AddConflict, [], mine, next, merge);

            // The template no longer makes a file.
            case (not null, null, null):
                return new FileUpdate(path, UpdateAction.Unchanged, null, null);
            case (not null, null, not null) when Same(mine, old.Content):
                return new FileUpdate(path, UpdateAction.Deleted, mine, null);
            case (not null, null, not null):
                return new FileUpdate(path, UpdateAction.KeptRemovedByTemplate, mine, mine);

            // The template makes it in both versions.
            case (not null, not null, null):
                return new FileUpdate(path, UpdateAction.KeptDeletedByUser, null, null);
            case (not null, not null, not null) when Same(mine, next.Content):
                return new FileUpdate(path, UpdateAction.Unchanged, mine, mine);
            case (not null, not null, not null) when Same(mine, old.Content):
                return new FileUpdate(path, UpdateAction.Updated, mine, template);
            case (not null, not null, not null) when old.Content.AsSpan().SequenceEqual(next.Content):
                return new FileUpdate(path, UpdateAction.KeptUserChange, mine, mine);
            case (not null, not null, not null):
                return Combine(path, UpdateAction.Conflict, old.Content, mine, next, merge);
        }

        throw new System.Diagnostics.UnreachableException();
    }

    /// <summary>Both sides changed the file: a line merge, or for a binary file the user's file kept and a conflict.</summary>
    private static FileUpdate Combine(
        string path, UpdateAction conflict, byte[] old, ProjectFile mine, GeneratedFile next,
        Func<byte[], byte[], byte[], (byte[] Merged, int Conflicts)> merge)
    {
        if (IsBinary(old) || IsBinary(mine.Content) || IsBinary(next.Content))
        {
            return new FileUpdate(path, UpdateAction.BinaryConflict, mine, mine);
        }

        var (merged, conflicts) = merge(old, mine.Content, next.Content);
        var action = conflicts > 0 ? conflict : UpdateAction.Merged;
        return new FileUpdate(path, action, mine, new ProjectFile(merged, mine.Executable || next.Executable));
    }

    private static bool Same(ProjectFile? file, byte[] content) => file is not null && file.Content.AsSpan().SequenceEqual(content);
}
