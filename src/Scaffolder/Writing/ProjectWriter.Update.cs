using MlPipeline.Scaffolder.Diagnostics;
using MlPipeline.Scaffolder.Rendering;

namespace MlPipeline.Scaffolder.Writing;

/// <summary>Applying an update to a project that exists: all files or none.</summary>
internal static partial class ProjectWriter
{
    /// <summary>
    /// Writes <paramref name="writes"/> and deletes <paramref name="deletes"/> inside the project folder
    /// <paramref name="target"/>, all or nothing: the new files are staged in a hidden sibling folder, then moved in
    /// with every replaced or deleted file kept aside until all are in place (put back if a move fails). Folders a
    /// delete leaves empty are removed. Refuses, before anything is written, a path that passes through a symbolic link.
    /// </summary>
    public static void Apply(IReadOnlyList<GeneratedFile> writes, IReadOnlyList<string> deletes, string target, WriteOptions options)
    {
        var full = Path.GetFullPath(target);
        CheckNoLinks(writes.Select(f => f.Path).Concat(deletes), full);
        var blocked = writes.FirstOrDefault(f => Directory.Exists(Path.Combine(full, f.Path)));
        if (blocked is not null)
        {
            throw Refuse(Rules.WriteFailed, full, $"'{blocked.Path}' is a folder in the project; the template writes a file there. Move it away first.");
        }

        var parent = Path.GetDirectoryName(full) ?? throw Refuse(Rules.WriteFailed, full, "The project cannot be the root of the file system.");
        StagingFolder.RemoveStale(parent);
        var staging = Path.Combine(parent, StagingFolder.NameFor(Path.GetFileName(full)));
        try
        {
            WriteFiles(new GeneratedTree(writes), staging, options);
            options.Cancellation.ThrowIfCancellationRequested();
            MoveInto(writes, deletes, staging, full, options);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Failed(e, full);
        }
        finally
        {
            DeleteQuietly(staging);
        }

        foreach (var path in deletes)
        {
            RemoveEmptyParents(full, path);
        }
    }

    /// <summary>Removes the folders above <paramref name="path"/> that are empty now, up to (not including) the project folder.</summary>
    private static void RemoveEmptyParents(string project, string path)
    {
        // Stryker disable once Logical,Equality : the project folder is never empty (its mlpipeline.yaml stays), so the walk stops inside it
        for (var dir = Path.GetDirectoryName(Path.Combine(project, path)); dir is not null && dir.Length > project.Length; dir = Path.GetDirectoryName(dir))
        {
            if (!Directory.Exists(dir) || Directory.EnumerateFileSystemEntries(dir).Any())
            {
                return;
            }

            Directory.Delete(dir);
        }
    }
}
