using System.Text.Json;
using System.Text.Json.Nodes;
using MlPipeline.SageMakerPipelines.Definition;
using MlPipeline.SageMakerPipelines.Validation;

namespace MlPipeline.SageMakerPipelines.Local;

public sealed partial class LocalRunner
{
    /// <summary>
    /// Checks every step before the run starts: the definition with this run's parameter values put in (so a value
    /// such as ProcessingInstanceCount=0 or InputData=/etc/ is judged where it is used), then the sandbox rules on
    /// every path that is known before any step runs.
    /// </summary>
    private List<ValidationFinding> CheckBeforeRun(JsonObject definition, IEnumerable<DefinitionStep> steps, RunValues values, string runFolder, string python)
    {
        var findings = PipelineValidator.Validate(values.EvaluateKnown(definition)!.ToJsonString())
            .Select(f => f with { Message = f.Message + " (with this run's parameter values)" })
            .ToList();
        // The steps that run a job: what their plan needs must be there before the run starts.
        foreach (var step in steps.Where(s => s.Descriptor.RunLocally?.Plan is not null))
        {
            string? Known(JsonNode? node)
            {
                try
                {
                    return RunValues.Text(values.Evaluate(node, step.Name));
                }
                catch (LocalRunException)
                {
                    return null;
                }
            }

            var container = Path.Combine(runFolder, "steps", step.Name, "container");
            try
            {
                step.Descriptor.RunLocally!.Plan!(this, step, Known, container, python);
            }
            catch (LocalRunException e)
            {
                var space = e.Message.IndexOf(' ', StringComparison.Ordinal);
                findings.Add(new ValidationFinding(e.Message[..Math.Max(space, 0)], $"Step '{step.Name}': {e.Message[(space + 1)..]}", $"{step.Path}.Arguments"));
            }
        }

        return findings;
    }

    private static string? Unquote(string? value) =>
        value is { Length: >= 2 } && value[0] == '"' && value[^1] == '"' ? JsonSerializer.Deserialize<string>(value) : value;
}
