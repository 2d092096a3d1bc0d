using System.CommandLine;
using MlPipeline.SageMakerPipelines.Graph;
using MlPipeline.SageMakerPipelines.Validation;

namespace MlPipeline.SageMakerPipelines.Cli.Commands;

/// <summary><c>validate</c>: every finding of the validator, or a confirmation.</summary>
internal static class ValidateCommand
{
    public static Command Create(CommandContext context)
    {
        var command = new Command("validate", "Check the definition for what SageMaker would refuse at create or run time.");
        command.SetAction(_ =>
        {
            var findings = PipelineValidator.Validate(context.App.Pipeline);
            foreach (var finding in findings)
            {
                context.Error.WriteLine(finding.ToString());
            }

            if (findings.Count > 0)
            {
                context.Error.WriteLine($"{findings.Count} problem(s) in the definition of {context.App.Pipeline.Name}.");
                return ExitCodes.InvalidData;
            }

            var steps = PipelineGraph.From(context.App.Pipeline).Nodes;
            var inBranches = steps.Count - context.App.Pipeline.Steps.Count;
            context.Output.WriteLine($"The definition of {context.App.Pipeline.Name} is valid: {steps.Count} steps"
                + (inBranches > 0 ? $", {inBranches} of them inside condition branches." : "."));
            return ExitCodes.Success;
        });
        return command;
    }
}
