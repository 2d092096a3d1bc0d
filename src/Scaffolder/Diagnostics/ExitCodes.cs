namespace MlPipeline.Scaffolder.Diagnostics;

/// <summary>Process exit codes, sysexits style.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary><c>update</c> finished and left conflicts to resolve (files with conflict markers).</summary>
    public const int Conflicts = 1;

    public const int Usage = 64;
    public const int InvalidData = 65;
    public const int CannotReadInput = 66;
    public const int Internal = 70;
    public const int CannotCreate = 73;
    public const int IOError = 74;
    public const int Interrupted = 130;
}
