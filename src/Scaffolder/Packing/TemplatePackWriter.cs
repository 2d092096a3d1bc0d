using System.Text;
using MlPipeline.Scaffolder.Diagnostics;

namespace MlPipeline.Scaffolder.Packing;

/// <summary>Writes a compiled template as a folder <c>dotnet new install</c> (or a template package) takes.</summary>
internal static class TemplatePackWriter
{
    /// <summary>
    /// Writes into <paramref name="folder"/>, replacing an earlier compile there; a folder with other files is
    /// refused, so a mistyped path never loses anything. The folder is built beside and moved in whole.
    /// </summary>
    public static int Write(CompiledTemplate compiled, string folder)
    {
        folder = Path.GetFullPath(folder);
        if (File.Exists(folder))
        {
            throw ScaffoldException.From([Diagnostic.Error(Rules.TargetIsFile, folder, "The output is a file; give a folder.")], ExitCodes.CannotCreate, "Nothing was written.");
        }

        var earlier = Directory.Exists(folder);
        if (earlier && Directory.EnumerateFileSystemEntries(folder).Any() && !File.Exists(Path.Combine(folder, TemplatePackChecker.TemplateJsonPath)))
        {
            throw ScaffoldException.From(
                [Diagnostic.Error(Rules.TargetNotEmpty, folder, "The folder has files and is not an earlier compiled template; give an empty or new folder.")],
                ExitCodes.CannotCreate, "Nothing was written.");
        }

        // Stryker disable once String : the name only has to be a new sibling (a GUID's first 8 characters are hex digits in any format)
        var staging = folder.TrimEnd(Path.DirectorySeparatorChar) + ".staging-" + Guid.NewGuid().ToString("N")[..8];
        var files = new List<(string Path, byte[] Content)>
        {
            (TemplatePackChecker.TemplateJsonPath, Encoding.UTF8.GetBytes(TemplateJson.Template(compiled))),
            (".template.config/dotnetcli.host.json", Encoding.UTF8.GetBytes(TemplateJson.Host(compiled))),
        };
        files.AddRange(compiled.Groups.SelectMany(g => g.Files.Select(f => ($"{g.Folder}/{f.Path}", f.Content))));
        try
        {
            foreach (var (path, content) in files)
            {
                var full = Path.Combine(staging, path);
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                File.WriteAllBytes(full, content);
            }

            if (earlier)
            {
                Directory.Delete(folder, recursive: true);
            }

            Directory.Move(staging, folder);
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }

        return files.Count;
    }
}
