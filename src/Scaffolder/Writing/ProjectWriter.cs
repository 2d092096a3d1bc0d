using MlPipeline.Scaffolder.Diagnostics;
using MlPipeline.Scaffolder.Rendering;

namespace MlPipeline.Scaffolder.Writing;

/// <summary>
/// Puts a rendered tree on disk so that a failure leaves nothing behind: everything is written to a hidden
/// sibling folder first (and the git repository made there), then moved into place in one step. With
/// <see cref="WriteOptions.Force"/> into a folder that has files, each replaced file is kept aside until all
/// files are in place and put back if any move fails; nothing the generator does not make is touched.
/// It writes only inside the target: a symbolic link inside it where the template writes (a folder or a file) is
/// refused before anything is written; a target that is itself a link is resolved once, and the project goes into
/// the folder it points to. Interrupted (<see cref="WriteOptions.Cancellation"/>), it removes its staging folder;
/// killed, it leaves at most that hidden folder, which the next write in the same place removes.
/// </summary>
internal static partial class ProjectWriter
{
    private const UnixFileMode ExecutableMode =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
        UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    public static WriteResult Write(GeneratedTree tree, string target, WriteOptions options)
    {
        var full = Resolve(Path.GetFullPath(target));
        if (File.Exists(full))
        {
            throw Refuse(Rules.TargetIsFile, full, $"'{full}' is a file, not a folder; choose another target.");
        }

        var exists = Directory.Exists(full);
        var empty = !exists || !Directory.EnumerateFileSystemEntries(full).Any();
        if (!empty && !options.Force)
        {
            throw Refuse(Rules.TargetNotEmpty, full,
                $"'{full}' is not empty. Choose an empty or new folder, or pass --force to overwrite the files the template makes (nothing else is touched or deleted).");
        }

        if (!empty)
        {
            CheckNoLinks(tree.Files.Select(f => f.Path), full);
            var blocked = tree.Files.FirstOrDefault(f => Directory.Exists(Path.Combine(full, f.Path)));
            if (blocked is not null)
            {
                throw Refuse(Rules.WriteFailed, full, $"'{blocked.Path}' is a folder in the target; the template writes a file there. Move it away first.");
            }
        }

        var parent = Path.GetDirectoryName(full) ?? throw Refuse(Rules.WriteFailed, full, "The target cannot be the root of the file system.");
        var createdParents = CreateParents(parent);
        // Asked while the files are written: one process less to wait for.
        // Stryker disable once Boolean,Conditional,Logical : the answer is read only when git is on and the folder empty
        var insideRepository = options.Git && empty ? Task.Run(() => Git.IsInsideWorkTree(parent)) : Task.FromResult(false);
        var notes = StagingFolder.RemoveStale(parent).Select(name => $"Removed {name}, a staging folder an interrupted run of mlpipeline left behind.").ToList();
        var staging = Path.Combine(parent, StagingFolder.NameFor(Path.GetFileName(full)));
        try
        {
            WriteFiles(tree, staging, options);
            var git = options.Git && empty && !insideRepository.GetAwaiter().GetResult();
            if (options.Git && !git)
            {
                notes.Add(empty
                    ? "git: the folder is inside a git repository already, so no new repository was made."
                    : "git: the folder had files already, so no repository was made; commit the changes yourself.");
            }

            if (git)
            {
                Git.InitAndCommit(staging, options.CommitMessage, options.Cancellation);
            }

            // The last moment to stop: after this the project is in place, and an interruption leaves it whole.
            options.Cancellation.ThrowIfCancellationRequested();
            if (empty)
            {
                if (exists)
                {
                    Directory.Delete(full);
                }

                Directory.Move(staging, full);
                return new WriteResult(full, tree.Files.Count, 0, git, notes);
            }

            var overwritten = MoveInto(tree.Files, [], staging, full, options);
            return new WriteResult(full, tree.Files.Count - overwritten, overwritten, false, notes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            DeleteQuietly(staging);
            RemoveCreatedParents(createdParents);
            throw Failed(e, full);
        }
        catch (Exception e) when (e is ScaffoldException or OperationCanceledException)
        {
            DeleteQuietly(staging);
            RemoveCreatedParents(createdParents);
            throw;
        }
        finally
        {
            DeleteQuietly(staging);
        }
    }

    /// <summary>An I/O failure while writing, as the user error it is: 74 for the device, else 73.</summary>
    private static ScaffoldException Failed(Exception e, string full)
    {
        var message = $"Could not write the project to '{full}': {e.Message} Nothing was left behind.";
        return new ScaffoldException(IsDeviceError(e) ? ExitCodes.IOError : ExitCodes.CannotCreate, message, [Diagnostic.Error(Rules.WriteFailed, full, message)], e);
    }

    /// <summary>A full disk, an exceeded quota or a failing device: an I/O error (exit 74), not a refusal to create.</summary>
    public static bool IsDeviceError(Exception e) => e is IOException { HResult: 5 or 28 or 122 };

    /// <summary>
    /// The target, or the folder it leads to when it is itself a symbolic link (a link to a link included): the project
    /// goes there, and replacing the link with a folder would put it somewhere the user did not point at. Links in the
    /// folders above it are left as given: the files land in the same place either way, and the path reported is the
    /// one the user gave.
    /// </summary>
    private static string Resolve(string target)
    {
        var info = new DirectoryInfo(target);
        if (info.LinkTarget is null)
        {
            return target;
        }

        var final = info.ResolveLinkTarget(returnFinalTarget: true);
        if (final is null || !final.Exists || final is not DirectoryInfo)
        {
            throw Refuse(Rules.SymbolicLink, target, $"'{target}' is a symbolic link to '{info.LinkTarget}', which is not a folder; give a folder, or point the link at one.");
        }

        return Path.TrimEndingDirectorySeparator(final.FullName);
    }

    /// <summary>Refuses before anything is written if a folder or file the template writes through is a symbolic link.</summary>
    internal static void CheckNoLinks(IEnumerable<string> paths, string target)
    {
        var checkedPaths = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            var current = target;
            foreach (var segment in path.Split('/'))
            {
                current = Path.Combine(current, segment);
                // Stryker disable once Statement,Block : a path checked already gives the same answer again
                if (!checkedPaths.Add(current))
                {
                    continue;
                }

                var info = new FileInfo(current);
                if (info.LinkTarget is not null)
                {
                    throw Refuse(Rules.SymbolicLink, current,
                        $"'{Path.GetRelativePath(target, current)}' in the target is a symbolic link (to '{info.LinkTarget}'); the template writes {path} through it, and mlpipeline never writes through a link. Replace the link with a real folder or file, or remove it.");
                }

                // Stryker disable once Logical,Boolean,Unary,Statement,Block : below a path that does not exist there is no link to find; stopping saves the look
                if (!info.Exists && !Directory.Exists(current))
                {
                    break;
                }
            }
        }
    }

