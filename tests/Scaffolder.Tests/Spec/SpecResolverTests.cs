using MlPipeline.Scaffolder.Diagnostics;
using MlPipeline.Scaffolder.Manifest;
using MlPipeline.Scaffolder.Spec;
using MlPipeline.Scaffolder.Templates;
using MlPipeline.Tests.Shared;

namespace MlPipeline.Scaffolder.Tests.Spec;

public class SpecResolverTests
{
    private static readonly Manifest.TemplateManifest Manifest = TemplateCatalog.Embedded[TemplateCatalog.ProjectTemplateId].Manifest;

    /// <summary>
    /// Bad answers as <c>mlpipeline new</c> takes them: a spec file (spec.yaml), <c>--set</c> arguments, named options
    /// and the target folder's name. Each breaks exactly one rule.
    /// </summary>
    private sealed record BadSpec(string Code, string Yaml, string[]? Set = null, string? Folder = "Churn", string? Named = null);

    private static readonly Dictionary<string, BadSpec> BadSpecs = new(StringComparer.Ordinal)
    {
        ["name starting with a digit"] = new("SCAF008", "options: {name: 1Churn}"),
        ["name with an underscore"] = new("SCAF008", "options: {name: Churn_Model}"),
        ["name with a space"] = new("SCAF008", "options: {name: Churn Model}"),
        ["name with a final line break"] = new("SCAF008", "options: {name: \"Churn\\n\"}"),
        ["name with two dots in a row"] = new("SCAF008", "options: {name: Acme..Churn}"),
        ["name that is a path"] = new("SCAF008", "options: {name: ../x}"),
        ["name with a letter outside ASCII"] = new("SCAF008", "options: {name: Chürn}"),
        ["name of 41 characters"] = new("SCAF009", "options: {name: " + new string('a', 41) + "}"),
        ["name that is a C# keyword"] = new("SCAF011", "options: {name: class}"),
        ["name with a C# keyword as a part"] = new("SCAF011", "options: {name: Acme.namespace}"),
        ["name with a C# keyword once its hyphens go"] = new("SCAF011", "options: {name: Acme.clas-s}"),
        ["name empty"] = new("SCAF010", "options: {name: ''}"),
        ["name null"] = new("SCAF016", "options: {name: ~}"),
        ["name missing, no folder"] = new("SCAF016", "options: {region: us-east-1}", Folder: null),
        ["name giving an S3-reserved bucket prefix"] = new("SCAF023", "options: {name: Sthree-Data}"),
        ["name giving an S3-reserved bucket prefix with the hyphen after it"] = new("SCAF023", "options: {name: Sthree}"),
        ["name giving an S3-reserved demo prefix"] = new("SCAF023", "options: {name: Amzn-S3-Demo}"),
        ["name giving an IAM-reserved role prefix"] = new("SCAF023", "options: {name: Awsserviceroleforchurn}"),
        ["owner with a line break"] = new("SCAF008", "options: {owner: \"team\\n\"}"),
        ["owner with a semicolon"] = new("SCAF008", "options: {name: Churn, owner: \"team; drop\"}"),
        ["owner as a list"] = new("SCAF006", "options: {name: Churn, owner: [a, b]}"),
        ["region not a choice"] = new("SCAF007", "options: {name: Churn, region: mars-north-1}"),
        ["region in capitals"] = new("SCAF007", "options: {name: Churn, region: US-EAST-1}"),
        ["region as a list"] = new("SCAF006", "options: {name: Churn, region: [us-east-1]}"),
        ["region ~"] = new("SCAF016", "options: {name: Churn, region: ~}"),
        ["region empty"] = new("SCAF016", "options:\n  name: Churn\n  region:"),
        ["region null"] = new("SCAF016", "options: {name: Churn, region: null}"),
        ["region Null"] = new("SCAF016", "options: {name: Churn, region: Null}"),
        ["region NULL"] = new("SCAF016", "options: {name: Churn, region: NULL}"),
        ["iac not a choice"] = new("SCAF007", "options: {name: Churn, iac: pulumi}"),
        ["iac misspelt"] = new("SCAF007", "options: {name: Churn, iac: terraformm}"),
        ["ci not a choice"] = new("SCAF007", "options: {name: Churn, ci: jenkins}"),
        ["framework not a choice"] = new("SCAF007", "options: {name: Churn, framework: pytorch}"),
        ["accounts not a choice"] = new("SCAF007", "options: {name: Churn, accounts: three}"),
        ["random_seed a word"] = new("SCAF006", "options: {name: Churn, random_seed: many}"),
        ["random_seed with a letter O for a zero"] = new("SCAF006", "options: {name: Churn, random_seed: O42}"),
        ["random_seed empty on the command line"] = new("SCAF006", "", Set: ["random_seed="]),
        ["random_seed a sign alone"] = new("SCAF006", "options: {name: Churn, random_seed: '-'}"),
        ["random_seed below a long"] = new("SCAF012", "options: {name: Churn, random_seed: -99999999999999999999}"),
        ["random_seed with a fraction"] = new("SCAF006", "options: {name: Churn, random_seed: 4.5}"),
        ["random_seed below 0"] = new("SCAF012", "options: {name: Churn, random_seed: -1}"),
        ["random_seed past 2147483647"] = new("SCAF012", "options: {name: Churn, random_seed: 2147483648}"),
        ["random_seed past a long"] = new("SCAF012", "options: {name: Churn, random_seed: 99999999999999999999}"),
        ["random_seed as a mapping"] = new("SCAF006", "options: {name: Churn, random_seed: {a: 1}}"),
        ["tuning yes"] = new("SCAF006", "options: {name: Churn, tuning: yes}"),
        ["tuning as a list"] = new("SCAF006", "options: {name: Churn, tuning: [true]}"),
        ["description on two lines"] = new("SCAF017", "options: {name: Churn, description: \"two\\nlines\"}"),
        ["description starting with a line break"] = new("SCAF017", "options: {name: Churn, description: \"\\nChurn\"}"),
        ["description with a line separator"] = new("SCAF017", "options: {name: Churn, description: \"one\\Ltwo\"}"),
        ["description with a bell"] = new("SCAF018", "options: {name: Churn, description: \"bell\\a\"}"),
        ["description with a right-to-left override"] = new("SCAF022", "options: {name: Churn, description: \"Churn \\u202Eevil\"}"),
        ["description with a zero-width space"] = new("SCAF022", "options: {name: Churn, description: \"Ch\\u200Burn\"}"),
        ["description of 201 characters"] = new("SCAF009", "options: {name: Churn, description: " + new string('d', 201) + "}"),
        ["description with a lone high surrogate"] = new("SCAF018", "", Set: ["description=Churn \uD83D model"]),
        ["description ending in a high surrogate"] = new("SCAF018", "", Set: ["description=Churn \uD83D"]),
        ["description with a lone low surrogate"] = new("SCAF018", "", Set: ["description=\uDCC8 Churn"]),
        ["description with a surrogate pair reversed"] = new("SCAF018", "", Set: ["description=Churn \uDCC8\uD83D"]),
        ["unknown option"] = new("SCAF005", "options: {name: Churn, colour: red}"),
        ["unknown option, misspelt"] = new("SCAF005", "options: {name: Churn, regoin: us-east-1}"),
        ["option name that is a list"] = new("SCAF005", "options:\n  name: Churn\n  ? [a]\n  : 1"),
        ["unknown key"] = new("SCAF004", "options: {name: Churn}\nextra: 1"),
        ["unknown key, misspelt"] = new("SCAF004", "options: {name: Churn}\noptoins: {}"),
        ["key that is a list"] = new("SCAF004", "? [a]\n: 1\noptions: {name: Churn}"),
        ["collections side by side are not nesting"] = new("SCAF004", "options: {name: Churn}\nextra: [" + string.Join(", ", Enumerable.Repeat("[]", 40)) + "]"),
        ["nested 33 deep"] = new("SCAF021", "options:\n  name: Churn\n  owner: " + new string('[', 32) + new string(']', 32)),
        ["another template"] = new("SCAF013", "template: cookiecutter\noptions: {name: Churn}"),
        ["template as a list"] = new("SCAF003", "template: [mlpipeline]\noptions: {name: Churn}"),
        ["template_version newer"] = new("SCAF014", "template_version: 99.0.0\noptions: {name: Churn}"),
        ["template_version not a version"] = new("SCAF014", "template_version: latest\noptions: {name: Churn}"),
        ["template_version with two parts"] = new("SCAF014", "template_version: '1.2'\noptions: {name: Churn}"),
        ["template_version with four parts"] = new("SCAF014", "template_version: 1.2.3.4\noptions: {name: Churn}"),
        ["template_version with an empty part"] = new("SCAF014", "template_version: 1..3\noptions: {name: Churn}"),
        ["template_version in other digits"] = new("SCAF014", "template_version: \u0661.\u0662.\u0663\noptions: {name: Churn}"),
        ["template_version with a space"] = new("SCAF014", "template_version: '1. 2.3'\noptions: {name: Churn}"),
        ["template_version with a sign"] = new("SCAF014", "template_version: +1.2.3\noptions: {name: Churn}"),
        ["template_version past an int"] = new("SCAF014", "template_version: 99999999999.0.0\noptions: {name: Churn}"),
        ["template_version empty"] = new("SCAF003", "template_version: ''\noptions: {name: Churn}"),
        ["options as a list"] = new("SCAF003", "options: [name, Churn]"),
        ["a list, not a mapping"] = new("SCAF003", "- just\n- a list"),
        ["two documents"] = new("SCAF003", "options: {name: Churn}\n---\noptions: {name: Churn}"),
        ["not YAML"] = new("SCAF002", "options: {name: Churn"),
        ["a key twice"] = new("SCAF002", "options:\n  name: a\n  name: b"),
        ["--set without ="] = new("SCAF015", "", Set: ["region"]),
        ["--set without a key"] = new("SCAF015", "", Set: ["=eu-west-1"]),
        ["--set of an unknown option"] = new("SCAF005", "", Set: ["regoin=eu-west-1"]),
        ["--set of a bad value"] = new("SCAF007", "", Set: ["region=mars"]),
        ["--set of a bad name over a good folder"] = new("SCAF008", "", Set: ["name=1x"]),
        ["a named option"] = new("SCAF007", "", Named: "region=mars"),
        ["a named option with an underscore"] = new("SCAF012", "", Named: "random_seed=-5"),
        ["the folder's name"] = new("SCAF008", "", Folder: "my project"),
    };

