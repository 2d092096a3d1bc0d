namespace MlPipeline.SageMakerPipelines.Cli;

/// <summary>The exit codes of a pipeline project's command line.</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Success = 0;

    /// <summary>The pipeline ran and failed (a step failed or a Fail step was reached).</summary>
    public const int RunFailed = 1;

    /// <summary>The command line was wrong.</summary>
    public const int Usage = 64;

    /// <summary>The definition, a parameter value or a registry entry is invalid.</summary>
    public const int InvalidData = 65;

    /// <summary>An output file or folder cannot be written.</summary>
    public const int CannotCreate = 73;

    /// <summary>Reading or writing failed outside the program: a file system or a service such as S3 refused.</summary>
    public const int IOError = 74;

    /// <summary>A bug.</summary>
    public const int Internal = 70;

    /// <summary>The run was interrupted (Ctrl+C).</summary>
    public const int Cancelled = 130;
}
