using System.CommandLine;
using System.Security.Cryptography;

namespace MlPipeline.SageMakerPipelines.Cli.Commands;

/// <summary><c>bundle [--out DIR]</c>: the zip of each function the infrastructure stack deploys.</summary>
internal static class BundleCommand
{
    /// <summary>Where the stacks look for the zips unless told otherwise, under the project folder.</summary>
    public const string DefaultFolder = ".mlpipeline/functions";

    public static Command Create(CommandContext context)
    {
        var output = new Option<string?>("--out") { Description = $"The folder to write NAME.zip into (default: {DefaultFolder} in the project folder).", HelpName = "DIR" };
        var command = new Command("bundle", "Write the zip of each function the infrastructure stack deploys (deterministic: the same scripts give the same bytes).") { output };
        command.SetAction(parse =>
        {
            var app = context.App;
            if (app.Functions.Count == 0)
            {
                context.Error.WriteLine("error: this project declares no functions (PipelineApp.Functions is empty); there is nothing to bundle.");
                return ExitCodes.InvalidData;
            }

            var folder = Path.GetFullPath(parse.GetValue(output) ?? Path.Combine(app.ResolveProjectRoot(), DefaultFolder));
            foreach (var function in app.Functions)
            {
                var path = Path.Combine(folder, function.Name + ".zip");
                var zip = function.ToZip();
                try
                {
                    Local.AtomicFile.Write(path, zip);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    context.Error.WriteLine($"error: cannot write {path}: {e.Message}");
                    return ExitCodes.CannotCreate;
                }

                context.Output.WriteLine($"Wrote {path} ({zip.Length} bytes, sha256 {Convert.ToHexStringLower(SHA256.HashData(zip))}): {string.Join(", ", function.Files.Select(f => f.FileName))}");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
