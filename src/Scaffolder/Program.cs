using System.Runtime.InteropServices;
using MlPipeline.Scaffolder;
using MlPipeline.Scaffolder.Commands;

// Ctrl+C (SIGINT) and SIGTERM stop the command cleanly: `new` removes its staging folder and exits 130.
// A second signal ends the process at once.
using var cancel = new CancellationTokenSource();
void Stop(PosixSignalContext signal)
{
    signal.Cancel = !cancel.IsCancellationRequested;
    cancel.Cancel();
}

using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
var interactive = !Console.IsInputRedirected && !Console.IsOutputRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));
return Cli.Run(args, new CliContext(Console.Out, Console.Error, cancellation: cancel.Token) { Interactive = interactive });
