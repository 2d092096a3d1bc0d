using MlPipeline.Scaffolder.Diagnostics;
using MlPipeline.Scaffolder.Tests.Infrastructure;
using MlPipeline.Tests.Shared;

namespace MlPipeline.Scaffolder.Tests.Fuzz;

/// <summary>
/// Bad input through the command line, as a user gives it: spec files that are broken in every way, names that try
/// to leave the project folder, targets that cannot be written. Each exits with its code and a diagnostic that names
/// the problem, with no stack trace, and leaves nothing behind.
/// </summary>
public class HostileInputTests
{
    public static TheoryData<string, string, string> BrokenSpecs() => new()
    {
        { "not YAML", "options: {name: [Churn\n", "SCAF002" },
        { "binary", "\u0000\u0001\u0002PK\u0003\u0004", "SCAF003" },
        { "a list, not a mapping", "- name\n- Churn\n", "SCAF003" },
        { "unknown top-level key", "template: mlpipeline\noptoins: {name: Churn}\n", "SCAF004" },
        { "unknown option", "options: {name: Churn, regoin: eu-west-1}\n", "SCAF005" },
        { "wrong type", "options: {name: Churn, random_seed: seven}\n", "SCAF006" },
        { "a mapping for a string", "options: {name: {first: Churn}}\n", "SCAF006" },
        { "not a choice", "options: {name: Churn, iac: pulumi}\n", "SCAF007" },
        { "newer template version", "template: mlpipeline\ntemplate_version: 9.0.0\noptions: {name: Churn}\n", "SCAF014" },
        { "malformed template version", "template: mlpipeline\ntemplate_version: latest\noptions: {name: Churn}\n", "SCAF014" },
        { "another template", "template: webapi\noptions: {name: Churn}\n", "SCAF013" },
        { "path in the name", "options: {name: ../../escape}\n", "SCAF008" },
        { "unknown key and a good name", "options: {name: Churn}\nextra: 1\n", "SCAF004" },
        { "number out of range", "options: {name: Churn, random_seed: -1}\n", "SCAF012" },
        { "multi-line description", "options: {name: Churn, description: \"two\\nlines\"}\n", "SCAF017" },
    };

    [Theory]
    [MemberData(nameof(BrokenSpecs))]
    public void A_broken_spec_file_exits_65_with_its_diagnostic_and_writes_nothing(string kind, string content, string code)
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.Combine("spec.yaml"), content);

        var created = Run("new", temp.Combine("Churn"), "--spec", temp.Combine("spec.yaml"));
        var validated = Run("validate", temp.Combine("spec.yaml"));

        Assert.True(created.Code == ExitCodes.InvalidData, $"{kind}: {created.Error}");
        Assert.Contains(code, created.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", created.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.InvalidData, validated.Code);
        Assert.Contains(code, validated.Error, StringComparison.Ordinal);
        Assert.Equal(["spec.yaml"], Directory.EnumerateFileSystemEntries(temp.Path).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("--name", "../escape")]
    [InlineData("--name", "..\\escape")]
    [InlineData("--name", "/tmp/escape")]
    [InlineData("--name", "a/b")]
    [InlineData("--set", "name=../../escape")]
    [InlineData("--name", "Churn/../../escape")]
    public void A_name_that_is_a_path_is_refused(string option, string value)
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.Combine("work"));

        var (code, _, error) = Run("new", temp.Combine("work", "Churn"), option, value);

        Assert.Equal(ExitCodes.InvalidData, code);
        Assert.Contains("SCAF008", error, StringComparison.Ordinal);
        Assert.Equal(["work"], Directory.EnumerateFileSystemEntries(temp.Path).Select(Path.GetFileName));
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp.Combine("work")));
    }

    [Fact]
    public void A_target_that_cannot_be_created_exits_73_with_the_reason()
    {
        // Nobody, not even root, can make folders under /proc.
        var (code, _, error) = Run("new", "/proc/mlpipeline-cannot-exist/Churn", "--no-git");

        Assert.Equal(ExitCodes.CannotCreate, code);
        Assert.Contains("SCAF303", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_target_that_is_a_file_exits_73_and_the_file_is_kept()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.Combine("Churn"), "my notes");

        var (code, _, error) = Run("new", temp.Combine("Churn"), "--force");

        Assert.Equal(ExitCodes.CannotCreate, code);
        Assert.Contains("SCAF301", error, StringComparison.Ordinal);
        Assert.Equal("my notes", File.ReadAllText(temp.Combine("Churn")));
    }

    [Fact]
    public void Force_keeps_every_file_of_the_user_and_only_rewrites_generated_ones()
    {
        using var temp = new TempDirectory();
        var target = temp.Combine("Churn");
        Assert.Equal(0, Run("new", target, "--no-git").Code);
        File.WriteAllText(Path.Combine(target, "notes.md"), "mine");
        File.WriteAllText(Path.Combine(target, "steps", "my_step.py"), "print('mine')\n");
        File.WriteAllText(Path.Combine(target, "README.md"), "edited");

        var (code, _, error) = Run("new", target, "--force", "--no-git", "--iac", "cloudformation");

        Assert.True(code == 0, error);
        Assert.Equal("mine", File.ReadAllText(Path.Combine(target, "notes.md")));
        Assert.Equal("print('mine')\n", File.ReadAllText(Path.Combine(target, "steps", "my_step.py")));
        Assert.NotEqual("edited", File.ReadAllText(Path.Combine(target, "README.md")));
        // Files of the earlier answers that the new ones do not make are left alone, not deleted.
        Assert.True(File.Exists(Path.Combine(target, "infra", "terraform", "main.tf")));
    }

    private static (int Code, string Output, string Error) Run(params string[] args) => Mlpipeline.Run(args);
}
