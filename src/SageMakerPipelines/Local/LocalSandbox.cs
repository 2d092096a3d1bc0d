using System.Text.RegularExpressions;
using MlPipeline.Shared;
using MlPipeline.SageMakerPipelines.Validation;

namespace MlPipeline.SageMakerPipelines.Local;

/// <summary>
/// Where a definition's paths may lead on this machine. A definition is code and runs as the user, but every path it
/// names maps inside the run's folders: container paths into the step's container folder, relative paths (property
/// files, the training program) into their folder, S3 keys into the object store. A path is normalised first
/// (<c>.</c>, <c>..</c>, repeated slashes), must then stay below its root, and must not pass through a symbolic link.
/// Violations are <see cref="LocalRunException"/>s whose message starts with an SMP1xx code.
/// </summary>
internal static partial class LocalSandbox
{
    /// <summary>Where SageMaker requires processing inputs and outputs to be: LocalPath must begin with it.</summary>
    public const string ProcessingRoot = "/opt/ml/processing/";

    /// <summary>Every container path the runner maps starts here.</summary>
    public const string ContainerRoot = "/opt/ml/";

    /// <summary>Python options a processing entrypoint may put before its script; they take no value and run no other code.</summary>
    private static readonly HashSet<string> PythonFlags = new(StringComparer.Ordinal) { "-u", "-B", "-b", "-bb", "-E", "-I", "-O", "-OO", "-q", "-s", "-S" };

    /// <summary>An absolute POSIX path with <c>.</c>, <c>..</c> and repeated slashes resolved; null if it climbs above the root or is not absolute.</summary>
    public static string? Normalise(string path)
    {
        if (!path.StartsWith('/') || path.Contains('\0', StringComparison.Ordinal))
        {
            return null;
        }

        var parts = new List<string>();
        foreach (var segment in path.Split('/'))
        {
            switch (segment)
            {
                case "" or ".":
                    break;
                case "..":
                    if (parts.Count == 0)
                    {
                        return null;
                    }

                    parts.RemoveAt(parts.Count - 1);
                    break;
                default:
                    parts.Add(segment);
                    break;
            }
        }

        return "/" + string.Join('/', parts);
    }

    /// <summary>
    /// The host path of a container path that must lie under <paramref name="prefix"/> (such as /opt/ml/processing/):
    /// <c>/opt/ml/processing/input</c> in step X is <c>RUN/steps/X/container/opt/ml/processing/input</c>.
    /// </summary>
    /// <param name="container">The step's container folder.</param>
    /// <param name="path">The path as the definition gives it.</param>
    /// <param name="prefix">The folder it must be in, with a final slash.</param>
    /// <param name="what">What the path is, for the message.</param>
    public static string MapContainerPath(string container, string path, string prefix, string what)
    {
        var normal = Normalise(path);
        if (normal is null || !(normal + "/").StartsWith(prefix, StringComparison.Ordinal) || normal + "/" == prefix && prefix != ContainerRoot)
        {
            throw Outside($"{what} '{path}' is not a folder or file under {prefix}"
                + (normal is null ? " (it is not an absolute path, or it climbs above /)" : normal != path.TrimEnd('/') ? $" (it resolves to {normal})" : "")
                + $"; SageMaker and the local runner take only paths under {prefix}.");
        }

        var host = Path.Combine(container, normal.TrimStart('/').Replace('/', Path.DirectorySeparatorChar));
        CheckNoLinks(container, host, what);
        return host;
    }

    /// <summary>The host path of a path relative to <paramref name="folder"/> (a property file in an output, the training program in its code).</summary>
    public static string MapRelative(string folder, string relative, string what)
    {
        var normal = relative.Length == 0 || relative.StartsWith('/') || relative.Contains('\\', StringComparison.Ordinal) ? null : Normalise("/" + relative);
        if (normal is null || normal == "/")
        {
            throw Outside($"{what} '{relative}' must be a relative path inside its folder, without '..' that climbs out of it.");
        }

        var host = Path.Combine(folder, normal.TrimStart('/').Replace('/', Path.DirectorySeparatorChar));
        CheckNoLinks(folder, host, what);
        return host;
    }

    /// <summary>Refuses a symbolic link at <paramref name="root"/> or at any existing folder or file from it down to <paramref name="path"/>.</summary>
    public static void CheckNoLinks(string root, string path, string what)
    {
        var relative = Path.GetRelativePath(root, path);
        var current = root;
        // The root itself is checked too ("" first), also when the path is the root: a registry folder that is a link
        // must not get its lock file written through it.
        foreach (var segment in relative == "." ? [""] : relative.Split(Path.DirectorySeparatorChar).Prepend(""))
        {
            current = segment.Length == 0 ? current : Path.Combine(current, segment);
            switch (FileKind.Of(current, followLinks: false))
            {
                case FileKind.Kind.Missing:
                    return;
                case FileKind.Kind.SymbolicLink:
                    throw Link($"{what}: '{current}' is a symbolic link (to '{new FileInfo(current).LinkTarget}'); the local runner does not follow links, so a definition cannot reach outside .mlpipeline/. Replace the link with the folder or file itself.");
            }
        }
    }

