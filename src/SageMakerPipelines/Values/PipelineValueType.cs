namespace MlPipeline.SageMakerPipelines;

/// <summary>What kind of value a <see cref="PipelineValue"/> holds when the pipeline runs.</summary>
public enum PipelineValueType
{
    /// <summary>Text.</summary>
    String,

    /// <summary>A whole number.</summary>
    Integer,

    /// <summary>A floating-point number.</summary>
    Float,

    /// <summary>True or false.</summary>
    Boolean,

    /// <summary>Not known before the run, such as a value read from a property file.</summary>
    Unknown,
}
