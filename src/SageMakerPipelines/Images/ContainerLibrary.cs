namespace MlPipeline.SageMakerPipelines.Images;

/// <summary>A Python library as a SageMaker framework container holds it.</summary>
public sealed record ContainerLibrary
{
    /// <summary>The distribution name pip installs, such as <c>scikit-learn</c>.</summary>
    public required string Package { get; init; }

    /// <summary>The name scripts import, such as <c>sklearn</c>.</summary>
    public required string Module { get; init; }

    /// <summary>
    /// The version in the container; for a library the container does not pin (<see cref="Pinned"/> false), the
    /// least version the libraries that need it accept.
    /// </summary>
    public required string Version { get; init; }

    /// <summary>Whether the container's build files pin this exact version.</summary>
    public bool Pinned { get; init; } = true;

    /// <summary>Where the version was read: repository, file and commit.</summary>
    public required string Source { get; init; }

    /// <summary>The line of a pip requirements file: <c>pandas==1.1.3</c>, or <c>joblib&gt;=1.1.1</c> when not pinned.</summary>
    public string Requirement => Pinned ? $"{Package}=={Version}" : $"{Package}>={Version}";

    /// <summary>Whether an installed version meets the container's: the same version, or at least the least one when not pinned.</summary>
    /// <param name="installed">The installed version, such as 1.5.3; null when the library is not installed.</param>
    public bool IsMetBy(string? installed) =>
        installed is not null && (Pinned ? ContainerVersions.Equal(installed, Version) : ContainerVersions.Compare(installed, Version) >= 0);
}
