using System.Text.RegularExpressions;
using MlPipeline.Scaffolder.Rendering;
using MlPipeline.Scaffolder.Tests.Infrastructure;
using MlPipeline.Tests.Shared;
using Xunit.Abstractions;

namespace MlPipeline.Scaffolder.Tests.Deploy;

/// <summary>
/// The generated CI's infrastructure job, its lines run here in order with the real tools: terraform fmt -check,
/// init (providers from the local mirror) and validate for every CI choice, cfn-lint for CloudFormation. The tool
/// versions the CI pins are the ones this machine runs.
/// </summary>
public partial class InfrastructureJobTests(ITestOutputHelper log)
{
    [TerraformTheory]
    [InlineData("github", "Acme.Churn-2", "eu-west-2")]
    [InlineData("gitlab", "Fraud2Detect9", "ap-south-1")]
    [InlineData("none", "Churn", "us-east-1")]
    [InlineData("github", "A.B-C.D2e.Fghijklmnopqrstuvwxyz", "us-west-2")]
    public void The_terraform_stack_passes_fmt_init_and_validate_as_the_ci_job_runs_them(string ci, string name, string region)
    {
        using var temp = new TempDirectory();
        var tree = Scaffold.Render("name=" + name, "ci=" + ci, "region=" + region, "iac=terraform");
        Write(tree, temp.Path);

        var (image, job) = InfrastructureJob(tree, ci);
        if (job is null)
        {
            CiRunner.Run(new[] { "fmt -check -recursive", "init -backend=false", "validate" }.Select(a => (a, "terraform -chdir=infra/terraform " + a)), temp.Path, Terraform.EnvironmentWith(), log.WriteLine, TimeSpan.FromMinutes(5));
        }
        else
        {
            var local = Regex.Match(ProcessRunner.Run(Terraform.Executable, ["version"]).Output, @"Terraform v(\d+\.\d+\.\d+)").Groups[1].Value;
            Assert.True(image == local, $"The CI runs Terraform {image}, these tests run {local}: pin the version that is tested.");
            Assert.Equal(["fmt -check -recursive", "init -backend=false", "validate"], job.Lines.Select(l => l.Script.Replace("terraform -chdir=infra/terraform ", "", StringComparison.Ordinal)));
            RunJob(job, ci, temp.Path, Terraform.EnvironmentWith());
        }

        // Only hashicorp/aws: no other provider to fetch, such as the archive provider for the functions' zip.
        var lockFile = File.ReadAllText(temp.Combine("infra", "terraform", ".terraform.lock.hcl"));
        Assert.Equal(["registry.terraform.io/hashicorp/aws"], ProviderLock().Matches(lockFile).Select(m => m.Groups[1].Value));
    }

    [Theory]
    [InlineData("github")]
    [InlineData("gitlab")]
    public void The_cloudformation_stack_passes_cfn_lint_as_the_ci_job_runs_it(string ci)
    {
        using var temp = new TempDirectory();
        var tree = Scaffold.Render("name=Acme.Churn-2", "ci=" + ci, "iac=cloudformation", "region=eu-central-1");
        Write(tree, temp.Path);

        var (image, job) = InfrastructureJob(tree, ci);

        Assert.Contains(job!.Lines, l => l.Script == "cfn-lint infra/cloudformation/stack.yaml");
        Assert.Matches(@"^python:3\.\d+-slim$|^3\.\d+$", image);
        RunJob(job, ci, temp.Path, new Dictionary<string, string>());
    }

    private void RunJob(CiJob job, string ci, string folder, Dictionary<string, string> environment)
    {
        if (ci == "github")
        {
            CiRunner.RunGitHubJob(job, folder, environment, new Dictionary<string, string>(), log.WriteLine);
        }
        else
        {
            CiRunner.RunGitLabJob(job, folder, environment, new Dictionary<string, string> { ["CI_PROJECT_DIR"] = folder }, log.WriteLine);
        }
    }

    /// <summary>The infrastructure job, and its Terraform version or its Python image.</summary>
    private static (string? Version, CiJob? Job) InfrastructureJob(GeneratedTree tree, string ci)
    {
        if (ci == "none")
        {
            return (null, null);
        }

        if (ci == "github")
        {
            var job = CiJobs.GitHub(tree.Text(".github/workflows/ci.yml")).Single(j => j.Name == "infrastructure");
            return (job.Actions.Select(a => a.With.GetValueOrDefault("terraform_version") ?? a.With.GetValueOrDefault("python-version")).OfType<string>().Single(), job);
        }

        var gitlab = CiJobs.GitLab(tree.Text(".gitlab-ci.yml")).Single(j => j.Name == "infrastructure");
        return (gitlab.Image!.StartsWith("hashicorp/terraform:", StringComparison.Ordinal) ? gitlab.Image["hashicorp/terraform:".Length..] : gitlab.Image, gitlab);
    }

    private static void Write(GeneratedTree tree, string folder)
    {
        foreach (var file in tree.Files)
        {
            var path = Path.Combine(folder, file.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, file.Content);
        }
    }

    [GeneratedRegex(@"provider ""([^""]+)""")]
    private static partial Regex ProviderLock();
}
