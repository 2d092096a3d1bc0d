using MlPipeline.SageMakerPipelines.Code;

namespace MlPipeline.SageMakerPipelines;

/// <summary>Checks shared by the script-mode builders.</summary>
internal static class ScriptCode
{
    public static void CheckEntryPoint(CodeBundle code, string entryPoint)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (code.Files.All(f => f.FileName != entryPoint))
        {
            throw new ArgumentException(
                $"The entry point '{entryPoint}' is not in the code bundle '{code.Name}'; its files are: {string.Join(", ", code.Files.Select(f => f.FileName))}.",
                nameof(entryPoint));
        }
    }
}
