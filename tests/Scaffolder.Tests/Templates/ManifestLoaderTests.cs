using System.Text;
using MlPipeline.Scaffolder.Diagnostics;
using MlPipeline.Scaffolder.Manifest;
using MlPipeline.Tests.Shared;

namespace MlPipeline.Scaffolder.Tests.Templates;

/// <summary>
/// A template's <c>template.yaml</c> as its author writes it: what it reads as, and every mistake reported at once
/// with a stable SCAF2xx code, where it is and what to fix (README: every finding has a stable code).
/// </summary>
public class ManifestLoaderTests
{
    private static readonly TemplateVersion Version = new(1, 2, 3);

    private const string Good = """
        id: demo
        name: Demo
        description: A template for the tests.
        options:
          - name: name
            type: string
            description: The project name.

        """;

    /// <summary>Broken manifests, each with the one rule it breaks.</summary>
    private static readonly Dictionary<string, (string Code, string Yaml)> Broken = new(StringComparer.Ordinal)
    {
        ["not YAML"] = ("SCAF201", "id: demo\nname: Demo\noptions: [{ name: name\n"),
        ["empty"] = ("SCAF201", ""),
        ["only a comment"] = ("SCAF201", "# nothing yet\n"),
        ["an unknown key"] = ("SCAF201", Good + "version: 1.0.0\n"),
        ["no id"] = ("SCAF201", "name: Demo\ndescription: A template.\n"),
        ["no name"] = ("SCAF201", "id: demo\ndescription: A template.\n"),
        ["a blank description"] = ("SCAF201", "id: demo\nname: Demo\ndescription: '  '\n"),
        ["nothing required"] = ("SCAF201", "author: Someone\n"),
        ["an option name in capitals"] = ("SCAF202", Good + "  - { name: Region, type: string, description: The region. }\n"),
        ["an option name with a hyphen"] = ("SCAF202", Good + "  - { name: python-version, type: string, description: The version. }\n"),
        ["an option name with two underscores together"] = ("SCAF202", Good + "  - { name: python__version, type: string, description: The version. }\n"),
        ["an option name ending in an underscore"] = ("SCAF202", Good + "  - { name: region_, type: string, description: The region. }\n"),
        ["an option name starting with a digit"] = ("SCAF202", Good + "  - { name: 2fa, type: bool, description: Two factors. }\n"),
        ["an option without a name"] = ("SCAF202", Good + "  - { type: string, description: Nameless. }\n"),
        ["an option without a type"] = ("SCAF202", Good + "  - { name: region, description: The region. }\n"),
        ["an unknown type"] = ("SCAF202", Good + "  - { name: region, type: text, description: The region. }\n"),
        ["a type that is a number"] = ("SCAF202", Good + "  - { name: region, type: 2, description: The region. }\n"),
        ["two types"] = ("SCAF202", Good + "  - { name: region, type: 'choice, bool', description: The region. }\n"),
        ["an option without a description"] = ("SCAF202", Good + "  - { name: region, type: string }\n"),
        ["an option with a blank description"] = ("SCAF202", Good + "  - { name: region, type: string, description: ' ' }\n"),
        ["a choice without choices"] = ("SCAF202", Good + "  - { name: region, type: choice, description: The region. }\n"),
        ["a choice with an empty list"] = ("SCAF202", Good + "  - { name: region, type: choice, description: The region., choices: [] }\n"),
        ["a choice without a value"] = ("SCAF202", Good + "  - { name: region, type: choice, description: The region., choices: [{ description: Ohio }] }\n"),
        ["a choice without a description"] = ("SCAF202", Good + "  - { name: region, type: choice, description: The region., choices: [{ value: us-east-1, description: Virginia }, { value: us-east-2 }] }\n"),
        ["a min_length that is no number"] = ("SCAF201", Good + "    min_length: many\n"),
        ["a pattern that is no regular expression"] = ("SCAF202", Good + "  - { name: code, type: string, description: The code., pattern: '[a-' }\n"),
        ["an unknown reserved word list"] = ("SCAF202", Good + "  - { name: code, type: string, description: The code., reserved: python-keywords }\n"),
        ["a bool default that is no boolean"] = ("SCAF202", Good + "  - { name: tuning, type: bool, description: Tune., default: yes }\n"),
        ["an int default with a fraction"] = ("SCAF202", Good + "  - { name: seed, type: int, description: The seed., default: '4.5' }\n"),
        ["a choice requiring an unknown option"] = ("SCAF202", Good + "  - { name: accounts, type: choice, description: Accounts., choices: [{ value: multi, description: Many, requires: { iak: [terraform] }, requires_reason: only Terraform. }] }\n"),
        ["a choice requiring a value the option does not have"] = ("SCAF202", Good + "  - { name: iac, type: choice, description: IaC., choices: [{ value: terraform, description: TF }] }\n  - { name: accounts, type: choice, description: Accounts., choices: [{ value: multi, description: Many, requires: { iac: [pulumi] }, requires_reason: only Pulumi. }] }\n"),
        ["a choice requiring a list with a value the option does not have"] = ("SCAF202", Good + "  - { name: iac, type: choice, description: IaC., choices: [{ value: terraform, description: TF }] }\n  - { name: accounts, type: choice, description: Accounts., choices: [{ value: multi, description: Many, requires: { iac: [terraform, pulumi] }, requires_reason: not Pulumi yet. }] }\n"),
        ["a choice requiring an empty list"] = ("SCAF202", Good + "  - { name: iac, type: choice, description: IaC., choices: [{ value: terraform, description: TF }] }\n  - { name: accounts, type: choice, description: Accounts., choices: [{ value: multi, description: Many, requires: { iac: [] }, requires_reason: none. }] }\n"),
        ["a choice requiring one value not in a list"] = ("SCAF201", Good + "  - { name: iac, type: choice, description: IaC., choices: [{ value: terraform, description: TF }] }\n  - { name: accounts, type: choice, description: Accounts., choices: [{ value: multi, description: Many, requires: { iac: terraform }, requires_reason: a list. }] }\n"),
        ["a choice requiring a mapping"] = ("SCAF201", Good + "  - { name: iac, type: choice, description: IaC., choices: [{ value: terraform, description: TF }] }\n  - { name: accounts, type: choice, description: Accounts., choices: [{ value: multi, description: Many, requires: { iac: { tool: terraform } }, requires_reason: nested. }] }\n"),
        ["a choice requiring a string option"] = ("SCAF202", Good + "  - { name: owner, type: string, description: Owner. }\n  - { name: accounts, type: choice, description: Accounts., choices: [{ value: multi, description: Many, requires: { owner: [me] }, requires_reason: mine. }] }\n"),
        ["a choice requiring its own option"] = ("SCAF202", Good + "  - { name: accounts, type: choice, description: Accounts., choices: [{ value: single, description: One }, { value: multi, description: Many, requires: { accounts: [single] }, requires_reason: never. }] }\n"),
        ["a choice requiring without a reason"] = ("SCAF202", Good + "  - { name: iac, type: choice, description: IaC., choices: [{ value: terraform, description: TF }] }\n  - { name: accounts, type: choice, description: Accounts., choices: [{ value: multi, description: Many, requires: { iac: [terraform] } }] }\n"),
        ["a choice default that is no choice"] = ("SCAF202", Good + "  - { name: ci, type: choice, description: The CI., default: jenkins, choices: [{ value: github, description: GitHub }] }\n"),
        ["an option declared twice"] = ("SCAF202", Good + "  - { name: name, type: string, description: The name again. }\n"),
        ["a file rule without a glob"] = ("SCAF201", Good + "files:\n  - { when: 'options.ci == \"github\"' }\n"),
        ["an include without a template"] = ("SCAF201", Good + "includes:\n  - { target: infra }\n"),
        ["an include without a target"] = ("SCAF201", Good + "includes:\n  - { template: terraform }\n"),
    };

