namespace MlPipeline.SageMakerPipelines.Local;

/// <summary>What a local run's step cache keys a step on.</summary>
public enum StepCacheKey
{
    /// <summary>
    /// As SageMaker does: the step's arguments (its definition, the parameter values and the upstream steps it uses,
    /// so input URIs but not the objects under them) and the local Python. A step whose input changed under an
    /// unchanged URI is reused, with a warning that SageMaker would reuse it too.
    /// </summary>
    SageMaker,

    /// <summary>The arguments and the content of every input from outside the pipeline: changed data always reruns.</summary>
    Content,
}
