using System.Diagnostics;
using System.Text.Json.Nodes;
using MlPipeline.SageMakerPipelines.Definition;

namespace MlPipeline.SageMakerPipelines.Local;

public sealed partial class LocalRunner
{
    /// <summary>A step as the runner runs it: where it writes, how long it has taken, and the run it is part of.</summary>
    internal sealed record StepRun(DefinitionStep Step, RunState Run, string Folder, string LogPath, Stopwatch Watch, CancellationToken CancellationToken);

    /// <summary>How the runner runs each kind of step; the kinds' descriptors (<see cref="StepKindDescriptor.RunLocally"/>) name these.</summary>
    internal static partial class Kinds
    {
        public static readonly LocalStepKind RegisterModel = new() { Run = (runner, s) => Task.FromResult(runner.RegisterModel(s)) };

        public static readonly LocalStepKind Model = new()
        {
            Run = (runner, s) =>
            {
                runner.CreateModel(s.Step, s.Run);
                return Task.FromResult(new LocalStepResult(s.Step.Name, s.Step.TypeName, LocalStepStatus.Succeeded, s.Watch.Elapsed, TimeSpan.Zero, null, null));
            },
        };

        public static readonly LocalStepKind Processing = new()
        {
            Run = (runner, s) => runner.RunJobAsync(s, arguments => runner.RunProcessingAsync(s.Step, arguments, s.Run, s.Folder, s.LogPath, s.CancellationToken)),
            Plan = (runner, step, known, container, python) => runner.PlanProcessing(step, step.Arguments, known, container, python),
            InputUris = step => (step.Arguments["ProcessingInputs"] as JsonArray ?? []).Select(i => i?["S3Input"]?["S3Uri"]),
        };

        public static readonly LocalStepKind Training = new()
        {
            Run = (runner, s) => runner.RunJobAsync(s, arguments => runner.TrainAsync(s.Step.Name, arguments, JobName(s.Step, s.Run), s.Folder, s.LogPath, s.Run, System.Environment.ProcessorCount, s.CancellationToken)),
            Plan = (runner, step, known, container, _) => runner.PlanTraining(step.Arguments, known, container),
            InputUris = step => TrainingInputUris(step.Arguments),
        };

        private static IEnumerable<JsonNode?> TrainingInputUris(JsonObject training) =>
            (training["InputDataConfig"] as JsonArray ?? []).Select(c => c?["DataSource"]?["S3DataSource"]?["S3Uri"])
                .Append(training["HyperParameters"]?["sagemaker_submit_directory"]);
    }

    private LocalStepResult RegisterModel(StepRun stepRun)
    {
        var package = Register(stepRun.Step, stepRun.Run);
        return new LocalStepResult(stepRun.Step.Name, stepRun.Step.TypeName, LocalStepStatus.Succeeded, stepRun.Watch.Elapsed, TimeSpan.Zero, null,
            $"registered {package.Group} version {package.Version} ({package.ApprovalStatus})")
        {
            Registered = package,
        };
    }
}