    public static TheoryData<string> BadSpecNames() => [.. BadSpecs.Keys];

    [Theory]
    [MemberData(nameof(BadSpecNames))]
    public void Reports_the_rule_a_bad_spec_breaks(string name)
    {
        var (spec, diagnostics) = Resolve(BadSpecs[name]);

        var codes = diagnostics.Select(d => d.Code).Distinct().ToList();
        Assert.True(codes.SequenceEqual([BadSpecs[name].Code]), $"expected only {BadSpecs[name].Code}, got:\n{string.Join('\n', diagnostics)}");
        Assert.Null(spec);
        Assert.Equal(ExitCodes.InvalidData, SpecRequest.ExitCodeOf(diagnostics));
    }

    /// <summary>
    /// What a user reads for every bad spec above, as <c>mlpipeline new</c> and <c>validate</c> print it: where (file and
    /// line and option, or the command-line argument), the code and the message, with the allowed values and the
    /// option or key meant by a typo, against a reviewed golden file.
    /// </summary>
    [Fact]
    public void Every_bad_spec_reads_as_the_reviewed_findings()
    {
        var text = new System.Text.StringBuilder();
        foreach (var (name, bad) in BadSpecs.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            text.Append("## ").Append(name).Append('\n');
            foreach (var diagnostic in Resolve(bad).Diagnostics)
            {
                text.Append(diagnostic).Append('\n');
            }
        }

        // This generator's version, which each release moves, as a word.
        Golden.Verify("tests/Scaffolder.Tests/Golden/spec-findings.txt", text.Replace($"generator's {Manifest.Version};", "generator's CURRENT;").ToString());
    }

