using MlPipeline.Scaffolder;
using MlPipeline.Scaffolder.Commands;

return Cli.Run(args, new CliContext(Console.Out, Console.Error));
