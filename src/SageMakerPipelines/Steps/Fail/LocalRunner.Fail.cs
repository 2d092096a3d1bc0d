namespace MlPipeline.SageMakerPipelines.Local;

public sealed partial class LocalRunner
{
    internal static partial class Kinds
    {
        public static readonly LocalStepKind Fail = new()
        {
            Run = (_, s) => throw new LocalRunException(
                s.Step.Name, $"the pipeline failed on purpose: {RunValues.Text(s.Run.Values.Evaluate(s.Step.Arguments["ErrorMessage"], s.Step.Name))}"),
        };
    }
}
