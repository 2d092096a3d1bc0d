namespace MlPipeline.SageMakerPipelines.Validation;

/// <summary>One problem in a pipeline definition.</summary>
/// <param name="Code">The rule's stable code, such as <c>SMP011</c>.</param>
/// <param name="Message">What is wrong and how to fix it.</param>
/// <param name="Path">Where, as a JSON path into the definition: <c>Steps[2].Arguments.RoleArn</c>.</param>
public sealed record ValidationFinding(string Code, string Message, string Path)
{
    /// <summary>The finding as one line: <c>Steps[2].Arguments.RoleArn: SMP021 …</c>.</summary>
    public override string ToString() => $"{Path}: {Code} {Message}";
}
