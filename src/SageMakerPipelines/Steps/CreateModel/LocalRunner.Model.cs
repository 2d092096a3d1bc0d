using System.Text.Json.Nodes;
using MlPipeline.SageMakerPipelines.Definition;

namespace MlPipeline.SageMakerPipelines.Local;

public sealed partial class LocalRunner
{
    internal static partial class Kinds
    {
        public static readonly LocalStepKind Model = new()
        {
            Run = (runner, s) =>
            {
                runner.CreateModel(s.Step, s.Run);
                return Task.FromResult(new LocalStepResult(s.Step.Name, s.Step.TypeName, LocalStepStatus.Succeeded, s.Watch.Elapsed, TimeSpan.Zero, null, null));
            },
        };
    }

    private void CreateModel(DefinitionStep step, RunState run)
    {
        // Not cached (it only writes a file), but keyed, so a step that uses this model is keyed on the training that made it.
        run.CacheKeys[step.Name] = CacheKey(step, run);
        var arguments = (JsonObject)run.Values.Evaluate(step.Arguments, step.Name)!;
        var name = JobName(step, run);
        var started = DateTimeOffset.UtcNow;
        AtomicFile.WriteText(Path.Combine(options.StateFolder, "models", name + ".json"), arguments.ToJsonString(Indented));
        var properties = new Dictionary<string, JsonNode?>
        {
            ["ModelName"] = name,
            ["ModelArn"] = $"arn:aws:sagemaker:local:000000000000:model/{name.ToLowerInvariant()}",
        };
        DescribedProperties.Add(properties, step.Descriptor, arguments, started);
        run.Values.SetProperties(step.Name, properties);
        run.Lineage[step.Name] = new JsonObject { ["Type"] = step.TypeName, ["ModelName"] = name };
    }
}
