using MlPipeline.Tests.Shared;

namespace MlPipeline.Scaffolder.Tests.Infrastructure;

/// <summary>
/// The floor environment (eng/install-floor.sh): a Debian bullseye root with Python 3.9.2, numpy 1.19.5,
/// pandas 1.1.5, scikit-learn 0.23.2 and xgboost 1.2.1, at or below the SageMaker containers the scripts run in.
/// Commands run in it with chroot, inside a private mount namespace: the project folder, /proc, /dev/shm and a
/// fresh /tmp are mounted for the command only, and the kernel drops every mount when the command ends, however
/// it ends (a failure or a timeout leaves nothing mounted).
/// </summary>
internal static class Floor
{
    public static string Root => Path.Combine(TestPaths.Tools, "floor-bullseye");

    /// <summary>Fails with the fix when the floor environment is not there.</summary>
    public static void Require() =>
        Assert.True(File.Exists(Path.Combine(Root, "etc", "mlpipeline-floor")),
            $"The floor environment is missing ({Root}): run ./test.sh once (it installs the test tools), or eng/install-floor.sh (as root).");

    /// <summary>Runs a shell command in the floor environment with <paramref name="project"/> as its working folder (/mnt/project).</summary>
    public static ProcessRunner.Result Run(string project, string command, TimeSpan timeout)
    {
        Require();
        const string script = """
            mkdir -p "$FLOOR_ROOT/mnt/project" &&
            mount --bind "$FLOOR_PROJECT" "$FLOOR_ROOT/mnt/project" &&
            mount -t proc proc "$FLOOR_ROOT/proc" &&
            mount -t tmpfs tmpfs "$FLOOR_ROOT/dev/shm" &&
            mount -t tmpfs tmpfs "$FLOOR_ROOT/tmp" &&
            exec chroot "$FLOOR_ROOT" /bin/sh -c 'cd /mnt/project && eval "$FLOOR_COMMAND"'
            """;
        return ProcessRunner.Run(
            "unshare", ["--mount", "--propagation", "private", "/bin/sh", "-c", script.ReplaceLineEndings("\n")],
            environment: new Dictionary<string, string>
            {
                ["FLOOR_ROOT"] = Root,
                ["FLOOR_PROJECT"] = project,
                ["FLOOR_COMMAND"] = command,
                ["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                ["HOME"] = "/root",
                ["LANG"] = "C.UTF-8",
            },
            timeout: timeout);
    }
}