    public static TheoryData<string> BrokenNames() => [.. Broken.Keys];

    [Theory]
    [MemberData(nameof(BrokenNames))]
    public void A_broken_manifest_is_refused_with_the_rule_it_breaks(string name)
    {
        var (code, yaml) = Broken[name];
        var diagnostics = new List<Diagnostic>();

        var manifest = ManifestLoader.Load(yaml, "demo/template.yaml", Version, diagnostics);

        Assert.Null(manifest);
        Assert.True(diagnostics.Count > 0 && diagnostics.All(d => d.Code == code), $"expected only {code}, got:\n{string.Join('\n', diagnostics)}");
    }

    /// <summary>What a template's author reads for each broken manifest above: where, the code and what to fix.</summary>
    [Fact]
    public void Every_broken_manifest_reads_as_the_reviewed_findings()
    {
        var text = new StringBuilder();
        foreach (var (name, (_, yaml)) in Broken.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var diagnostics = new List<Diagnostic>();
            ManifestLoader.Load(yaml, "demo/template.yaml", Version, diagnostics);
            text.Append("## ").Append(name).Append('\n');
            foreach (var diagnostic in diagnostics)
            {
                text.Append(diagnostic).Append('\n');
            }
        }

        Golden.Verify("tests/Scaffolder.Tests/Golden/manifest-findings.txt", text.ToString());
    }

