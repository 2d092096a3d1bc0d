using System.Globalization;
using System.Text.Json.Nodes;
using MlPipeline.SageMakerPipelines.Definition;

namespace MlPipeline.SageMakerPipelines.Local;

public sealed partial class LocalRunner
{
    internal static partial class Kinds
    {
        public static readonly LocalStepKind Tuning = new()
        {
            Run = (runner, s) => runner.RunJobAsync(s, arguments => runner.RunTuningAsync(s.Step, arguments, s.Run, s.Folder, s.LogPath, s.CancellationToken)),
            Plan = (runner, step, known, container, _) => runner.PlanTraining(TuningTrainingRequest(step), known, container),
            InputUris = step => TrainingInputUris(TuningTrainingRequest(step)),
        };

        /// <summary>The training request a tuning step's jobs start from (its hyperparameters without the tuned ones).</summary>
        private static JsonObject TuningTrainingRequest(DefinitionStep step) =>
            TrainingRequest(step.Arguments["TrainingJobDefinition"] as JsonObject ?? [], new Dictionary<string, string>());
    }

    /// <summary>One training job of a tuning step, as ListTrainingJobsForHyperParameterTuningJob reports it.</summary>
    private sealed record Trial(
        int Index,
        string JobName,
        IReadOnlyDictionary<string, string> Tuned,
        DateTimeOffset Started,
        DateTimeOffset Ended,
        Execution? Execution,
        double? Objective,
        string? FailureReason,
        string LogPath);

