using MlPipeline.SageMakerPipelines.Serialization;

namespace MlPipeline.SageMakerPipelines;

/// <summary>A SageMaker pipeline: its parameters and steps. <see cref="ToJson"/> emits the definition SageMaker runs.</summary>
public sealed record Pipeline
{
    /// <summary>The pipeline's name: letters, digits and hyphens, at most 256, starting with a letter or digit.</summary>
    public required string Name { get; init; }

    /// <summary>What the pipeline does (a CreatePipeline argument, not part of the definition).</summary>
    public string? Description { get; init; }

    /// <summary>The parameters an execution may set.</summary>
    public IReadOnlyList<Parameter> Parameters { get; init; } = [];

    /// <summary>The steps; steps inside condition branches are listed in their <see cref="ConditionStep"/> only.</summary>
    public IReadOnlyList<Step> Steps { get; init; } = [];

    /// <summary>The experiment and trial that record executions; null leaves it out.</summary>
    public PipelineExperimentConfig? ExperimentConfig { get; init; } = PipelineExperimentConfig.Default;

    /// <summary>The most steps that run at once (a CreatePipeline argument, not part of the definition).</summary>
    public int? MaxParallelExecutionSteps { get; init; }

    /// <summary>The definition JSON (Version 2020-12-01): the same pipeline gives the same bytes.</summary>
    /// <param name="indented">Indent for people; SageMaker takes either.</param>
    public string ToJson(bool indented = true) => DefinitionWriter.Write(this, indented);
}
