namespace MlPipeline.SageMakerPipelines.Cli;

/// <summary>The exit codes of a pipeline project's command line (sysexits style; the README has the table).</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Success = 0;

    /// <summary>The pipeline ran and failed (a step failed or a Fail step was reached), locally or in SageMaker with <c>start --wait</c>.</summary>
    public const int RunFailed = 1;

    /// <summary>The command line was wrong.</summary>
    public const int Usage = 64;

    /// <summary>The definition, a parameter value or a registry entry is invalid, or the run would leave its sandbox.</summary>
    public const int InvalidData = 65;

    /// <summary>
    /// An input cannot be read: a missing definition file, a folder or device where a file belongs, the project's own
    /// files; for the AWS verbs (publish, upsert, start, status, steps, stop, registry --cloud) no AWS region or
    /// credentials, or credentials AWS refuses.
    /// </summary>
    public const int CannotReadInput = 66;

    /// <summary>A bug.</summary>
    public const int Internal = 70;

    /// <summary>An output cannot be created: a folder where <c>definition --out</c> writes a file, S3 refusing an upload.</summary>
    public const int CannotCreate = 73;

    /// <summary>An I/O error: a full disk, a failing device or network.</summary>
    public const int InputOutput = 74;

    /// <summary>The run was interrupted (Ctrl+C).</summary>
    public const int Cancelled = 130;
}