    /// <summary>
    /// A Tuning step: the candidates of <see cref="TuningCandidates"/>, each trained exactly as a Training step is
    /// (<see cref="TrainAsync"/>, in its own folder steps/STEP/jobs/JOB), at most MaxParallelTrainingJobs at once. A job's
    /// objective is the last match of its objective metric's MetricDefinitions regex in its log; a job that fails or never
    /// logs the metric has ObjectiveStatus Failed and cannot be best. As on SageMaker, failed jobs are counted in
    /// TrainingJobStatusCounters and the tuning job still completes; it fails only when no job yields an objective.
    /// </summary>
    private async Task<Execution> RunTuningAsync(DefinitionStep step, JsonObject arguments, RunState run, string folder, string logPath, CancellationToken cancellationToken)
    {
        var config = arguments["HyperParameterTuningJobConfig"]!.AsObject();
        var definition = arguments["TrainingJobDefinition"]!.AsObject();
        var objectiveType = RunValues.Text(config["HyperParameterTuningJobObjective"]?["Type"]);
        var metric = RunValues.Text(config["HyperParameterTuningJobObjective"]?["MetricName"]);
        var plan = TuningCandidates.Make(config);
        var tuningJobName = TuningJobName(step, run);
        await using (var log = File.AppendText(logPath))
        {
            await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"[mlpipeline] tuning job {tuningJobName}: {plan.Strategy} strategy{(plan.Seed is { } s ? $" (seed {s})" : "")}, {plan.Candidates.Count} training jobs, at most {plan.MaxParallel} at once, objective {objectiveType} {metric}"));
            if (plan.Warning is not null)
            {
                await log.WriteLineAsync($"[mlpipeline] warning: {plan.Warning}");
            }
        }

        if (plan.Warning is not null)
        {
            run.Warnings[step.Name] = $"step '{step.Name}': {plan.Warning}";
        }

        // Each job at once gets its share of this machine's cores, as each would have an instance of its own.
        var cpus = Math.Max(1, System.Environment.ProcessorCount / Math.Max(1, Math.Min(plan.MaxParallel, plan.Candidates.Count)));
        using var gate = new SemaphoreSlim(plan.MaxParallel);
        var trials = await Task.WhenAll(plan.Candidates.Select(async (candidate, index) =>
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                return await RunTrialAsync(step.Name, definition, tuningJobName, index, candidate, metric, folder, run, cpus, cancellationToken);
            }
            finally
            {
                gate.Release();
            }
        }));

        await using (var log = File.AppendText(logPath))
        {
            foreach (var trial in trials)
            {
                var outcome = trial.FailureReason
                    ?? (trial.Objective is { } v ? string.Create(CultureInfo.InvariantCulture, $"{metric}={v}") : $"never logged {metric}");
                await log.WriteLineAsync($"[mlpipeline] {trial.JobName} {string.Join(' ', trial.Tuned.Select(t => $"{t.Key}={t.Value}"))}: {outcome}");
            }
        }

        var ranked = trials.Where(t => t.Objective is not null)
            .OrderBy(t => objectiveType == "Maximize" ? -t.Objective!.Value : t.Objective!.Value).ThenBy(t => t.Index)
            .Concat(trials.Where(t => t.Objective is null).OrderBy(t => t.Index))
            .ToList();
        if (ranked.Count == 0 || ranked[0].Objective is null)
        {
            var reasons = trials.Select(t => $"{t.JobName}: {t.FailureReason ?? $"it never logged {metric} (no match of its MetricDefinitions regex in {t.LogPath})"}");
            throw new LocalRunException(step.Name, $"none of its {trials.Length} training jobs gave the objective metric {metric}:\n  {string.Join("\n  ", reasons)}");
        }

        var properties = new Dictionary<string, JsonNode?>(StringComparer.Ordinal)
        {
            ["HyperParameterTuningJobName"] = tuningJobName,
            ["HyperParameterTuningJobArn"] = $"arn:aws:sagemaker:local:000000000000:hyper-parameter-tuning-job/{tuningJobName.ToLowerInvariant()}",
            ["HyperParameterTuningJobStatus"] = "Completed",
            ["HyperParameterTuningEndTime"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            ["TrainingJobStatusCounters.Completed"] = trials.Count(t => t.Execution is not null),
            ["TrainingJobStatusCounters.InProgress"] = 0,
            ["TrainingJobStatusCounters.NonRetryableError"] = trials.Count(t => t.Execution is null),
            ["TrainingJobStatusCounters.RetryableError"] = 0,
            ["TrainingJobStatusCounters.Stopped"] = 0,
            ["ObjectiveStatusCounters.Succeeded"] = trials.Count(t => t.Objective is not null),
            ["ObjectiveStatusCounters.Pending"] = 0,
            ["ObjectiveStatusCounters.Failed"] = trials.Count(t => t.Objective is null),
        };
        Summarize(properties, "BestTrainingJob", ranked[0], tuningJobName, objectiveType, metric);
        for (var i = 0; i < ranked.Count; i++)
        {
            Summarize(properties, $"TrainingJobSummaries[{i}]", ranked[i], tuningJobName, objectiveType, metric);
        }

        var best = ranked[0].Execution!;
        var lineage = new JsonObject
        {
            ["Image"] = RunValues.Text(definition["AlgorithmSpecification"]?["TrainingImage"]),
            ["Code"] = best.Lineage["Code"]?.DeepClone(),
            ["Inputs"] = best.Lineage["Inputs"]?.DeepClone(),
            ["TuningJobName"] = tuningJobName,
            ["Strategy"] = plan.Strategy,
            ["RandomSeed"] = plan.Seed,
            ["Objective"] = new JsonObject { ["Type"] = objectiveType, ["MetricName"] = metric },
            ["MaxParallelTrainingJobs"] = plan.MaxParallel,
            ["BestTrainingJob"] = ranked[0].JobName,
            ["ModelArtifact"] = best.Lineage["ModelArtifact"]?.DeepClone(),
            ["TrainingJobs"] = new JsonArray([.. trials.Select(t => (JsonNode)new JsonObject
            {
                ["TrainingJobName"] = t.JobName,
                ["TrainingJobStatus"] = t.Execution is null ? "Failed" : "Completed",
                ["TunedHyperParameters"] = new JsonObject(t.Tuned.Select(h => KeyValuePair.Create(h.Key, (JsonNode?)h.Value))),
                ["ObjectiveStatus"] = t.Objective is null ? "Failed" : "Succeeded",
                ["ObjectiveValue"] = t.Objective,
                ["FailureReason"] = t.FailureReason,
                ["TrainingStartTime"] = t.Started.ToString("O", CultureInfo.InvariantCulture),
                ["TrainingEndTime"] = t.Ended.ToString("O", CultureInfo.InvariantCulture),
                ["Log"] = t.LogPath,
                ["ModelArtifact"] = t.Execution?.Lineage["ModelArtifact"]?.DeepClone(),
            })]),
        };
        var outputs = trials.Where(t => t.Execution is not null).SelectMany(t => t.Execution!.Outputs)
            .ToDictionary(o => o.Key, o => o.Value, StringComparer.Ordinal);
        var processTime = trials.Aggregate(TimeSpan.Zero, (sum, t) => sum + (t.Execution?.ProcessTime ?? TimeSpan.Zero));
        return new Execution(properties, [], outputs, processTime, logPath, lineage);
    }

    private async Task<Trial> RunTrialAsync(
        string stepName, JsonObject definition, string tuningJobName, int index, IReadOnlyDictionary<string, string> tuned, string metric, string folder, RunState run, int cpus, CancellationToken cancellationToken)
    {
        var suffix = Sha256(new JsonObject(tuned.Select(t => KeyValuePair.Create(t.Key, (JsonNode?)t.Value))).ToJsonString())[..8];
        var jobName = string.Create(CultureInfo.InvariantCulture, $"{tuningJobName}-{index + 1:000}-{suffix}");
        var jobFolder = Path.Combine(folder, "jobs", jobName);
        Directory.CreateDirectory(jobFolder);
        var logPath = Path.Combine(jobFolder, "log.txt");
        var started = DateTimeOffset.UtcNow;
        try
        {
            var execution = await TrainAsync(stepName, TrainingRequest(definition, tuned), jobName, jobFolder, logPath, run, cpus, cancellationToken);
            var objective = execution.Properties.GetValueOrDefault($"FinalMetricDataList['{metric}'].Value") is JsonValue value ? value.GetValue<double>() : (double?)null;
            return new Trial(index, jobName, tuned, started, DateTimeOffset.UtcNow, execution, objective, null, logPath);
        }
        catch (LocalRunException e)
        {
            var reason = e.Message.StartsWith($"Step '{stepName}' failed: ", StringComparison.Ordinal) ? e.Message[$"Step '{stepName}' failed: ".Length..] : e.Message;
            return new Trial(index, jobName, tuned, started, DateTimeOffset.UtcNow, null, null, reason, logPath);
        }
    }

    /// <summary>The CreateTrainingJob request a tuning job makes for one candidate: its training job definition with HyperParameters = StaticHyperParameters plus the tuned values.</summary>
    private static JsonObject TrainingRequest(JsonObject definition, IReadOnlyDictionary<string, string> tuned)
    {
        var request = (JsonObject)definition.DeepClone();
        var hyperParameters = request["StaticHyperParameters"] as JsonObject ?? [];
        request.Remove("StaticHyperParameters");
        hyperParameters = (JsonObject)hyperParameters.DeepClone();
        foreach (var (name, value) in tuned)
        {
            hyperParameters[name] = value;
        }

        request["HyperParameters"] = hyperParameters;
        return request;
    }

    private static void Summarize(Dictionary<string, JsonNode?> properties, string prefix, Trial trial, string tuningJobName, string objectiveType, string metric)
    {
        properties[$"{prefix}.TrainingJobName"] = trial.JobName;
        properties[$"{prefix}.TrainingJobArn"] = $"arn:aws:sagemaker:local:000000000000:training-job/{trial.JobName.ToLowerInvariant()}";
        properties[$"{prefix}.TuningJobName"] = tuningJobName;
        properties[$"{prefix}.CreationTime"] = trial.Started.ToString("O", CultureInfo.InvariantCulture);
        properties[$"{prefix}.TrainingStartTime"] = trial.Started.ToString("O", CultureInfo.InvariantCulture);
        properties[$"{prefix}.TrainingEndTime"] = trial.Ended.ToString("O", CultureInfo.InvariantCulture);
        properties[$"{prefix}.TrainingJobStatus"] = trial.Execution is null ? "Failed" : "Completed";
        properties[$"{prefix}.ObjectiveStatus"] = trial.Objective is null ? "Failed" : "Succeeded";
        if (trial.FailureReason is not null)
        {
            properties[$"{prefix}.FailureReason"] = trial.FailureReason;
        }

        foreach (var (name, value) in trial.Tuned)
        {
            properties[$"{prefix}.TunedHyperParameters['{name}']"] = value;
        }

        if (trial.Objective is { } objective)
        {
            properties[$"{prefix}.FinalHyperParameterTuningJobObjectiveMetric.Type"] = objectiveType;
            properties[$"{prefix}.FinalHyperParameterTuningJobObjectiveMetric.MetricName"] = metric;
            properties[$"{prefix}.FinalHyperParameterTuningJobObjectiveMetric.Value"] = objective;
        }
    }

    /// <summary>The tuning job's name: SageMaker allows at most 32 characters, so the step name is cut from the front when needed.</summary>
    private static string TuningJobName(DefinitionStep step, RunState run)
    {
        var name = $"{step.Name}-{run.RunId}";
        return name.Length <= 32 ? name : name[^32..].TrimStart('-');
    }
}
