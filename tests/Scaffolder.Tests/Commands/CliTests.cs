using System.Text.Json;
using MlPipeline.Scaffolder.Commands;
using MlPipeline.Scaffolder.Commands.Options;
using MlPipeline.Scaffolder.Diagnostics;
using MlPipeline.Scaffolder.Templates;
using MlPipeline.Scaffolder.Tests.Infrastructure;
using MlPipeline.Tests.Shared;

namespace MlPipeline.Scaffolder.Tests.Commands;

public class CliTests
{
    [Fact]
    public void New_writes_the_project_commits_it_and_says_where()
    {
        using var temp = new TempDirectory();
        var target = temp.Combine("Churn");

        var (code, output, error) = Run("new", target, "--iac", "cloudformation", "--set", "random_seed=7");

        Assert.True(code == ExitCodes.Success, error);
        Assert.Contains($"Created project Churn in {target}", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(target, "infra", "cloudformation", "stack.yaml")));
        Assert.Contains("random_seed: 7", File.ReadAllText(Path.Combine(target, "mlpipeline.yaml")), StringComparison.Ordinal);
        Assert.Equal("", ProcessRunner.Run("git", ["status", "--porcelain"], target).Output);
    }

    [Theory]
    [InlineData(new[] { "--tuning", "--no-git" }, "true", "false")]
    [InlineData(new[] { "--no-git", "--batch-transform" }, "false", "true")]
    [InlineData(new[] { "--tuning", "false", "--batch-transform", "--no-git" }, "false", "true")]
    [InlineData(new[] { "--tuning", "true", "--batch-transform", "false", "--no-git" }, "true", "false")]
    public void A_bool_option_alone_is_a_switch_that_means_true_and_still_takes_a_value(string[] arguments, string tuning, string batch)
    {
        using var temp = new TempDirectory();

        var (code, _, error) = Run(["new", temp.Combine("Churn"), .. arguments]);

        Assert.True(code == 0, error);
        var record = File.ReadAllText(temp.Combine("Churn", "mlpipeline.yaml"));
        Assert.Contains($"tuning: {tuning}\n", record, StringComparison.Ordinal);
        Assert.Contains($"batch_transform: {batch}\n", record, StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp.Combine("Churn", ".git")), "--no-git after a switch is an option, not the switch's value");
    }

    [Fact]
    public void A_bool_option_with_a_value_that_is_not_a_boolean_is_refused()
    {
        using var temp = new TempDirectory();

        var (code, _, error) = Run("new", temp.Combine("Churn"), "--tuning", "yes-please", "--no-git");

        Assert.Equal(ExitCodes.InvalidData, code);
        Assert.Contains("--tuning: error SCAF006: 'yes-please' is not a boolean; write true or false.", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp.Combine("Churn")));
    }

    [Fact]
    public void New_from_a_spec_file_makes_the_same_project_again()
    {
        using var temp = new TempDirectory();
        Assert.Equal(0, Run("new", temp.Combine("First"), "--name", "Churn", "--ci", "gitlab", "--owner", "Risk Team", "--no-git").Code);

        var (code, _, error) = Run("new", temp.Combine("Second"), "--spec", temp.Combine("First", "mlpipeline.yaml"), "--no-git");

        Assert.True(code == 0, error);
        var first = Directory.EnumerateFiles(temp.Combine("First"), "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(temp.Combine("First"), f)).Order(StringComparer.Ordinal).ToList();
        var second = Directory.EnumerateFiles(temp.Combine("Second"), "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(temp.Combine("Second"), f)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(first, second);
        Assert.All(first, f => Assert.Equal(File.ReadAllBytes(temp.Combine("First", f)), File.ReadAllBytes(temp.Combine("Second", f))));
    }

    [Fact]
    public void Dry_run_prints_the_tree_and_writes_nothing()
    {
        using var temp = new TempDirectory();
        var target = temp.Combine("Churn");

        var (code, output, _) = Run("new", target, "--dry-run");

        Assert.Equal(0, code);
        Assert.Contains("mlpipeline.yaml", output, StringComparison.Ordinal);
        Assert.Contains("main.tf", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(target));
    }

    [Fact]
    public void Invalid_answers_exit_65_list_every_problem_and_write_nothing()
    {
        using var temp = new TempDirectory();
        var target = temp.Combine("Churn");

        var (code, _, error) = Run("new", target, "--region", "mars-1", "--iac", "pulumi", "--set", "random_seed=x");

        Assert.Equal(ExitCodes.InvalidData, code);
        Assert.Contains("SCAF007", error, StringComparison.Ordinal);
        Assert.Contains("SCAF006", error, StringComparison.Ordinal);
        Assert.Contains("3 error(s)", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(target));
    }

    [Fact]
    public void A_folder_with_files_exits_73_without_force()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.Combine("keep.txt"), "mine");

        var (code, _, error) = Run("new", temp.Path, "--name", "Churn");

        Assert.Equal(ExitCodes.CannotCreate, code);
        Assert.Contains("--force", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("new")]
    [InlineData("new", "x", "--no-such-option")]
    [InlineData("validate")]
    public void Usage_errors_exit_64(params string[] args)
    {
        var (code, _, error) = Run(args);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--help", error, StringComparison.Ordinal);
    }

    /// <summary>What a user types wrong, and what the error must say: the fix, in the user's terms.</summary>
    public static TheoryData<string[], int, string> Mistakes() => new()
    {
        { ["neww", "Churn"], ExitCodes.Usage, "unknown command 'neww'; did you mean 'new'?" },
        { ["optoins"], ExitCodes.Usage, "did you mean 'options'?" },
        { [], ExitCodes.Usage, "give a command: new, update, options, validate" },
        { ["new", "Churn", "--framwork", "xgboost"], ExitCodes.Usage, "'new' has no option '--framwork'; did you mean '--framework'?" },
        { ["validate", "spec.yaml", "--regoin", "eu-west-1"], ExitCodes.Usage, "did you mean '--region'?" },
        { ["new"], ExitCodes.Usage, "'new' needs <dir>" },
        { ["validate"], ExitCodes.Usage, "'validate' needs <spec-file>" },
        { ["new", "Churn", "--dry-run", "--set", "random_sed=7"], ExitCodes.InvalidData, "--set random_sed: error SCAF005: Unknown option 'random_sed' (did you mean 'random_seed'?)" },
        { ["new", "Churn", "--dry-run", "--framework", "kers"], ExitCodes.InvalidData, "--framework: error SCAF007: 'kers' is not one of: sklearn, xgboost" },
        { ["new", "class", "--dry-run"], ExitCodes.InvalidData, "the target folder's name (--name gives another): error SCAF011: 'class' is or contains 'class', a C# keyword; pick another name." },
        { ["new", "Churn", "--dry-run", "--name", "a b"], ExitCodes.InvalidData, "--name: error SCAF008: 'a b' is not a valid name: it must start with a letter" },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public void A_mistake_gets_one_clear_error_with_the_fix_and_no_internals(string[] args, int exitCode, string expected)
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.Combine("spec.yaml"), "options:\n  name: Churn\n");
        var (code, _, error) = Run([.. args.Select(a => a == "spec.yaml" ? temp.Combine("spec.yaml") : a == "Churn" ? temp.Combine("Churn") : a)]);

        Assert.Equal(exitCode, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        // No doubled locations, internal list names, regular expressions or a command name the user may not have typed.
        Assert.DoesNotContain("framework: framework", error, StringComparison.Ordinal);
        Assert.DoesNotContain("csharp-keywords", error, StringComparison.Ordinal);
        Assert.DoesNotContain("^[", error, StringComparison.Ordinal);
        Assert.DoesNotContain("mlpipeline --help", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Required command was not provided", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp.Combine("Churn")));
    }

    [Fact]
    public void Validate_takes_the_name_and_other_answers_as_new_does()
    {
        using var temp = new TempDirectory();
        var spec = temp.Combine("spec.yaml");
        File.WriteAllText(spec, "options:\n  framework: xgboost\n");

        var missing = Run("validate", spec);
        var given = Run("validate", spec, "--name", "Churn", "--set", "random_seed=7");

        Assert.Equal(ExitCodes.InvalidData, missing.Code);
        Assert.Contains("give it with --name VALUE", missing.Error, StringComparison.Ordinal);
        Assert.True(given.Code == 0, given.Error);
        Assert.Contains("project Churn", given.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("new", "--iac")]
    [InlineData("new", "--set")]
    [InlineData("options", "--json")]
    [InlineData("validate", "spec-file")]
    public void Every_verb_has_help(string verb, string mentions)
    {
        var (code, output, _) = Run(verb, "--help");

        Assert.Equal(0, code);
        Assert.Contains(mentions, output, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_json_lists_every_option_with_type_default_and_choices()
    {
        var (code, output, _) = Run("options", "--json");

        Assert.Equal(0, code);
        var options = JsonDocument.Parse(output).RootElement.GetProperty("options").EnumerateArray().ToList();
        Assert.Equal(["name", "description", "owner", "region", "iac", "ci", "accounts", "framework", "package_source", "random_seed", "tuning", "batch_transform"], options.Select(o => o.GetProperty("name").GetString()));
        var accounts = options.Single(o => o.GetProperty("name").GetString() == "accounts");
        Assert.Equal(["single", "multi"], accounts.GetProperty("choices").EnumerateArray().Select(c => c.GetProperty("value").GetString()));
        var iac = options.Single(o => o.GetProperty("name").GetString() == "iac");
        Assert.Equal("choice", iac.GetProperty("type").GetString());
        Assert.Equal("terraform", iac.GetProperty("default").GetString());
        Assert.Equal(["terraform", "cloudformation", "cdk"], iac.GetProperty("choices").EnumerateArray().Select(c => c.GetProperty("value").GetString()));
    }

    [Theory]
    [InlineData(80)]
    [InlineData(60)]
    [InlineData(OptionsCommand.TableWidth)]
    [InlineData(160)]
    public void Options_fit_the_terminal_and_never_split_a_word(int width)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var context = new CliContext(output, error);
        context.Console.Profile.Width = width;

        Assert.Equal(0, Cli.Run(["options"], context));

        var lines = output.ToString().Split('\n');
        Assert.All(lines, line => Assert.True(line.TrimEnd('\r').Length <= width, $"wider than {width}: {line}"));
        static string Bare(string word) => word.Trim('(', ')', ',', ';', '.', ':');
        var words = lines.SelectMany(line => line.Split([' ', '│', '┃', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Select(Bare).ToHashSet(StringComparer.Ordinal);
        foreach (var option in Scaffold.Catalog[TemplateCatalog.ProjectTemplateId].Manifest.Options)
        {
            var texts = new[] { option.Description, option.Rule.PatternDescription ?? "" }.Concat(option.Choices.Select(c => c.Value));
            foreach (var word in texts.SelectMany(t => t.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Select(Bare).Where(w => w.Length > 0))
            {
                Assert.True(words.Contains(word), $"'{word}' ({option.Name}) is split or missing at {width} columns");
            }
        }
    }

    [Fact]
    public void Validate_prints_every_finding_and_exits_65()
    {
        using var temp = new TempDirectory();
        var spec = temp.Combine("mlpipeline.yaml");
        File.WriteAllText(spec, "template: mlpipeline\noptions:\n  name: 9lives\n  ci: jenkins\n");

        var (code, _, error) = Run("validate", spec);

        Assert.Equal(ExitCodes.InvalidData, code);
        Assert.Contains("mlpipeline.yaml:3: name: error SCAF008", error, StringComparison.Ordinal);
        Assert.Contains("mlpipeline.yaml:4: ci: error SCAF007", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_accepts_a_good_spec()
    {
        using var temp = new TempDirectory();
        var spec = temp.Combine("mlpipeline.yaml");
        File.WriteAllText(spec, "options:\n  name: Churn\n");

        var (code, output, _) = Run("validate", spec);

        Assert.Equal(0, code);
        Assert.Contains("valid spec", output, StringComparison.Ordinal);
    }

    private static (int Code, string Output, string Error) Run(params string[] args) => Mlpipeline.Run(args);
}