    // Separate accounts go with Terraform (given or by default) and CloudFormation; the single account goes with every stack.
    [Theory]
    [InlineData("options: {name: Churn, accounts: multi}", "multi", "terraform")]
    [InlineData("options: {name: Churn, accounts: multi, iac: terraform, ci: gitlab}", "multi", "terraform")]
    [InlineData("options: {name: Churn, accounts: single, iac: cloudformation}", "single", "cloudformation")]
    [InlineData("options: {name: Churn, accounts: multi, iac: cloudformation, ci: github}", "multi", "cloudformation")]
    [InlineData("options: {name: Churn, iac: cdk}", "single", "cdk")]
    public void Accounts_are_taken_with_a_stack_that_has_them(string yaml, string accounts, string iac)
    {
        var (spec, diagnostics) = Resolve(new BadSpec("", yaml));

        Assert.Empty(diagnostics);
        Assert.Equal(accounts, spec!.Answers.Single(a => a.Key == "accounts").Value);
        Assert.Equal(iac, spec.Answers.Single(a => a.Key == "iac").Value);
    }

    // A spec written by this generator's template version or an older one is taken; a newer one is refused.
    [Theory]
    [InlineData("this", true)]
    [InlineData("older", true)]
    [InlineData("a patch newer", false)]
    [InlineData("a minor newer", false)]
    [InlineData("ten minors newer", false)]
    [InlineData("a major newer", false)]
    public void A_spec_of_a_newer_template_version_is_refused_and_of_this_or_an_older_one_taken(string which, bool taken)
    {
        var (major, minor, patch) = (Manifest.Version.Major, Manifest.Version.Minor, Manifest.Version.Patch);
        var version = which switch
        {
            "this" => $"{major}.{minor}.{patch}",
            "older" => patch > 0 ? $"{major}.{minor}.{patch - 1}" : minor > 0 ? $"{major}.{minor - 1}.99" : $"{major - 1}.99.99",
            "a patch newer" => $"{major}.{minor}.{patch + 1}",
            "a minor newer" => $"{major}.{minor + 1}.0",
            "ten minors newer" => $"{major}.{minor + 10}.0",
            _ => $"{major + 1}.0.0",
        };

        var (spec, diagnostics) = Resolve(new BadSpec("", $"template: mlpipeline\ntemplate_version: {version}\noptions: {{name: Churn}}"));

        Assert.Equal(taken ? [] : ["SCAF014"], diagnostics.Select(d => d.Code));
        Assert.Equal(taken, spec is not null);
    }

