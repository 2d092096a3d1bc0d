using System.Text;
using MlPipeline.Scaffolder.Diagnostics;
using MlPipeline.Scaffolder.Rendering;
using MlPipeline.Scaffolder.Spec;
using MlPipeline.Scaffolder.Templates;
using MlPipeline.Scaffolder.Tests.Infrastructure;

namespace MlPipeline.Scaffolder.Tests.Rendering;

public class ProjectRendererTests
{
    private const string Manifest = """
        id: mlpipeline
        name: Fixture
        description: A template for tests.
        options:
          - { name: name, type: string, description: The name. }
          - { name: note, type: string, description: Free text., default: "a \"note\"" }
          - { name: flavour, type: choice, description: Which., default: a, choices: [{ value: a, description: A }, { value: b, description: B }] }
        files:
          - { glob: "only-b/**", when: options.flavour == "b" }
          - { glob: "bin/*.sh", executable: true }
          - { glob: "static/**", verbatim: true }
        includes:
          - { template: part, target: sub/part, when: options.flavour == "a" }
        """;

    private const string Part = """
        id: part
        name: Part
        description: An included template.
        """;

    [Fact]
    public void An_undefined_variable_fails_with_template_file_and_line()
    {
        var diagnostics = RenderFixture(("README.md", "line one\nline two {{ projcet.name }}\n"));

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("SCAF102", diagnostic.Code);
        Assert.Equal("fixture/content/README.md:2", diagnostic.Location);
        Assert.Contains("projcet", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_undefined_function_fails_with_template_file_and_line()
    {
        var diagnostic = Assert.Single(RenderFixture(("a.txt", "\n\n{{ toml.quote options.note }}")));

        Assert.Equal("SCAF102", diagnostic.Code);
        Assert.Equal("fixture/content/a.txt:3", diagnostic.Location);
    }

    [Fact]
    public void A_syntax_error_fails_with_template_file_and_line()
    {
        var diagnostics = RenderFixture(("a.txt", "ok\n{{ if }}"));

        Assert.NotEmpty(diagnostics);
        Assert.All(diagnostics, d => Assert.Equal("SCAF101", d.Code));
        Assert.Equal("fixture/content/a.txt:2", diagnostics[0].Location);
    }

    [Fact]
    public void Free_text_written_without_escaping_is_an_error()
    {
        var diagnostic = Assert.Single(RenderFixture(("config.yaml", "note: {{ options.note }}\n")));

        Assert.Equal("SCAF102", diagnostic.Code);
        Assert.Equal("fixture/content/config.yaml:1", diagnostic.Location);
        Assert.Contains("'note'", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("yaml.quote", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Free_text_goes_out_through_the_escaping_function_of_the_format()
    {
        var tree = RenderFixtureTree(("config.yaml", "note: {{ yaml.quote options.note }}\n"), ("a.json", "{{ json.quote options.note }}"));

        Assert.Equal("note: \"a \\\"note\\\"\"\n", tree.Text("config.yaml"));
        Assert.Equal("\"a \\\"note\\\"\"", tree.Text("a.json"));
    }

    [Fact]
    public void File_names_may_contain_expressions()
    {
        var tree = RenderFixtureTree(("src/{{ project.pascal }}.Pipeline/{{ project.kebab }}.txt", "x"));

        Assert.NotNull(tree.Find("src/AcmeChurn.Pipeline/acme-churn.txt"));
    }

    [Fact]
    public void A_path_expression_that_climbs_out_is_refused()
    {
        var diagnostic = Assert.Single(RenderFixture(("{{ '..' }}/evil.txt", "x")));

        Assert.Equal("SCAF103", diagnostic.Code);
    }

    [Fact]
    public void File_rules_include_when_the_condition_holds_and_mark_run_bits_and_verbatim_files()
    {
        var files = new[] { ("only-b/x.txt", "b"), ("bin/run.sh", "#!/bin/sh\n"), ("static/raw.txt", "{{ not scriban }}") };

        var a = RenderFixtureTree(files);
        var b = RenderFixtureTree(["flavour=b"], files);

        Assert.Null(a.Find("only-b/x.txt"));
        Assert.NotNull(b.Find("only-b/x.txt"));
        Assert.True(a.Find("bin/run.sh")!.Executable);
        Assert.False(a.Find("static/raw.txt")!.Executable);
        Assert.Equal("{{ not scriban }}", a.Text("static/raw.txt"));
    }

    [Fact]
    public void An_included_template_renders_under_its_target_when_its_condition_holds()
    {
        var a = RenderFixtureTree(("README.md", "x"));
        var b = RenderFixtureTree(["flavour=b"], ("README.md", "x"));

        Assert.Equal("part of AcmeChurn\n", a.Text("sub/part/part.txt"));
        Assert.Null(b.Find("sub/part/part.txt"));
    }

    [Fact]
    public void Newlines_are_lf_even_when_a_template_was_checked_out_with_crlf()
    {
        var tree = RenderFixtureTree(("a.txt", "one\r\ntwo {{ project.name }}\r\n"));

        Assert.Equal("one\ntwo Acme.Churn\n", tree.Text("a.txt"));
    }

    [Fact]
    public void Two_renders_of_the_real_template_are_byte_identical()
    {
        var first = Scaffold.Render("iac=cloudformation", "ci=gitlab");
        var second = Scaffold.Render("iac=cloudformation", "ci=gitlab");

        Assert.Equal(first.Files.Select(f => f.Path), second.Files.Select(f => f.Path));
        Assert.All(first.Files.Zip(second.Files), pair => Assert.Equal(pair.First.Content, pair.Second.Content));
    }

    [Theory]
    [InlineData("terraform", "infra/terraform/main.tf", "infra/cloudformation/stack.yaml")]
    [InlineData("cloudformation", "infra/cloudformation/stack.yaml", "infra/terraform/main.tf")]
    [InlineData("cdk", "infra/cdk/cdk.json", "infra/cloudformation/stack.yaml")]
    public void The_project_includes_the_stack_of_the_chosen_iac(string iac, string present, string absent)
    {
        var tree = Scaffold.Render("iac=" + iac);

        Assert.NotNull(tree.Find(present));
        Assert.Null(tree.Find(absent));
    }

    [Fact]
    public void The_generated_spec_reads_back_as_the_same_answers()
    {
        var spec = Scaffold.Spec("description=Predicts \"churn\": the #1 risk", "owner=Data Team @ Acme", "region=eu-west-1", "random_seed=7");
        var tree = new ProjectRenderer(Scaffold.Catalog).Render(spec, []);
        var diagnostics = new List<Diagnostic>();

        var file = SpecFile.Parse(tree!.Text("mlpipeline.yaml"), "mlpipeline.yaml", diagnostics);
        var again = SpecResolver.Resolve(Scaffold.Catalog[TemplateCatalog.ProjectTemplateId].Manifest, file, [file!.Answers], diagnostics);

        Assert.Empty(diagnostics);
        Assert.Equal(spec.Answers, again!.Answers);
    }

    private static List<Diagnostic> RenderFixture(params (string Path, string Text)[] files)
    {
        var diagnostics = new List<Diagnostic>();
        var catalog = Fixture(files);
        new ProjectRenderer(catalog).Render(FixtureSpec(catalog, []), diagnostics);
        return diagnostics;
    }

    private static GeneratedTree RenderFixtureTree(params (string Path, string Text)[] files) => RenderFixtureTree([], files);

    private static GeneratedTree RenderFixtureTree(string[] set, params (string Path, string Text)[] files)
    {
        var diagnostics = new List<Diagnostic>();
        var catalog = Fixture(files);
        var tree = new ProjectRenderer(catalog).Render(FixtureSpec(catalog, set), diagnostics);
        Assert.True(tree is not null, string.Join('\n', diagnostics));
        return tree;
    }

    private static ProjectSpec FixtureSpec(TemplateCatalog catalog, string[] set)
    {
        var diagnostics = new List<Diagnostic>();
        var spec = new SpecRequest { DefaultName = "Acme.Churn", Set = set }.Resolve(catalog["mlpipeline"].Manifest, diagnostics);
        Assert.True(spec is not null, string.Join('\n', diagnostics));
        return spec;
    }

    private static TemplateCatalog Fixture((string Path, string Text)[] files)
    {
        var all = new Dictionary<string, byte[]>
        {
            ["fixture/template.yaml"] = Encoding.UTF8.GetBytes(Manifest),
            ["part/template.yaml"] = Encoding.UTF8.GetBytes(Part),
            ["part/content/part.txt"] = Encoding.UTF8.GetBytes("part of {{ project.pascal }}\n"),
        };
        foreach (var (path, text) in files)
        {
            all["fixture/content/" + path] = Encoding.UTF8.GetBytes(text);
        }

        var diagnostics = new List<Diagnostic>();
        var catalog = TemplateCatalog.Load(all, diagnostics);
        Assert.Empty(diagnostics);
        return catalog;
    }
}