    [Fact]
    public void Every_mistake_in_a_manifest_is_reported_at_once_and_good_options_are_still_checked()
    {
        var diagnostics = new List<Diagnostic>();

        ManifestLoader.Load("""
            name: Demo
            description: A template.
            options:
              - { name: Bad, type: string, description: Named wrong. }
              - { name: ok, type: string, description: Fine. }
              - { name: seed, type: int, description: The seed., default: many }
              - { name: mode, type: mood, description: Typed wrong. }
              - { name: tuning, type: bool }
            """, "demo/template.yaml", Version, diagnostics);

        Assert.Equal(
            [
                "demo/template.yaml: error SCAF201: 'id' is required.",
                "demo/template.yaml: error SCAF202: Option name 'Bad' must be snake_case: words of lowercase letters and digits joined by single underscores, starting with a letter (python_version).",
                "demo/template.yaml: option 'seed': error SCAF202: Default 'many' is not a valid int value for this option.",
                "demo/template.yaml: option 'mode': error SCAF202: Type 'mood' is not one of string, choice, bool, int.",
                "demo/template.yaml: option 'tuning': error SCAF202: Every option needs a description: users see it in --help.",
            ],
            diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void A_manifest_reads_as_the_template_it_describes_with_typed_defaults()
    {
        var diagnostics = new List<Diagnostic>();

        var manifest = ManifestLoader.Load("""
            id: demo
            name: Demo
            short_name: demo
            identity: Demo.Templates.Project
            author: The Demo Team
            description: A template for the tests.
            classifications: [ML, AWS]
            options:
              - name: name
                type: string
                description: The project name.
                pattern: '^[A-Z][a-z]*$'
                pattern_description: be one capitalised word
                min_length: 2
                max_length: 20
                reserved: csharp-keywords
                aws_prefix: true
                single_line: true
                command_line: true
                dotnet_new: true
              - { name: seed, type: int, description: The seed., default: '-7', min: -10, max: 10 }
              - { name: tuning, type: Bool, description: Tune., default: 'true' }
              - { name: ci, type: choice, description: The CI., default: gitlab, choices: [{ value: github, description: GitHub }, { value: gitlab, description: GitLab }] }
              - { name: owner, type: string, description: The owner., default: '' }
            files:
              - { glob: "data/**", verbatim: true }
              - { glob: "run.sh", executable: true, when: "options.tuning" }
            includes:
              - { template: terraform, target: infra/terraform/, when: 'options.ci == "github"' }
            """, "demo/template.yaml", Version, diagnostics);

        Assert.Empty(diagnostics);
        Assert.NotNull(manifest);
        Assert.Equal(("demo", "Demo", "demo", "Demo.Templates.Project", "A template for the tests.", "The Demo Team", Version), (manifest.Id, manifest.Name, manifest.ShortName, manifest.Identity, manifest.Description, manifest.Author, manifest.Version));
        Assert.Equal(["ML", "AWS"], manifest.Classifications);
        Assert.Equal(["name", "seed", "tuning", "ci", "owner"], manifest.Options.Select(o => o.Name));
        Assert.Equal([null, -7L, true, "gitlab", ""], manifest.Options.Select(o => o.Default));
        Assert.Equal([OptionType.String, OptionType.Int, OptionType.Bool, OptionType.Choice, OptionType.String], manifest.Options.Select(o => o.Type));

        var name = manifest.Options[0];
        Assert.Equal(("^[A-Z][a-z]*$", "be one capitalised word", 2, (int?)20, "csharp-keywords", true, true), (name.Rule.Pattern?.ToString(), name.Rule.PatternDescription, name.Rule.MinLength, name.Rule.MaxLength, name.Rule.Reserved, name.Rule.AwsPrefix, name.Rule.SingleLine));
        Assert.Equal((true, true, "--name"), (name.CommandLine, name.DotnetNew, name.CommandLineName));
        var seed = manifest.Options[1];
        Assert.Equal(((long?)-10, (long?)10, 0, (int?)null, false, false, false, false), (seed.Min, seed.Max, seed.Rule.MinLength, seed.Rule.MaxLength, seed.Rule.AwsPrefix, seed.Rule.SingleLine, seed.CommandLine, seed.DotnetNew));
        Assert.Equal([("github", "GitHub"), ("gitlab", "GitLab")], manifest.Options[3].Choices.Select(c => (c.Value, c.Description)));

        Assert.Equal([("data/**", (string?)null, true, false), ("run.sh", "options.tuning", false, true)], manifest.Files.Select(f => (f.Glob, f.When, f.Verbatim, f.Executable)));
        var include = Assert.Single(manifest.Includes);
        Assert.Equal(("terraform", "infra/terraform", "options.ci == \"github\""), (include.Template, include.Target, include.When));
    }

    [Fact]
    public void A_manifest_of_only_the_required_keys_has_no_author_classifications_files_or_includes()
    {
        var diagnostics = new List<Diagnostic>();

        var manifest = ManifestLoader.Load(Good, "demo/template.yaml", Version, diagnostics);

        Assert.Empty(diagnostics);
        Assert.NotNull(manifest);
        Assert.Equal(("", (string?)null, (string?)null), (manifest.Author, manifest.ShortName, manifest.Identity));
        Assert.Empty(manifest.Classifications);
        Assert.Empty(manifest.Files);
        Assert.Empty(manifest.Includes);
    }
}