    private static void WriteFiles(GeneratedTree tree, string staging, WriteOptions options)
    {
        foreach (var file in tree.Files)
        {
            // Stryker disable once Statement : the check before git and the move stops the write all the same; this one only stops it sooner
            options.Cancellation.ThrowIfCancellationRequested();
            options.BeforeWrite?.Invoke(file.Path);
            var path = Path.Combine(staging, file.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, file.Content);
            if (file.Executable && !OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, ExecutableMode);
            }
        }
    }

    /// <summary>
    /// Moves each staged file over the target and moves each deleted file aside; on failure every replaced or deleted
    /// file is put back. Files moved aside are removed once all are in place.
    /// </summary>
    private static int MoveInto(IReadOnlyList<GeneratedFile> files, IReadOnlyList<string> deletes, string staging, string target, WriteOptions options)
    {
        var backup = staging + ".backup";
        var moved = new List<(string Path, bool Replaced)>();
        var deleted = new List<string>();
        var createdFolders = new List<string>();
        try
        {
            foreach (var path in deletes)
            {
                options.BeforeMove?.Invoke(path);
                var kept = Path.Combine(backup, path);
                Directory.CreateDirectory(Path.GetDirectoryName(kept)!);
                File.Move(Path.Combine(target, path), kept);
                deleted.Add(path);
            }

            foreach (var file in files)
            {
                options.BeforeMove?.Invoke(file.Path);
                var destination = Path.Combine(target, file.Path);
                var replaced = File.Exists(destination);
                createdFolders.AddRange(CreateParents(Path.GetDirectoryName(destination)!));
                if (replaced)
                {
                    var kept = Path.Combine(backup, file.Path);
                    Directory.CreateDirectory(Path.GetDirectoryName(kept)!);
                    File.Move(destination, kept);
                }

                moved.Add((file.Path, replaced));
                File.Move(Path.Combine(staging, file.Path), destination);
            }

            return moved.Count(m => m.Replaced);
        }
        catch
        {
            // Stryker disable once Linq : the paths differ, so the order of putting them back does not matter
            foreach (var (path, replaced) in Enumerable.Reverse(moved))
            {
                var destination = Path.Combine(target, path);
                if (File.Exists(destination))
                {
                    File.Delete(destination);
                }

                if (replaced)
                {
                    File.Move(Path.Combine(backup, path), destination);
                }
            }

            RemoveCreatedParents(createdFolders);
            foreach (var path in deleted)
            {
                File.Move(Path.Combine(backup, path), Path.Combine(target, path));
            }

            throw;
        }
        finally
        {
            DeleteQuietly(backup);
        }
    }

    private static List<string> CreateParents(string parent)
    {
        var created = new List<string>();
        for (var dir = parent; dir is not null && !Directory.Exists(dir); dir = Path.GetDirectoryName(dir))
        {
            created.Add(dir);
        }

        try
        {
            Directory.CreateDirectory(parent);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Refuse(Rules.WriteFailed, parent, $"Cannot create the folder '{parent}': {e.Message}", e);
        }

        return created;
    }

    private static void RemoveCreatedParents(List<string> created)
    {
        // Deepest first, so a folder is empty once the folders inside it are gone.
        // Stryker disable once Logical : every folder listed was made by this run and is still there when this runs
        foreach (var dir in created.OrderByDescending(d => d.Length).Where(d => Directory.Exists(d) && !Directory.EnumerateFileSystemEntries(d).Any()))
        {
            Directory.Delete(dir);
        }
    }

    private static void DeleteQuietly(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        // Stryker disable once Equality : only when the staging folder cannot be removed, which the tests (run as root) cannot bring about
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A staging folder that cannot be removed is hidden and harmless; the project itself is consistent.
        }
    }

    private static ScaffoldException Refuse(DiagnosticRule rule, string where, string message, Exception? inner = null) =>
        new(ExitCodes.CannotCreate, message, [Diagnostic.Error(rule, where, message)], inner);
}
