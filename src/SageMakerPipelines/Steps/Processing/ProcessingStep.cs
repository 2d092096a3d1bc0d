namespace MlPipeline.SageMakerPipelines;

/// <summary>A processing job: a script in a container that reads inputs and writes outputs.</summary>
public sealed record ProcessingStep : JobStep
{
    /// <summary>The CreateProcessingJob request.</summary>
    public required ProcessingJobArguments Arguments { get; init; }

    /// <summary>JSON files the script writes that later steps read.</summary>
    public IReadOnlyList<PropertyFile> PropertyFiles { get; init; } = [];

    /// <summary>Reuse an earlier run with the same arguments.</summary>
    public CacheConfig? CacheConfig { get; init; }

    /// <inheritdoc />
    public override string StepType => ProcessingKind.Descriptor.TypeName;

    internal override object ArgumentsObject => Arguments;

    /// <summary>The S3 URI of an output, for later steps.</summary>
    /// <param name="outputName">An output this step declares.</param>
    /// <exception cref="ArgumentException">The step has no output of that name.</exception>
    public PropertyReference OutputS3Uri(string outputName)
    {
        var outputs = Arguments.ProcessingOutputConfig?.Outputs ?? [];
        if (outputs.All(o => o.OutputName != outputName))
        {
            throw new ArgumentException(
                $"Step '{Name}' has no output '{outputName}'; its outputs are: {string.Join(", ", outputs.Select(o => o.OutputName))}.",
                nameof(outputName));
        }

        return Property($"ProcessingOutputConfig.Outputs['{outputName}'].S3Output.S3Uri", PipelineValueType.String);
    }

    /// <summary>A property file of this step, for <see cref="Functions.JsonGet(PropertyFileReference, string)"/>.</summary>
    /// <param name="propertyFileName">A property file this step declares.</param>
    /// <exception cref="ArgumentException">The step has no property file of that name.</exception>
    public PropertyFileReference PropertyFile(string propertyFileName)
    {
        if (PropertyFiles.All(p => p.PropertyFileName != propertyFileName))
        {
            throw new ArgumentException(
                $"Step '{Name}' has no property file '{propertyFileName}'; its property files are: {string.Join(", ", PropertyFiles.Select(p => p.PropertyFileName))}.",
                nameof(propertyFileName));
        }

        return new PropertyFileReference(Name, propertyFileName);
    }
}
