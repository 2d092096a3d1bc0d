namespace MlPipeline.SageMakerPipelines;

/// <summary>A step that runs a SageMaker job or API call, and so may be retried.</summary>
public abstract record JobStep : Step
{
    private protected JobStep()
    {
    }

    /// <summary>When and how often SageMaker retries the step.</summary>
    public IReadOnlyList<RetryPolicy> RetryPolicies { get; init; } = [];
}
