namespace MlPipeline.SageMakerPipelines;

/// <summary>A training job: trains a model and writes it to S3 as model.tar.gz.</summary>
public sealed record TrainingStep : JobStep
{
    /// <summary>The CreateTrainingJob request.</summary>
    public required TrainingJobArguments Arguments { get; init; }

    /// <summary>Reuse an earlier run with the same arguments.</summary>
    public CacheConfig? CacheConfig { get; init; }

    /// <inheritdoc />
    public override string StepType => TrainingKind.Descriptor.TypeName;

    internal override object ArgumentsObject => Arguments;

    /// <summary>The S3 URI of the trained model (model.tar.gz).</summary>
    public PropertyReference ModelArtifacts => Property("ModelArtifacts.S3ModelArtifacts", PipelineValueType.String);

    /// <summary>The final value of a metric the algorithm reports.</summary>
    /// <param name="metricName">A metric of <see cref="AlgorithmSpecification.MetricDefinitions"/>.</param>
    public PropertyReference FinalMetric(string metricName) => Property($"FinalMetricDataList['{metricName}'].Value", PipelineValueType.Float);
}
