using System.CommandLine;

namespace MlPipeline.SageMakerPipelines.Cli.Commands;

/// <summary><c>definition [--out FILE] [--compact]</c>: the definition JSON.</summary>
internal static class DefinitionCommand
{
    public static Command Create(CommandContext context)
    {
        var output = new Option<string?>("--out") { Description = "Write the definition to this file instead of the console.", HelpName = "FILE" };
        var compact = new Option<bool>("--compact") { Description = "One line, no indentation." };
        var command = new Command("definition", "Print or write the pipeline definition JSON (what SageMaker runs).") { output, compact };
        command.SetAction(parse =>
        {
            var json = context.App.Pipeline.ToJson(indented: !parse.GetValue(compact));
            if (parse.GetValue(output) is { } path)
            {
                if (Directory.Exists(path))
                {
                    throw new CommandException(ExitCodes.CannotCreate, $"--out {path} is a folder; give the file to write, such as {Path.Combine(path, "definition.json")}.");
                }

                try
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
                    File.WriteAllText(path, json + "\n");
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw new CommandException(ExitCodes.CannotCreate, $"Cannot write {path}: {e.Message}", e);
                }

                context.Output.WriteLine($"Wrote {path} ({json.Length} bytes).");
            }
            else
            {
                context.Output.WriteLine(json);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
