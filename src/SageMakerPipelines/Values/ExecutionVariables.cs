namespace MlPipeline.SageMakerPipelines;

/// <summary>The values SageMaker knows about the running execution.</summary>
public static class ExecutionVariables
{
    /// <summary>The execution's id.</summary>
    public static PropertyReference PipelineExecutionId { get; } = Variable("PipelineExecutionId");

    /// <summary>The execution's ARN.</summary>
    public static PropertyReference PipelineExecutionArn { get; } = Variable("PipelineExecutionArn");

    /// <summary>The pipeline's name.</summary>
    public static PropertyReference PipelineName { get; } = Variable("PipelineName");

    /// <summary>The pipeline's ARN.</summary>
    public static PropertyReference PipelineArn { get; } = Variable("PipelineArn");

    /// <summary>When the execution started.</summary>
    public static PropertyReference StartDateTime { get; } = Variable("StartDateTime");

    /// <summary>The time when the value is read.</summary>
    public static PropertyReference CurrentDateTime { get; } = Variable("CurrentDateTime");

    /// <summary>The names of every execution variable.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["PipelineExecutionId", "PipelineExecutionArn", "PipelineName", "PipelineArn", "StartDateTime", "CurrentDateTime"];

    private static PropertyReference Variable(string name) => new("Execution." + name, PipelineValueType.String);
}
