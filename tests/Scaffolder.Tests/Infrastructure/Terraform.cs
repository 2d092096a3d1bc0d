using System.ComponentModel;
using MlPipeline.Tests.Shared;

namespace MlPipeline.Scaffolder.Tests.Infrastructure;

/// <summary>
/// The real Terraform CLI with the hashicorp/aws provider from a local filesystem mirror, so init works offline:
/// terraform from MLPIPELINE_TERRAFORM or PATH, the mirror from MLPIPELINE_TF_PLUGINS or /opt/tf-plugins.
/// </summary>
internal static class Terraform
{
    private static readonly Lazy<string?> Missing = new(FindMissing);

    public static string Executable => Environment.GetEnvironmentVariable("MLPIPELINE_TERRAFORM") is { Length: > 0 } path ? path : "terraform";

    public static string PluginMirror => Environment.GetEnvironmentVariable("MLPIPELINE_TF_PLUGINS") is { Length: > 0 } path ? path : "/opt/tf-plugins";

    /// <summary>Why the Terraform tests cannot run here, or null when they can.</summary>
    public static string? MissingReason => Missing.Value;

    /// <summary>A CLI configuration that installs providers from the mirror only (written once per test run).</summary>
    public static string CliConfig { get; } = WriteCliConfig();

    /// <summary>The environment every Terraform command runs with: the mirror, no prompts, no colour.</summary>
    public static Dictionary<string, string> EnvironmentWith(IReadOnlyDictionary<string, string>? more = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["TF_CLI_CONFIG_FILE"] = CliConfig,
            ["TF_IN_AUTOMATION"] = "1",
            ["TF_INPUT"] = "0",
            ["NO_COLOR"] = "1",
            ["CHECKPOINT_DISABLE"] = "1",
        };
        if (Path.IsPathRooted(Executable))
        {
            // Scripts call `terraform`: the configured one comes first on PATH.
            environment["PATH"] = Path.GetDirectoryName(Executable) + Path.PathSeparator + System.Environment.GetEnvironmentVariable("PATH");
        }

        foreach (var (key, value) in more ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        return environment;
    }

    /// <summary>
    /// Makes a choice in a stack's settings.auto.tfvars as its README says: the line that offers
    /// <paramref name="variable"/> (commented out, at its default) loses its # and takes <paramref name="value"/> (HCL).
    /// </summary>
    public static void Choose(string settingsFile, string variable, string value)
    {
        var text = File.ReadAllText(settingsFile);
        var offer = new System.Text.RegularExpressions.Regex($"(?m)^# {variable} +=.*$");
        Assert.True(offer.Count(text) == 1, $"{settingsFile} offers {variable} on {offer.Count(text)} lines, not one");
        File.WriteAllText(settingsFile, offer.Replace(text, $"{variable} = {value}"));
    }

    /// <summary>Runs `terraform ARGS` in <paramref name="folder"/>; fails the test with what Terraform said.</summary>
    public static ProcessRunner.Result Run(string folder, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var result = ProcessRunner.Run(Executable, ["-chdir=" + folder, .. args], folder, environment: EnvironmentWith(environment), timeout: TimeSpan.FromMinutes(10));
        Assert.True(result.ExitCode == 0, $"terraform {string.Join(' ', args)} in {folder} exited {result.ExitCode}:\n{result.All}");
        return result;
    }

    private static string? FindMissing()
    {
        try
        {
            var version = ProcessRunner.Run(Executable, ["version"], timeout: TimeSpan.FromSeconds(30));
            if (version.ExitCode != 0)
            {
                return $"`{Executable} version` failed: {version.All.Trim()}";
            }
        }
        catch (Win32Exception)
        {
            return $"terraform is not installed ({Executable} is not on PATH; set MLPIPELINE_TERRAFORM to its path)";
        }

        var provider = Path.Combine(PluginMirror, "registry.terraform.io", "hashicorp", "aws");
        return Directory.Exists(provider) && Directory.EnumerateDirectories(provider).Any()
            ? null
            : $"the hashicorp/aws provider is not in the filesystem mirror {provider} (set MLPIPELINE_TF_PLUGINS to a mirror that has it)";
    }

    private static string WriteCliConfig()
    {
        var path = Path.Combine(Path.GetTempPath(), "mlpipeline-tests", $"terraform-{Environment.ProcessId}.tfrc");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, $"provider_installation {{\n  filesystem_mirror {{\n    path    = \"{PluginMirror}\"\n    include = [\"registry.terraform.io/hashicorp/*\"]\n  }}\n}}\n");
        return path;
    }
}
