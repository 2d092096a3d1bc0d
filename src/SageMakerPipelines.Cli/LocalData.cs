using System.Security.Cryptography;
using System.Text;
using MlPipeline.SageMakerPipelines.Local;

namespace MlPipeline.SageMakerPipelines.Cli;

/// <summary>
/// <c>run --data PATH</c>: a file, or every file under a folder, copied into the local store under a prefix named
/// by their content, which becomes the value of the app's data parameter for the run. The same data gives the same
/// prefix, so the step cache and the lineage see it as the same input; other data gives another.
/// </summary>
internal static class LocalData
{
    /// <summary>The files of PATH with the names they get under the prefix (forward slashes), sorted.</summary>
    public static List<(string Name, string File)> FilesOf(string path)
    {
        var full = Path.GetFullPath(path);
        if (File.Exists(full))
        {
            return [(Path.GetFileName(full), full)];
        }

        if (!Directory.Exists(full))
        {
            throw new CommandException(ExitCodes.CannotReadInput, $"--data {path}: there is no such file or folder.");
        }

        var files = Directory.EnumerateFiles(full, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.Hidden | FileAttributes.ReparsePoint })
            .Select(f => (Name: Path.GetRelativePath(full, f).Replace(Path.DirectorySeparatorChar, '/'), File: f))
            .Where(f => !f.Name.Split('/').Any(part => part.StartsWith('.')))
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .ToList();
        return files.Count > 0
            ? files
            : throw new CommandException(ExitCodes.CannotReadInput, $"--data {path}: the folder has no files (hidden files and links are left out).");
    }

    /// <summary>
    /// The prefix the files go under: in the bucket of the parameter's default when that is an S3 URI,
    /// <c>mlpipeline-local-data/SHA/</c>, where SHA covers every name and content.
    /// </summary>
    public static string PrefixOf(IReadOnlyList<(string Name, string File)> files, Parameter parameter)
    {
        var digest = new StringBuilder();
        foreach (var (name, file) in files)
        {
            digest.Append(name).Append('\0').Append(Convert.ToHexStringLower(LocalObjectStore.FileSha256(file))).Append('\n');
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(digest.ToString())))[..16];
        var bucket = parameter.DefaultValue?.Value is string text && text.StartsWith("s3://", StringComparison.Ordinal) && text[5..].Split('/')[0] is { Length: > 0 } b
            ? b
            : "mlpipeline-local";
        return $"s3://{bucket}/mlpipeline-local-data/{hash}/";
    }

    /// <summary>The app's data parameter, or a usage error that says why <c>--data</c> cannot be used.</summary>
    public static Parameter ParameterOf(PipelineApp app, IReadOnlyDictionary<string, string> given)
    {
        if (app.DataParameter is not { } name)
        {
            throw new CommandException(ExitCodes.Usage,
                "--data needs to know which parameter holds the input data, and this pipeline does not say (PipelineApp.DataParameter). Give the data as --param NAME=s3://... instead.");
        }

        var parameter = app.Pipeline.Parameters.FirstOrDefault(p => p.Name == name)
            ?? throw new CommandException(ExitCodes.Usage, $"PipelineApp.DataParameter names {name}, which is not a parameter of {app.Pipeline.Name}.");
        if (parameter.Type != ParameterType.String)
        {
            throw new CommandException(ExitCodes.Usage, $"PipelineApp.DataParameter names {name}, a {parameter.Type} parameter; the data's S3 prefix needs a String.");
        }

        return given.ContainsKey(name)
            ? throw new CommandException(ExitCodes.Usage, $"--data sets {name}; give either --data or --param {name}=..., not both.")
            : parameter;
    }
}
