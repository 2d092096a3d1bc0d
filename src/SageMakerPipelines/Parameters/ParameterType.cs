namespace MlPipeline.SageMakerPipelines;

/// <summary>The types a pipeline parameter can have.</summary>
public enum ParameterType
{
    /// <summary>Text.</summary>
    String,

    /// <summary>A whole number.</summary>
    Integer,

    /// <summary>A floating-point number.</summary>
    Float,

    /// <summary>True or false.</summary>
    Boolean,
}
