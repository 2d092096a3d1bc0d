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
        { "nested 50,000 deep", "options: " + new string('[', 50_000) + new string(']', 50_000) + "\n", "SCAF021" },
        { "nested 50,000 deep in block style", string.Concat(Enumerable.Repeat("- ", 50_000)) + "x\n", "SCAF021" },
        { "over 1 MB", "options: {name: Churn}\n# " + new string('x', 1 << 20) + "\n", "SCAF019" },
        { "right-to-left override in the description", "options: {name: Churn, description: \"Churn \\u202Eevil\"}\n", "SCAF022" },
        { "zero-width joiner in the description", "options: {name: Churn, description: \"Ch\\u200Durn\"}\n", "SCAF022" },
        { "zero-width space in the package source", "options: {name: Churn, package_source: \"https://feed\\u200B.example\"}\n", "SCAF022" },
        { "name ending in a hyphen", "options: {name: Churn-}\n", "SCAF008" },
        { "name with a part ending in a hyphen", "options: {name: Acme-.Churn}\n", "SCAF008" },
        { "name giving the S3-reserved prefix sthree-", "options: {name: Sthree-Data}\n", "SCAF023" },
        { "name giving the S3-reserved prefix sthree- by case", "options: {name: SthreeData}\n", "SCAF023" },
        { "name giving the S3-reserved prefix amzn-s3-demo-", "options: {name: Amzn-S3-Demo-X}\n", "SCAF023" },
        { "name giving an IAM-reserved role prefix", "options: {name: Awsservicerolefor-X}\n", "SCAF023" },
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

    /// <summary>Spec files that cannot be read as text: each is refused before it is opened or read whole, with its code.</summary>
    public static TheoryData<string, int, string> UnreadableSpecs() => new()
    {
        { "missing", ExitCodes.CannotReadInput, "SCAF001" },
        { "a folder", ExitCodes.CannotReadInput, "SCAF001" },
        { "/dev/zero", ExitCodes.CannotReadInput, "SCAF001" },
        { "a FIFO", ExitCodes.CannotReadInput, "SCAF001" },
        { "not readable", ExitCodes.CannotReadInput, "SCAF001" },
        { "not UTF-8", ExitCodes.InvalidData, "SCAF020" },
        { "UTF-16", ExitCodes.InvalidData, "SCAF020" },
        { "an empty --spec", ExitCodes.Usage, "--spec is empty" },
        { "an empty target", ExitCodes.Usage, "The target folder is empty" },
    };

    [Theory]
    [MemberData(nameof(UnreadableSpecs))]
    public void A_spec_that_is_not_a_readable_text_file_is_refused_with_its_code(string kind, int expected, string says)
    {
        using var temp = new TempDirectory();
        var spec = temp.Combine("spec.yaml");
        var target = temp.Combine("Churn");
        switch (kind)
        {
            case "a folder":
                Directory.CreateDirectory(spec);
                break;
            case "/dev/zero":
                spec = "/dev/zero";
                break;
            case "a FIFO":
                Assert.Equal(0, ProcessRunner.Run("mkfifo", [spec]).ExitCode);
                break;
            case "not readable":
                // root reads any file whatever its mode; a folder with the file's name inside a file cannot be read by anyone.
                File.WriteAllText(temp.Combine("file"), "x");
                spec = Path.Combine(temp.Combine("file"), "spec.yaml");
                break;
            case "not UTF-8":
                File.WriteAllBytes(spec, [.. "options: {name: Ch"u8.ToArray(), 0xC3, 0x28, .. "urn}\n"u8.ToArray()]);
                break;
            case "UTF-16":
                File.WriteAllText(spec, "options: {name: Churn}\n", System.Text.Encoding.Unicode);
                break;
            case "an empty --spec":
                spec = "";
                break;
            case "an empty target":
                File.WriteAllText(spec, "options: {name: Churn}\n");
                target = "";
                break;
        }

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var (code, _, error) = Run("new", target, "--spec", spec);

        Assert.True(code == expected, $"{kind}: exit {code}: {error}");
        Assert.Contains(says, error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"{kind} took {watch.Elapsed}");
        Assert.False(Directory.Exists(temp.Combine("Churn")));
    }

    /// <summary>A symbolic link in the target where the template writes: refused with exit 73, naming it, before anything is written.</summary>
    public static TheoryData<string, string> Links() => new()
    {
        { "a folder the template writes into", "steps" },
        { "a file the template writes", "README.md" },
        { "a folder deeper down", ".github/workflows" },
        { "a dangling link where a file goes", "steps/clean.py" },
    };

    [Theory]
    [MemberData(nameof(Links))]
    public void Force_never_writes_through_a_symbolic_link(string kind, string link)
    {
        using var temp = new TempDirectory();
        var target = temp.Combine("Churn");
        Assert.Equal(0, Run("new", target, "--no-git").Code);
        var elsewhere = temp.Combine("elsewhere");
        Directory.CreateDirectory(elsewhere);
        File.WriteAllText(Path.Combine(elsewhere, "clean.py"), "mine");
        var path = Path.Combine(target, link);
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
            Directory.CreateSymbolicLink(path, elsewhere);
        }
        else
        {
            File.Delete(path);
            File.CreateSymbolicLink(path, kind.StartsWith("a dangling", StringComparison.Ordinal) ? Path.Combine(elsewhere, "nothing-here") : Path.Combine(elsewhere, "clean.py"));
        }

        var (code, _, error) = Run("new", target, "--force", "--no-git");

        Assert.True(code == ExitCodes.CannotCreate, $"{kind}: exit {code}: {error}");
        Assert.Contains("SCAF305", error, StringComparison.Ordinal);
        Assert.Contains($"'{link}' in the target is a symbolic link", error, StringComparison.Ordinal);
        Assert.Equal(["clean.py"], Directory.EnumerateFileSystemEntries(elsewhere).Select(Path.GetFileName));
        Assert.Equal("mine", File.ReadAllText(Path.Combine(elsewhere, "clean.py")));
        Assert.Equal(["Churn", "elsewhere"], Directory.EnumerateFileSystemEntries(temp.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("an empty folder")]
    [InlineData("a folder with the user's files")]
    [InlineData("a link to a link to a folder")]
    public void A_target_that_is_a_link_to_a_folder_gets_the_project_in_that_folder(string kind)
    {
        using var temp = new TempDirectory();
        var real = temp.Combine("real");
        Directory.CreateDirectory(real);
        if (kind == "a folder with the user's files")
        {
            File.WriteAllText(Path.Combine(real, "notes.md"), "mine");
        }

        var linked = real;
        if (kind == "a link to a link to a folder")
        {
            linked = temp.Combine("between");
            Directory.CreateSymbolicLink(linked, real);
        }

        Directory.CreateSymbolicLink(temp.Combine("Churn"), linked);

        var (code, output, error) = Run("new", temp.Combine("Churn"), "--no-git", "--force");

        Assert.True(code == 0, error);
        Assert.Contains($"in {real}", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(real, "src", "Churn.Pipeline", "Program.cs")));
        Assert.Equal(linked, new DirectoryInfo(temp.Combine("Churn")).LinkTarget);
        Assert.Equal(linked == real ? ["Churn", "real"] : ["Churn", "between", "real"], Directory.EnumerateFileSystemEntries(temp.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_target_that_is_a_dangling_link_is_refused()
    {
        using var temp = new TempDirectory();
        Directory.CreateSymbolicLink(temp.Combine("Churn"), temp.Combine("gone"));

        var (code, _, error) = Run("new", temp.Combine("Churn"), "--no-git");

        Assert.Equal(ExitCodes.CannotCreate, code);
        Assert.Contains("SCAF305", error, StringComparison.Ordinal);
        Assert.Contains("is a symbolic link to '" + temp.Combine("gone") + "', which is not a folder; give a folder, or point the link at one.", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp.Combine("gone")));
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
        Assert.Contains("Cannot create the folder '/proc/mlpipeline-cannot-exist'", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    /// <summary>Outputs the machine cannot take: a path nobody can create (73), a full disk (74, on a 64 KB tmpfs).</summary>
    public static TheoryData<string, int> UnwritableOutputs() => new()
    {
        { "pack-template under /proc", ExitCodes.CannotCreate },
        { "pack-template on a full disk", ExitCodes.IOError },
        { "new on a full disk", ExitCodes.IOError },
    };

    [Theory]
    [MemberData(nameof(UnwritableOutputs))]
    public void An_output_the_machine_cannot_take_exits_with_its_code_and_leaves_nothing(string kind, int expected)
    {
        using var temp = new TempDirectory();
        var disk = temp.Combine("disk");
        Directory.CreateDirectory(disk);
        if (kind.EndsWith("full disk", StringComparison.Ordinal))
        {
            var mounted = ProcessRunner.Run("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", disk]);
            Assert.True(mounted.ExitCode == 0, $"this case needs root to mount a 64 KB tmpfs: {mounted.All}");
        }

        try
        {
            var (code, _, error) = kind switch
            {
                "pack-template under /proc" => Run("pack-template", "/proc/mlpipeline-cannot-exist/pack"),
                "pack-template on a full disk" => Run("pack-template", Path.Combine(disk, "pack")),
                _ => Run("new", Path.Combine(disk, "Churn"), "--no-git"),
            };

            Assert.True(code == expected, $"{kind}: exit {code}: {error}");
            Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
            Assert.Empty(Directory.EnumerateFileSystemEntries(disk));
        }
        finally
        {
            ProcessRunner.Run("umount", ["-l", disk]);
        }
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