    /// <summary>Checks that a channel name is SageMaker's (letters, digits, . - _, at most 64) and is a single folder name.</summary>
    public static void CheckChannelName(string name)
    {
        if (!ChannelName().IsMatch(name) || name is "." or "..")
        {
            throw Outside($"channel name '{name}' must be 1 to 64 letters, digits, '.', '-' or '_', and not '.' or '..': it becomes the folder /opt/ml/input/data/{name}.");
        }
    }

    /// <summary>
    /// What a processing step runs. Only the configured Python runs, on a script in the step's code input (the
    /// ProcessingInput named <c>code</c>), with flags from a short list before it; another entrypoint runs only when
    /// the user names it with <c>--allow-entrypoint</c>. Container paths in the command are mapped (and checked).
    /// </summary>
    /// <param name="command">ContainerEntrypoint then ContainerArguments, evaluated.</param>
    /// <param name="codeLocalPath">The LocalPath of the step's input named code, if it has one.</param>
    /// <param name="container">The step's container folder.</param>
    /// <param name="python">The configured interpreter.</param>
    /// <param name="allowed">Entrypoints the user allowed.</param>
    /// <returns>The program, its arguments, and the host path of the script (null for an allowed entrypoint).</returns>
    public static (string Program, List<string> Arguments, string? Script) ProcessingCommand(
        IReadOnlyList<string> command, string? codeLocalPath, string container, string python, IReadOnlyCollection<string> allowed)
    {
        if (command.Count == 0)
        {
            throw Entrypoint("it has no ContainerEntrypoint; a local run needs a script to run (such as python3 /opt/ml/processing/input/code/step.py).");
        }

        List<string> MapArguments(IEnumerable<string> arguments) =>
            arguments.Select(a => a.StartsWith(ContainerRoot, StringComparison.Ordinal) ? MapContainerPath(container, a, ContainerRoot, "the container argument") : a).ToList();

        if (allowed.Contains(command[0]))
        {
            return (command[0], MapArguments(command.Skip(1)), null);
        }

        var allow = $"pass --allow-entrypoint {command[0]} to run it anyway (it runs on this machine as you, with no container around it)";
        if (!IsPython(command[0]))
        {
            throw Entrypoint($"its ContainerEntrypoint starts with '{command[0]}', which is not Python; the local runner runs only the configured Python on the step's own scripts. Use [\"python3\", \"/opt/ml/processing/input/code/SCRIPT.py\"], or {allow}.");
        }

        var index = 1;
        while (index < command.Count && PythonFlags.Contains(command[index]))
        {
            index++;
        }

        if (index == command.Count || command[index].StartsWith('-'))
        {
            throw Entrypoint(index == command.Count
                ? $"its entrypoint runs Python with no script; name a script in the step's code input, or {allow}."
                : $"its entrypoint passes Python the option '{command[index]}', which runs code that is not one of the step's scripts; name a script in the step's code input, or {allow}.");
        }

        var script = Normalise(command[index]);
        var code = codeLocalPath is null ? null : Normalise(codeLocalPath);
        if (script is null || code is null || !script.StartsWith(code.TrimEnd('/') + "/", StringComparison.Ordinal))
        {
            throw Entrypoint(code is null
                ? $"it runs the script '{command[index]}' but has no code input (a ProcessingInput named 'code') to take it from; the local runner runs only scripts from the step's own code input, or {allow}."
                : $"its script '{command[index]}' is not in the step's code input ({codeLocalPath}); the local runner runs only scripts from the step's own code input, or {allow}.");
        }

        var host = MapContainerPath(container, command[index], ProcessingRoot, "the script");
        return (python, [.. command.Skip(1).Take(index - 1), host, .. MapArguments(command.Skip(index + 1))], host);
    }

    /// <summary>Checks, once its code is in place, that a script is a regular file reached through no symbolic link.</summary>
    public static void CheckScript(string root, string script, string what)
    {
        CheckNoLinks(root, script, what);
        if (FileKind.Of(script, followLinks: false) != FileKind.Kind.RegularFile)
        {
            throw Entrypoint($"{what} '{Path.GetRelativePath(root, script)}' is not a file in the step's code (looked for {script}).");
        }
    }

    public static bool IsPython(string command) => Regex.IsMatch(Path.GetFileName(command), @"^python(3(\.\d+)?)?$");

    /// <summary>A path that leads outside its sandbox.</summary>
    public static LocalRunException Outside(string message) => new($"{ValidationRules.PathOutsideSandbox} {message}");

    /// <summary>A symbolic link on a path the runner reads or writes.</summary>
    public static LocalRunException Link(string message) => new($"{ValidationRules.SymbolicLinkRefused} {message}");

    private static LocalRunException Entrypoint(string message) => new($"{ValidationRules.EntrypointNotAllowed} {message}");

    [GeneratedRegex(@"^[A-Za-z0-9.\-_]{1,64}$")]
    private static partial Regex ChannelName();
}
