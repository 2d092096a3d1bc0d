namespace MlPipeline.SageMakerPipelines;

/// <summary>
/// Collects a processing step's inputs, outputs and property files while its arguments are written
/// (<see cref="FrameworkProcessor.Step"/>). Each is named once; its container path is derived from the name
/// (<c>/opt/ml/processing/NAME</c>) unless given, and returned so the arguments name it; outputs go to the session's
/// <see cref="PipelineSession.OutputS3Uri"/> at the end of the job.
/// </summary>
public sealed class ProcessingJobBuilder
{
    /// <summary>The folder every input and output path lies under.</summary>
    public const string Root = "/opt/ml/processing";

    private readonly string _stepName;
    private readonly PipelineSession _session;
    private readonly List<ProcessingInput> _inputs = [];
    private readonly List<ProcessingOutput> _outputs = [];
    private readonly List<PropertyFile> _propertyFiles = [];
    private readonly List<string> _paths = [FrameworkProcessor.CodePath];

    internal ProcessingJobBuilder(string stepName, PipelineSession session)
    {
        _stepName = stepName;
        _session = session;
    }

    internal IReadOnlyList<ProcessingInput> Inputs => _inputs;

    internal IReadOnlyList<ProcessingOutput> Outputs => _outputs;

    internal IReadOnlyList<PropertyFile> PropertyFiles => _propertyFiles;

    /// <summary>An input: the S3 prefix <paramref name="source"/> downloaded to <paramref name="localPath"/> before the script starts.</summary>
    /// <param name="name">The input's name (a folder name: letters, digits, '.', '-', '_'); <c>code</c> is the code bundle's.</param>
    /// <param name="source">The S3 prefix: a literal, a parameter, another step's output.</param>
    /// <param name="localPath">The container path; <c>/opt/ml/processing/NAME</c> unless given.</param>
    /// <param name="distribution">
    /// With several instances, what each gets: every object (<see cref="S3DataDistributionType.FullyReplicated"/>, the
    /// default) or about 1/N of them, none twice (<see cref="S3DataDistributionType.ShardedByS3Key"/>).
    /// </param>
    /// <returns>The container path, for the arguments.</returns>
    /// <exception cref="ArgumentException">The name is taken or not a folder name, or the path is outside /opt/ml/processing or overlaps another.</exception>
    public string Input(string name, PipelineValue<string> source, string? localPath = null, S3DataDistributionType? distribution = null)
    {
        var path = Claim(name, localPath, _inputs.Select(i => i.InputName).Append("code"), "input");
        var input = S3Input(name, source, path);
        _inputs.Add(distribution is null ? input : input with { S3Input = input.S3Input with { S3DataDistributionType = distribution } });
        return path;
    }

    /// <summary>An output: what the script writes to <paramref name="localPath"/>, uploaded at the end of the job.</summary>
    /// <param name="name">The output's name (a folder name); later steps read it with <see cref="ProcessingStep.OutputS3Uri"/>.</param>
    /// <param name="localPath">The container path; <c>/opt/ml/processing/NAME</c> unless given.</param>
    /// <returns>The container path, for the arguments.</returns>
    /// <exception cref="ArgumentException">As for <see cref="Input"/>.</exception>
    public string Output(string name, string? localPath = null)
    {
        var path = Claim(name, localPath, _outputs.Select(o => o.OutputName), "output");
        _outputs.Add(new ProcessingOutput
        {
            OutputName = name,
            S3Output = new ProcessingS3Output { S3Uri = _session.OutputS3Uri(_stepName, name), LocalPath = path, S3UploadMode = S3UploadMode.EndOfJob },
        });
        return path;
    }

    /// <summary>
    /// An output with a JSON file in it that conditions read (<see cref="ProcessingStep.PropertyFile"/>, then
    /// <see cref="PropertyFileReference.Get"/>): the Python SDK's <c>PropertyFile</c> declared where the file is written.
    /// </summary>
    /// <param name="name">The output's name.</param>
    /// <param name="propertyFileName">The property file's name.</param>
    /// <param name="filePath">The file's path inside the output folder.</param>
    /// <param name="localPath">The container path; <c>/opt/ml/processing/NAME</c> unless given.</param>
    /// <returns>The container path of the output folder, for the arguments.</returns>
    /// <exception cref="ArgumentException">As for <see cref="Input"/>, or the property file's name is taken.</exception>
    public string Output(string name, string propertyFileName, string filePath, string? localPath = null)
    {
        if (_propertyFiles.Any(p => p.PropertyFileName == propertyFileName))
        {
            throw new ArgumentException($"Step '{_stepName}' already has a property file '{propertyFileName}'.", nameof(propertyFileName));
        }

        var path = Output(name, localPath);
        _propertyFiles.Add(new PropertyFile { PropertyFileName = propertyFileName, OutputName = name, FilePath = filePath });
        return path;
    }

    internal static ProcessingInput S3Input(string name, PipelineValue<string> source, string localPath) => new()
    {
        InputName = name,
        S3Input = new ProcessingS3Input
        {
            S3Uri = source,
            LocalPath = localPath,
            S3DataType = S3DataType.S3Prefix,
            S3InputMode = S3InputMode.File,
            S3DataDistributionType = S3DataDistributionType.FullyReplicated,
        },
    };

    private string Claim(string name, string? localPath, IEnumerable<string> taken, string kind)
    {
        if (string.IsNullOrEmpty(name) || name is "." or ".." || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_'))
        {
            throw new ArgumentException($"Step '{_stepName}': the {kind} name '{name}' must be a folder name (letters, digits, '.', '-', '_').", nameof(name));
        }

        if (taken.Contains(name, StringComparer.Ordinal))
        {
            throw new ArgumentException($"Step '{_stepName}' already has an {kind} named '{name}'.", nameof(name));
        }

        var path = (localPath ?? $"{Root}/{name}").TrimEnd('/');
        if (!path.StartsWith(Root + "/", StringComparison.Ordinal) || path.Split('/').Any(segment => segment is "." or ".."))
        {
            throw new ArgumentException($"Step '{_stepName}': the {kind} '{name}' has the path '{path}'; SageMaker mounts inputs and outputs under {Root}/.", nameof(localPath));
        }

        if (_paths.FirstOrDefault(other => other == path || other.StartsWith(path + "/", StringComparison.Ordinal) || path.StartsWith(other + "/", StringComparison.Ordinal)) is { } clash)
        {
            throw new ArgumentException($"Step '{_stepName}': the {kind} '{name}' at '{path}' overlaps '{clash}', which another input or output (or the code) uses; give it another localPath.", nameof(localPath));
        }

        _paths.Add(path);
        return path;
    }
}
