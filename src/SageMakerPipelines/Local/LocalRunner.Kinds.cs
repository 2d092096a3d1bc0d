using System.Diagnostics;
using MlPipeline.SageMakerPipelines.Definition;

namespace MlPipeline.SageMakerPipelines.Local;

public sealed partial class LocalRunner
{
    /// <summary>A step as the runner runs it: where it writes, how long it has taken, and the run it is part of.</summary>
    internal sealed record StepRun(DefinitionStep Step, RunState Run, string Folder, string LogPath, Stopwatch Watch, CancellationToken CancellationToken);

    /// <summary>
    /// How the runner runs each kind of step; the kinds' descriptors (<see cref="StepKindDescriptor.RunLocally"/>) name these.
    /// Each kind's entry is in its folder, beside its descriptor: <c>Steps/Training/LocalRunner.Training.cs</c>, ….
    /// </summary>
    internal static partial class Kinds;
}
