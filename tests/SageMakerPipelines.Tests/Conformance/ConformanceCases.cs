namespace MlPipeline.SageMakerPipelines.Tests.Conformance;

/// <summary>
/// The builder of every case, by case id (<c>SDK_TEST_FILE/CASE</c>, the case file's path under Cases/). One partial
/// file per SDK test file; each builds the SDK's fact with our API and says how a local run of it must go.
/// </summary>
internal static partial class ConformanceCases
{
    /// <summary>Positive cases: what our API builds for the JSON the SDK emits.</summary>
    public static IReadOnlyDictionary<string, Func<Built>> Positive { get; } = Collect(
        ConditionCases(), ConditionStepCases(), FunctionCases(), ParameterCases(), ExecutionVariableCases(), PropertyCases(), FailStepCases(),
        RetryCases(), ExperimentConfigCases(), PipelineCases(), StepCases(), ProcessingStepCases(), TrainingStepCases(), ModelStepCases(), StepCollectionCases());

    /// <summary>Negative cases: a definition (built with our API, then broken where our API cannot break it) the SDK refuses.</summary>
    public static IReadOnlyDictionary<string, Func<string>> Negative { get; } = Collect(
        ConditionRejections(), FunctionRejections(), ParameterRejections(), FailStepRejections(), RetryRejections(), StepRejections());

    private static Dictionary<string, T> Collect<T>(params IEnumerable<(string Id, T Build)>[] groups) =>
        groups.SelectMany(g => g).ToDictionary(g => g.Id, g => g.Build, StringComparer.Ordinal);

    /// <summary>A pipeline named as the SDK's tests name theirs.</summary>
    private static Pipeline Pipeline(IReadOnlyList<Step> steps, params Parameter[] parameters) =>
        new() { Name = "MyPipeline", Parameters = parameters, Steps = steps };

    /// <summary>A condition step testing <paramref name="condition"/> with a stub step in each branch.</summary>
    private static Built ConditionCase(Condition condition, RunCheck run, params Parameter[] parameters) => new(
        Pipeline(
            [new ConditionStep { Name = "MyConditionStep", Conditions = [condition], IfSteps = [Stub.Processing("IfStep")], ElseSteps = [Stub.Processing("ElseStep")] }],
            parameters),
        "Steps[0].Arguments.Conditions[0]")
    {
        Run = run,
    };

    /// <summary>How a run of <see cref="ConditionCase"/> goes when the conditions hold (<paramref name="ifBranch"/>) or not.</summary>
    private static RunCheck Took(bool ifBranch, params (string Name, string Value)[] parameters) => new()
    {
        Parameters = parameters.ToDictionary(p => p.Name, p => p.Value),
        Steps = ["MyConditionStep:Succeeded", ifBranch ? "IfStep:Succeeded" : "IfStep:Skipped", ifBranch ? "ElseStep:Skipped" : "ElseStep:Succeeded"],
    };
}
