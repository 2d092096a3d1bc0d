using MlPipeline.Scaffolder.Diagnostics;
using MlPipeline.Scaffolder.Spec;
using MlPipeline.Scaffolder.Templates;

namespace MlPipeline.Scaffolder.Tests.Spec;

public class SpecResolverTests
{
    private static readonly Manifest.TemplateManifest Manifest = TemplateCatalog.Embedded[TemplateCatalog.ProjectTemplateId].Manifest;

    // Each bad spec breaks exactly one rule and must be reported with exactly that rule's code.
    [Theory]
    [InlineData("options: {name: 1Churn}", "SCAF008")]
    [InlineData("options: {name: Churn_Model}", "SCAF008")]
    [InlineData("options: {name: Churn Model}", "SCAF008")]
    [InlineData("options: {name: \"Churn\\n\"}", "SCAF008")]
    [InlineData("options: {name: Acme..Churn}", "SCAF008")]
    [InlineData("options: {owner: \"team\\n\"}", "SCAF008")]
    [InlineData("options: {name: ../x}", "SCAF008")]
    [InlineData("options: {name: Chürn}", "SCAF008")]
    [InlineData("options: {name: AVeryLongProjectNameThatGoesOnAndOnForever}", "SCAF009")]
    [InlineData("options: {name: class}", "SCAF011")]
    [InlineData("options: {name: Acme.namespace}", "SCAF011")]
    [InlineData("options: {name: ''}", "SCAF010")]
    [InlineData("options: {name: ~}", "SCAF016")]
    [InlineData("options: {name: Churn, region: mars-north-1}", "SCAF007")]
    [InlineData("options: {name: Churn, region: US-EAST-1}", "SCAF007")]
    [InlineData("options: {name: Churn, iac: pulumi}", "SCAF007")]
    [InlineData("options: {name: Churn, ci: jenkins}", "SCAF007")]
    [InlineData("options: {name: Churn, framework: pytorch}", "SCAF007")]
    [InlineData("options: {name: Churn, random_seed: many}", "SCAF006")]
    [InlineData("options: {name: Churn, random_seed: 4.5}", "SCAF006")]
    [InlineData("options: {name: Churn, random_seed: -1}", "SCAF012")]
    [InlineData("options: {name: Churn, random_seed: 99999999999}", "SCAF012")]
    [InlineData("options: {name: Churn, region: [us-east-1]}", "SCAF006")]
    [InlineData("options: {name: Churn, region: ~}", "SCAF016")]
    [InlineData("options: {name: Churn, description: \"two\\nlines\"}", "SCAF017")]
    [InlineData("options: {name: Churn, description: \"bell\\a\"}", "SCAF018")]
    [InlineData("options: {name: Churn, owner: \"team; drop\"}", "SCAF008")]
    [InlineData("options: {name: Churn, regoin: us-east-1}", "SCAF005")]
    [InlineData("options: {name: Churn}\nextra: 1", "SCAF004")]
    [InlineData("template: cookiecutter\noptions: {name: Churn}", "SCAF013")]
    [InlineData("template_version: 99.0.0\noptions: {name: Churn}", "SCAF014")]
    [InlineData("template_version: latest\noptions: {name: Churn}", "SCAF014")]
    [InlineData("options: [name, Churn]", "SCAF003")]
    [InlineData("- just\n- a list", "SCAF003")]
    [InlineData("options: {name: Churn", "SCAF002")]
    [InlineData("options:\n  name: a\n  name: b", "SCAF002")]
    public void Reports_the_rule_a_bad_spec_breaks(string yaml, string code)
    {
        var diagnostics = Resolve(yaml);

        var codes = diagnostics.Select(d => d.Code).Distinct().ToList();
        Assert.True(codes.SequenceEqual([code]), $"expected only {code}, got:\n{string.Join('\n', diagnostics)}");
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
    public void Suggests_the_option_meant_by_a_typo()
    {
        var diagnostic = Assert.Single(Resolve("options: {name: Churn, framwork: sklearn}"));

        Assert.Contains("did you mean 'framework'", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Command_line_overrides_the_file_and_named_options_override_set()
    {
        var diagnostics = new List<Diagnostic>();
        using var temp = new MlPipeline.Tests.Shared.TempDirectory();
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

    [Theory]
    [InlineData("region")]
    [InlineData("=eu-west-1")]
    public void A_set_argument_without_key_and_value_is_reported(string argument)
    {
        var diagnostics = new List<Diagnostic>();
        new SpecRequest { DefaultName = "Churn", Set = [argument] }.Resolve(Manifest, diagnostics);

        Assert.Equal("SCAF015", Assert.Single(diagnostics).Code);
    }

    [Fact]
    public void A_missing_spec_file_is_reported_not_thrown()
    {
        var diagnostics = new List<Diagnostic>();
        new SpecRequest { SpecFile = "/nonexistent/spec.yaml" }.Resolve(Manifest, diagnostics);

        Assert.Equal("SCAF001", Assert.Single(diagnostics).Code);
    }

    [Fact]
    public void Rule_codes_are_unique()
    {
        Assert.Equal(Rules.All.Count, Rules.All.Select(r => r.Code).Distinct().Count());
    }

    [Theory]
    [InlineData("0", 0L)]
    [InlineData("2147483647", 2147483647L)]
    [InlineData("+7", 7L)]
    public void A_whole_number_option_takes_each_end_of_its_range(string seed, long expected)
    {
        var diagnostics = new List<Diagnostic>();
        var file = SpecFile.Parse($"options: {{name: Churn, random_seed: {seed}}}", "spec.yaml", diagnostics);

        var spec = SpecResolver.Resolve(Manifest, file!, [file!.Answers], diagnostics);

        Assert.Empty(diagnostics);
        Assert.Equal(expected, spec!["random_seed"]);
    }

    // The messages the README promises: what is wrong, the allowed values, and the option meant by a typo.
    [Theory]
    [InlineData("options: {name: Churn, random_seed: -1}", "-1 is outside 0..2147483647.")]
    [InlineData("options: {name: Churn, random_seed: 2147483648}", "2147483648 is outside 0..2147483647.")]
    [InlineData("options: {name: Churn, random_seed: 4.5}", "'4.5' is not a whole number.")]
    [InlineData("options: {name: Churn, iac: terraformm}", "'terraformm' is not one of: terraform, cloudformation, cdk (did you mean 'terraform'?).")]
    [InlineData("options: {name: Churn, iac: pulumi}", "'pulumi' is not one of: terraform, cloudformation, cdk.")]
    [InlineData("options: {name: Churn, regoin: us-east-1}", "Unknown option 'regoin' (did you mean 'region'?); `mlpipeline options` lists them all.")]
    [InlineData("options: {name: Churn}\noptoins: {}", "Unknown key 'optoins'; a spec has only template, template_version, options (did you mean 'options'?).")]
    public void A_bad_answer_is_reported_with_the_message_the_user_reads(string yaml, string message)
    {
        var diagnostic = Assert.Single(Resolve(yaml));

        Assert.Equal(message, diagnostic.Message);
    }

    private static List<Diagnostic> Resolve(string yaml)
    {
        var diagnostics = new List<Diagnostic>();
        var file = SpecFile.Parse(yaml, "spec.yaml", diagnostics);
        if (file is not null)
        {
            // The folder names the project, as `mlpipeline new` does, so only the rule under test fires.
            var folder = new SpecLayer("target folder", [new RawAnswer("name", "Churn", "target folder")]);
            SpecResolver.Resolve(Manifest, file, [folder, file.Answers], diagnostics);
        }

        return diagnostics;
    }
}
