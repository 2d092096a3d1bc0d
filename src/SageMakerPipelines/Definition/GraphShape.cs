namespace MlPipeline.SageMakerPipelines.Definition;

/// <summary>How the pipeline graph draws a kind of step.</summary>
internal enum GraphShape
{
    /// <summary>A step that does something: a rounded box.</summary>
    Step,

    /// <summary>A choice between branches: a hexagon.</summary>
    Decision,

    /// <summary>The end of the execution: a stadium (Mermaid) or an octagon (Graphviz).</summary>
    End,
}
