using System.Text.Json.Nodes;

namespace MlPipeline.SageMakerPipelines.Local;

public sealed partial class LocalRunner
{
    internal static partial class Kinds
    {
        public static readonly LocalStepKind Condition = new() { Run = (_, s) => Task.FromResult(EvaluateCondition(s)) };
    }

    private static LocalStepResult EvaluateCondition(StepRun stepRun)
    {
        var (step, run, _, _, watch, _) = stepRun;
        var (outcome, explanation) = ConditionEvaluator.Explain(step.Arguments["Conditions"] as JsonArray ?? [], run.Values, step.Name);
        run.Outcomes[step.Name] = outcome;
        run.Values.SetProperties(step.Name, new Dictionary<string, JsonNode?> { ["Outcome"] = outcome });
        run.Lineage[step.Name] = new JsonObject { ["Type"] = step.TypeName, ["Outcome"] = outcome, ["Compared"] = explanation };
        return new LocalStepResult(step.Name, step.TypeName, LocalStepStatus.Succeeded, watch.Elapsed, TimeSpan.Zero, null,
            $"took the {(outcome ? "if" : "else")} branch: {explanation}");
    }
}
