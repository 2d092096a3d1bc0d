using MlPipeline.Scaffolder.Diagnostics;
using MlPipeline.Scaffolder.Writing;
using MlPipeline.Shared;

namespace MlPipeline.Scaffolder.Updating;

/// <summary>Reads "ours": the project's files at the paths the template makes in either version.</summary>
internal static class ProjectSnapshot
{
    /// <summary>
    /// The files that exist at <paramref name="paths"/> under <paramref name="project"/>. Refuses (exit 73) a path that
    /// passes through a symbolic link, and one that is a folder, a FIFO or a device, before anything is read.
    /// </summary>
    public static Dictionary<string, ProjectFile> Read(string project, IEnumerable<string> paths)
    {
        var list = paths.ToList();
        ProjectWriter.CheckNoLinks(list, project);
        var files = new Dictionary<string, ProjectFile>(StringComparer.Ordinal);
        foreach (var path in list)
        {
            var full = Path.Combine(project, path);
            switch (FileKind.Of(full, followLinks: false))
            {
                case FileKind.Kind.Missing:
                    break;
                case FileKind.Kind.RegularFile:
                    var executable = !OperatingSystem.IsWindows() && (File.GetUnixFileMode(full) & UnixFileMode.UserExecute) != 0;
                    files[path] = new ProjectFile(File.ReadAllBytes(full), executable);
                    break;
                default:
                    var message = $"'{path}' in the project is not a regular file (a folder, a FIFO or a device); the template makes a file there. Move it away, then update again.";
                    throw new ScaffoldException(ExitCodes.CannotCreate, message, [Diagnostic.Error(Rules.WriteFailed, full, message)]);
            }
        }

        return files;
    }
}