    // Values at the edge of a rule that must still be taken as written.
    [Theory]
    [InlineData("random_seed: 0", "random_seed", 0L)]
    [InlineData("random_seed: 2147483647", "random_seed", 2147483647L)]
    [InlineData("random_seed: +7", "random_seed", 7L)]
    [InlineData("name: Abcdefghijklmnopqrstuvwxyzabcdefghijklmn", "name", "Abcdefghijklmnopqrstuvwxyzabcdefghijklmn")]
    [InlineData("owner: sthree-team", "owner", "sthree-team")]
    [InlineData("name: AWSServiceRoleForChurn", "name", "AWSServiceRoleForChurn")] // its role is awsservice-role-for-churn-…, which IAM does not reserve
    [InlineData("name: Xn--Churn", "name", "Xn--Churn")] // its buckets are xn-churn-…: the resource form has no two hyphens in a row
    [InlineData("owner: 'null'", "owner", "null")]
    [InlineData("description: \"Churn \\U0001F4C8 model\\tof the year\"", "description", "Churn \U0001F4C8 model\tof the year")]
    [InlineData("tuning: true", "tuning", true)]
    [InlineData("region: af-south-1", "region", "af-south-1")]
    public void A_value_at_the_edge_of_its_rule_is_taken_as_written(string answer, string option, object expected)
    {
        var (spec, diagnostics) = Resolve(new BadSpec("", $"options:\n  {answer}"));

        Assert.Empty(diagnostics);
        Assert.Equal(expected, spec![option]);
    }
    [Fact]
    public void Reports_every_problem_at_once_with_field_value_and_rule()
    {
        var diagnostics = Resolve("options: {name: 1x, region: mars, iac: pulumi, random_seed: x}");

        Assert.Equal(["SCAF008", "SCAF007", "SCAF007", "SCAF006"], diagnostics.Select(d => d.Code));
        var name = diagnostics[0];
        Assert.Contains("spec.yaml:1", name.Location, StringComparison.Ordinal);
        Assert.Contains("name", name.Location, StringComparison.Ordinal);
        Assert.Contains("'1x'", name.Message, StringComparison.Ordinal);
        Assert.Contains("start with a letter", name.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Command_line_overrides_the_file_and_named_options_override_set()
    {
        var diagnostics = new List<Diagnostic>();
        using var temp = new TempDirectory();
        var file = temp.Combine("spec.yaml");
        File.WriteAllText(file, "options: {name: FromFile, region: eu-west-1, iac: cloudformation, ci: gitlab}");

        var spec = new SpecRequest
        {
            SpecFile = file,
            DefaultName = "FromFolder",
            Set = ["region=eu-west-2", "ci=none"],
            Named = new Dictionary<string, string> { ["ci"] = "github" },
        }.Resolve(Manifest, diagnostics);

        Assert.NotNull(spec);
        Assert.Equal("FromFile", spec.Name);
        Assert.Equal("eu-west-2", spec["region"]);
        Assert.Equal("cloudformation", spec["iac"]);
        Assert.Equal("github", spec["ci"]);
        Assert.Equal(42L, spec["random_seed"]);
    }

    [Fact]
    public void The_folder_name_names_the_project_only_when_nothing_else_does()
    {
        var diagnostics = new List<Diagnostic>();
        var spec = new SpecRequest { DefaultName = "Churn" }.Resolve(Manifest, diagnostics);

        Assert.Equal("Churn", spec?.Name);

        var bad = new SpecRequest { DefaultName = "my project" }.Resolve(Manifest, diagnostics);
        Assert.Null(bad);
        Assert.Equal("the target folder's name (--name gives another)", Assert.Single(diagnostics).Location);
    }

    // A spec file that cannot be read as text is reported, never thrown: where, what it is, and the exit code
    // (66 when it cannot be read, 65 when what it holds is not a spec; README, Exit codes).
    [Theory]
    [InlineData("missing", ExitCodes.CannotReadInput, "SCAF001", "The spec file does not exist.")]
    [InlineData("a folder", ExitCodes.CannotReadInput, "SCAF001", "The spec file is a folder; give the file itself, such as mlpipeline.yaml.")]
    [InlineData("a device", ExitCodes.CannotReadInput, "SCAF001", "The spec file is not a regular file (a FIFO, a device or a socket); give a file.")]
    [InlineData("a file that fails on read", ExitCodes.CannotReadInput, "SCAF001", "Cannot read the spec file: Input/output error : '/proc/self/mem'")]
    [InlineData("1 MB and a byte", ExitCodes.InvalidData, "SCAF019", "The spec file is larger than 1024 KB; a spec is a few lines of answers.")]
    [InlineData("not UTF-8", ExitCodes.InvalidData, "SCAF020", "The spec file is not UTF-8 text: invalid bytes at offset 18. Save it as UTF-8.")]
    public void A_spec_file_that_cannot_be_read_as_text_is_reported_with_its_exit_code(string kind, int exitCode, string code, string message)
    {
        using var temp = new TempDirectory();
        var path = temp.Combine("spec.yaml");
        switch (kind)
        {
            case "a folder":
                Directory.CreateDirectory(path);
                break;
            case "a device":
                path = "/dev/null";
                break;
            case "a file that fails on read":
                // A regular file whose every read fails (EIO): what a failing disk gives.
                path = "/proc/self/mem";
                break;
            case "1 MB and a byte":
                File.WriteAllText(path, "options: {name: Churn}\n#" + new string('x', SpecFile.MaxBytes - 23));
                break;
            case "not UTF-8":
                File.WriteAllBytes(path, [.. "options: {name: Ch"u8.ToArray(), 0xC3, 0x28, .. "urn}\n"u8.ToArray()]);
                break;
        }

        // Only the file's problem: no finding about the answers it would have given (here the name).
        var diagnostics = new List<Diagnostic>();
        var spec = new SpecRequest { SpecFile = path }.Resolve(Manifest, diagnostics);

        Assert.Null(spec);
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal((code, path, message), (diagnostic.Code, diagnostic.Location, diagnostic.Message));
        Assert.Equal(exitCode, SpecRequest.ExitCodeOf(diagnostics));
    }

    [Fact]
    public void A_spec_file_of_exactly_1_MB_is_read()
    {
        using var temp = new TempDirectory();
        var path = temp.Combine("spec.yaml");
        File.WriteAllText(path, "options: {name: Churn}\n#" + new string('x', SpecFile.MaxBytes - 24));
        Assert.Equal(SpecFile.MaxBytes, new FileInfo(path).Length);

        var diagnostics = new List<Diagnostic>();
        var spec = new SpecRequest { SpecFile = path }.Resolve(Manifest, diagnostics);

        Assert.Empty(diagnostics);
        Assert.Equal("Churn", spec?.Name);
    }

    // A template's string rules that no shipped option uses (a min_length above 1, a pattern without a
    // pattern_description) still hold, with a message that says which.
    [Theory]
    [InlineData("ab", "'ab' is shorter than 3 characters.")]
    [InlineData("ab1", "'ab1' does not match ^[a-z]+$.")]
    [InlineData("abc", null)]
    public void A_template_rule_no_shipped_option_uses_still_holds(string value, string? message)
    {
        var diagnostics = new List<Diagnostic>();
        var manifest = ManifestLoader.Load("""
            id: codes
            name: Codes
            description: A template that asks for one code.
            options:
              - name: code
                type: string
                description: The code.
                min_length: 3
                pattern: '^[a-z]+$'
            """, "template.yaml", new TemplateVersion(1, 0, 0), diagnostics);
        Assert.Empty(diagnostics);

        var spec = new SpecRequest { Set = [$"code={value}"] }.Resolve(manifest!, diagnostics);

        Assert.Equal(message, diagnostics.SingleOrDefault()?.Message);
        Assert.Equal(message is null ? value : null, spec?["code"]);
    }

    /// <summary>A choice that needs another option's value (<c>requires</c>): no shipped option has one now, the rule holds.</summary>
    [Theory]
    [InlineData("terraform", "multi", null)]
    [InlineData("cdk", "single", null)]
    [InlineData("cdk", "multi", "accounts 'multi' needs iac 'terraform', not 'cdk': only Terraform has it. Choose --iac terraform, or --accounts single.")]
    public void A_choice_that_needs_another_options_value_is_refused_without_it(string iac, string accounts, string? message)
    {
        var manifest = Layouts(
            "[{ value: terraform, description: Terraform }, { value: cdk, description: CDK }]",
            "single",
            "{ value: multi, description: Many, requires: { iac: [terraform] }, requires_reason: only Terraform has it. }");
        var diagnostics = new List<Diagnostic>();

        var spec = new SpecRequest { Set = [$"iac={iac}", $"accounts={accounts}"] }.Resolve(manifest, diagnostics);

        var diagnostic = diagnostics.SingleOrDefault();
        Assert.Equal(message is null ? null : "SCAF024", diagnostic?.Code);
        Assert.Equal(message, diagnostic?.Message);
        Assert.Equal(message is null ? accounts : null, spec?["accounts"]);
    }

    /// <summary>
    /// The finding names every value that would do on each side, and points at the answer that chose the value: the
    /// --set that gave it, or the option itself when its default did.
    /// </summary>
    [Theory]
    [InlineData("single", "--set accounts", "iac=cdk", "accounts=multi")]
    [InlineData("multi", "options.accounts", "iac=cdk")]
    public void A_choice_that_needs_one_of_several_values_names_them_all_and_where_it_was_chosen(string accountsDefault, string where, params string[] set)
    {
        var manifest = Layouts(
            "[{ value: terraform, description: Terraform }, { value: cloudformation, description: CloudFormation }, { value: cdk, description: CDK }]",
            accountsDefault,
            "{ value: multi, description: Many, requires: { iac: [terraform, cloudformation] }, requires_reason: only the templated stacks have it. }",
            "{ value: shared, description: Shared }");
        var diagnostics = new List<Diagnostic>();

        var spec = new SpecRequest { Set = set }.Resolve(manifest, diagnostics);

        Assert.Null(spec);
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal(
            ("SCAF024", where, "accounts 'multi' needs iac 'terraform' or 'cloudformation', not 'cdk': only the templated stacks have it. "
                + "Choose --iac terraform or --iac cloudformation, or --accounts single or shared."),
            (diagnostic.Code, diagnostic.Location, diagnostic.Message));
    }

    [Fact]
    public void Rule_codes_are_unique()
    {
        Assert.Equal(Rules.All.Count, Rules.All.Select(r => r.Code).Distinct().Count());
    }

    /// <summary>A manifest of two choices, iac and accounts (single and the given more), accounts' needing iac's values.</summary>
    private static TemplateManifest Layouts(string iacChoices, string accountsDefault, params string[] moreAccounts)
    {
        var diagnostics = new List<Diagnostic>();
        var manifest = ManifestLoader.Load($$"""
            id: layouts
            name: Layouts
            description: A template with a layout that needs some of its tools.
            options:
              - name: iac
                type: choice
                description: The tool.
                default: terraform
                command_line: true
                choices: {{iacChoices}}
              - name: accounts
                type: choice
                description: The layout.
                default: {{accountsDefault}}
                command_line: true
                choices:
                  - { value: single, description: One }
            {{string.Concat(moreAccounts.Select(c => $"      - {c}\n"))}}
            """, "template.yaml", new TemplateVersion(1, 0, 0), diagnostics);
        Assert.Empty(diagnostics);
        return manifest!;
    }

    private static List<Diagnostic> Resolve(string yaml) => Resolve(new BadSpec("", yaml)).Diagnostics;

    /// <summary>Resolves the answers as <c>mlpipeline new</c> does: a spec file, <c>--set</c>, a named option, the target folder's name.</summary>
    private static (ProjectSpec? Spec, List<Diagnostic> Diagnostics) Resolve(BadSpec given)
    {
        using var temp = new TempDirectory();
        string? file = null;
        if (given.Yaml.Length > 0)
        {
            file = temp.Combine("spec.yaml");
            File.WriteAllText(file, given.Yaml);
        }

        var named = new Dictionary<string, string>(StringComparer.Ordinal);
        if (given.Named?.Split('=', 2) is [var option, var value])
        {
            named[option] = value;
        }

        var diagnostics = new List<Diagnostic>();
        var spec = new SpecRequest { SpecFile = file, Set = given.Set ?? [], Named = named, DefaultName = given.Folder }.Resolve(Manifest, diagnostics);
        return (spec, diagnostics);
    }
}
