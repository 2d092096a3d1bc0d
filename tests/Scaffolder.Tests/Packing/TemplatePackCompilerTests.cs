using System.IO.Compression;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using MlPipeline.Scaffolder.Diagnostics;
using MlPipeline.Scaffolder.Packing;
using MlPipeline.Scaffolder.Rendering;
using MlPipeline.Scaffolder.Spec;
using MlPipeline.Scaffolder.Templates;
using MlPipeline.Tests.Shared;

namespace MlPipeline.Scaffolder.Tests.Packing;

/// <summary>
/// The template pack compiler and the template.json it writes, on a small template in memory (milliseconds, where the
/// real template takes a minute): what dotnet new makes from template.json for every combination of the options it takes
/// is what the generator renders; its options, their names, choices and defaults; what the compiler refuses.
/// (TemplatePackTests compiles the real template.)
/// </summary>
public class TemplatePackCompilerTests
{
    // region, release_channel and retention are only ever text; ci picks files, level changes a file beyond its own text,
    // tuning picks an executable file; note is not a dotnet new option.
    private const string Manifest = """
        id: mlpipeline
        name: Fixture
        short_name: fixture
        identity: Acme.Templates.Fixture
        author: Acme
        description: A template for the template pack tests.
        classifications: [ML, Tests]
        options:
          - { name: name, type: string, description: The name., dotnet_new: true }
          - { name: note, type: string, description: Free text., default: "a note", single_line: true }
          - name: region
            type: choice
            description: Where it runs.
            default: north-1
            dotnet_new: true
            choices: [{ value: north-1, description: The north }, { value: south-2, description: The south }]
          - name: release_channel
            type: choice
            description: Which releases.
            default: stable
            dotnet_new: true
            choices: [{ value: stable, description: Stable }, { value: preview, description: Preview }]
          - name: retention
            type: choice
            description: How long to keep runs.
            default: week
            dotnet_new: true
            choices: [{ value: week, description: A week }, { value: month, description: A month }]
          - name: ci
            type: choice
            description: The CI system.
            default: gl
            dotnet_new: true
            choices: [{ value: gh, description: GitHub }, { value: gl, description: GitLab }, { value: none, description: None }]
          - name: level
            type: choice
            description: How much it logs.
            default: high
            dotnet_new: true
            choices: [{ value: low, description: Little }, { value: high, description: Much }]
          - { name: tuning, type: bool, description: Whether to tune., default: "false", dotnet_new: true }
          - { name: package_source, type: string, description: Where the packages are., default: "" }
        files:
          - { glob: ".github/**", when: 'options.ci == "gh"' }
          - { glob: "ci/**", when: 'options.ci != "none"' }
          - { glob: "tune.sh", when: options.tuning, executable: true }
          - { glob: "bin/**", executable: true }
          - { glob: "odd.txt", when: '(options.ci == "gh" && options.tuning) || (options.ci == "gl" && !options.tuning)' }
          - { glob: "nuget.config", when: "present options.package_source" }
        """;

    private static readonly Dictionary<string, string> Content = new(StringComparer.Ordinal)
    {
        ["README.md"] = "# {{ project.pascal }}\n\n{{ md.escape options.note }} In {{ options.region }}, {{ options.release_channel }} releases, runs kept a {{ options.retention }}.\n",
        ["src/{{ project.namespace }}/{{ project.pascal }}.cs"] =
            "namespace {{ project.namespace }};\n// {{ project.name }} {{ project.identifier }} {{ project.camel }} {{ project.kebab }} {{ project.snake }} {{ project.lower }} {{ project.resource }}\n",
        [".github/ci.yml"] = "name: {{ project.kebab }}\n",
        ["ci/which.txt"] = "{{ options.ci }}\n",
        ["level.txt"] = "{{ if options.level == \"high\" }}everything{{ else }}errors{{ end }} ({{ options.level }})\n",
        ["tune.sh"] = "#!/bin/sh\necho tune {{ project.kebab }}\n",
        ["bin/run.sh"] = "#!/bin/sh\necho run\n",
        ["odd.txt"] = "gh with tuning or gl without\n",
        ["nuget.config"] = "<configuration><packageSources><add key=\"local\" value=\"{{ xml.escape options.package_source }}\" /></packageSources></configuration>\n",
        ["Directory.Packages.props"] = "<Project><ItemGroup><PackageVersion Include=\"MlPipeline.Fixture\" Version=\"1.2.3\" /></ItemGroup></Project>\n",
    };

    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // Built anew for each use (milliseconds): a mutation test run changes the compiler between tests of one process.
    private static TemplateCatalog FixtureCatalog => Catalog(yaml => yaml);

    private static CompiledTemplate Compiled => Compile(FixtureCatalog);

    [Fact]
    public void A_choice_only_ever_written_as_text_is_substituted_and_the_others_select_folders()
    {
        var compiled = Compiled;

        Assert.Equal(["region", "release_channel", "retention"], compiled.TextOptions.Select(o => o.Name));
        Assert.Equal(["ci", "level", "tuning"], compiled.Dimensions.Select(d => d.Option.Name));
        Assert.Equal(
            ["gh low False", "gh low True", "gh high False", "gh high True", "gl low False", "gl low True", "gl high False", "gl high True", "none low False", "none low True", "none high False", "none high True"],
            compiled.Combinations.Select(c => string.Join(' ', c)));
    }

    /// <summary>
    /// Retention is written as text in README.md; a use beyond that makes it select folders as ci and level do, also one in
    /// a file only another option's non-default value makes (tune.sh, with tuning on).
    /// </summary>
    [Theory]
    [InlineData("keep.txt", "{{ if options.retention == \"week\" }}7{{ else }}30{{ end }} days\n")]
    [InlineData("keep-{{ if options.retention == \"week\" }}short{{ else }}long{{ end }}.txt", "kept\n")]
    [InlineData("keep.txt", "{{ days = { week: 7, month: 30 } }}{{ days[options.retention] + 0 }} days\n")]
    [InlineData("tune.sh", "#!/bin/sh\necho tune{{ if options.retention == \"month\" }} --long{{ end }}\n")]
    public void A_choice_used_beyond_its_own_text_selects_folders(string path, string text)
    {
        var compiled = Compile(Catalog(yaml => yaml, (path, text)));

        Assert.Equal(["region", "release_channel"], compiled.TextOptions.Select(o => o.Name));
        Assert.Equal(["retention", "ci", "level", "tuning"], compiled.Dimensions.Select(d => d.Option.Name));
    }

    [Fact]
    public void Files_go_in_once_in_the_folder_of_the_combinations_that_have_them_the_common_folder_first()
    {
        var compiled = Compiled;

        Assert.Equal(
            [
                "content: all: Directory.Packages.props, README.md, bin/run.sh, src/MlpNameNamespace_/MlpNamePascal_.cs",
                "when-01: 0,1,4,5,8,9: level.txt",
                "when-02: 1,3,5,7,9,11: tune.sh",
                "when-03: 2,3,6,7,10,11: level.txt",
                "when-04: 0,1,2,3: .github/ci.yml, ci/which.txt",
                "when-05: 1,3,4,6: odd.txt",
                "when-06: 4,5,6,7: ci/which.txt",
            ],
            compiled.Groups.Select(g => $"{g.Folder}: {(g.Combinations.Count == 12 ? "all" : string.Join(',', g.Combinations))}: {string.Join(", ", g.Files.Select(f => f.Path))}"));
    }

    /// <summary>
    /// What dotnet new makes from the written template.json (<see cref="TemplateJsonEngine"/>) for every combination and a few
    /// names, the given one, one dotnet new has to make valid: exactly what the generator renders, byte for byte, with the
    /// same executable files; and dotnet new says the name was changed exactly when it was.
    /// </summary>
    [Theory]
    [InlineData("Churn", "Churn", "north-1", "stable", "week")]
    [InlineData("Acme.Churn-Model", "Acme.Churn-Model", "south-2", "preview", "month")]
    [InlineData("Acme.9Lives", "Acme.9Lives", "north-1", "preview", "week")]
    [InlineData("2fast churn", "fast-churn", "south-2", "stable", "month")]
    [InlineData("class", "Class", "north-1", "stable", "week")]
    public void Every_combination_dotnet_new_makes_is_what_the_generator_renders(string given, string name, string region, string channel, string retention) =>
        AssertEveryCombination(FixtureCatalog, given, name, new(StringComparer.Ordinal) { ["region"] = region, ["release_channel"] = channel, ["retention"] = retention });

    /// <summary>
    /// A file in any set of combinations gets a condition under which dotnet new makes it in exactly those: two of a
    /// choice's three values, a set that is not a product of values (split on an option that varies within it, also
    /// when the first option does not).
    /// </summary>
    [Theory]
    [InlineData("options.ci == \"gh\" && ((options.level == \"low\" && options.tuning) || (options.level == \"high\" && !options.tuning))")]
    [InlineData("options.level == \"low\" || options.tuning")]
    [InlineData("options.ci != \"none\" && options.tuning")]
    [InlineData("options.ci != \"none\" && options.level != \"low\" || options.ci == \"none\" && options.tuning")]
    public void A_file_in_any_set_of_combinations_is_made_in_exactly_those(string when)
    {
        var catalog = Catalog(yaml => yaml.Replace(
            "'(options.ci == \"gh\" && options.tuning) || (options.ci == \"gl\" && !options.tuning)'", $"'{when}'", StringComparison.Ordinal));

        AssertEveryCombination(catalog, "Churn", "Churn", new(StringComparer.Ordinal) { ["region"] = "north-1", ["release_channel"] = "stable", ["retention"] = "week" });
    }

    private static void AssertEveryCombination(TemplateCatalog catalog, string given, string name, Dictionary<string, object> text)
    {
        var compiled = Compile(catalog);
        var template = JsonNode.Parse(TemplateJson.Template(compiled))!.AsObject();
        var folders = Folders(compiled);
        foreach (var combination in compiled.Combinations)
        {
            var values = new Dictionary<string, object>(text, StringComparer.Ordinal);
            foreach (var (dimension, value) in compiled.Dimensions.Zip(combination))
            {
                values[dimension.Option.Name] = value;
            }

            var (actual, nameChanged) = TemplateJsonEngine.Make(template, folders, given, values);

            var expected = Render(catalog, [$"name={name}", .. values.Select(v => $"{v.Key}={(v.Value is bool flag ? (flag ? "true" : "false") : v.Value)}")]);
            AssertSame(expected, actual, string.Join(' ', values.Values));
            Assert.Equal(given != name, nameChanged);
        }
    }

    /// <summary>Also when a boolean's default is true.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Dotnet_new_without_options_makes_what_mlpipeline_new_makes_with_the_defaults(bool tuningByDefault)
    {
        var catalog = tuningByDefault
            ? Catalog(yaml => yaml.Replace("default: \"false\", dotnet_new: true }", "default: \"true\", dotnet_new: true }", StringComparison.Ordinal))
            : FixtureCatalog;
        var compiled = Compile(catalog);
        var template = JsonNode.Parse(TemplateJson.Template(compiled))!.AsObject();
        var defaults = template["symbols"]!.AsObject()
            .Where(s => s.Value!["type"]!.GetValue<string>() == "parameter")
            .ToDictionary(
                s => s.Key,
                s => s.Value!["datatype"]!.GetValue<string>() == "bool" ? bool.Parse(s.Value["defaultValue"]!.GetValue<string>()) : (object)s.Value["defaultValue"]!.GetValue<string>(),
                StringComparer.Ordinal);

        Assert.Equal(tuningByDefault, defaults["tuning"]);
        var (actual, _) = TemplateJsonEngine.Make(template, Folders(compiled), "Churn", defaults);

        AssertSame(Render(catalog, ["name=Churn"]), actual, "defaults");
    }

    /// <summary>
    /// The record of the answers a project was made from (the real template's mlpipeline.yaml, which update reads) is
    /// the same from dotnet new as from mlpipeline new: the name dotnet new was given, each option's value, and the name
    /// as <c>options.name</c>.
    /// </summary>
    [Fact]
    public void A_project_made_by_dotnet_new_records_the_answers_mlpipeline_new_records()
    {
        const string record = "# The answers {{ options.name }} was made from.\ntemplate: {{ template.id }}\noptions:\n{{~ for answer in answers ~}}\n  {{ answer.name }}: {{ yaml.value answer.value }}\n{{~ end ~}}\n";

        AssertEveryCombination(Catalog(yaml => yaml, ("mlpipeline.yaml", record)), "Acme.Churn", "Acme.Churn",
            new(StringComparer.Ordinal) { ["region"] = "south-2", ["release_channel"] = "preview", ["retention"] = "month" });
    }

    [Fact]
    public void Dotnet_new_offers_each_option_with_its_description_choices_and_default_and_only_those()
    {
        var symbols = JsonNode.Parse(TemplateJson.Template(Compiled))!["symbols"]!.AsObject();

        Assert.Equal(
            ["region", "release_channel", "retention", "ci", "level", "tuning"],
            symbols.Where(s => s.Value!["type"]!.GetValue<string>() == "parameter").Select(s => s.Key));
        Assert.Equal(
            """{"type":"parameter","description":"The CI system.","datatype":"choice","choices":[{"choice":"gh","description":"GitHub"},{"choice":"gl","description":"GitLab"},{"choice":"none","description":"None"}],"defaultValue":"gl"}""",
            symbols["ci"]!.ToJsonString());
        Assert.Equal(
            """{"type":"parameter","description":"Whether to tune.","datatype":"bool","defaultValue":"false"}""",
            symbols["tuning"]!.ToJsonString());
        Assert.Equal(
            """{"type":"parameter","description":"Where it runs.","datatype":"choice","choices":[{"choice":"north-1","description":"The north"},{"choice":"south-2","description":"The south"}],"defaultValue":"north-1","replaces":"MlpOptionRegion_","fileRename":"MlpOptionRegion_"}""",
            symbols["region"]!.ToJsonString());
        Assert.Equal("The project name as lower-case words joined by hyphens: acme-churn-model", symbols["nameKebab"]!["description"]!.GetValue<string>());
    }

    /// <summary>An option whose first letter is one of dotnet new's own short options gets the capital.</summary>
    [Theory]
    [InlineData("n")]
    [InlineData("o")]
    [InlineData("h")]
    [InlineData("i")]
    [InlineData("u")]
    [InlineData("d")]
    [InlineData("v")]
    [InlineData("a")]
    public void An_option_never_takes_a_short_name_dotnet_new_has(string letter)
    {
        var flag = letter + "_flag";
        var catalog = Catalog(yaml => yaml.Replace(
            "  - { name: package_source", $"  - {{ name: {flag}, type: bool, description: A flag., default: \"false\", dotnet_new: true }}\n  - {{ name: package_source", StringComparison.Ordinal));

        var symbols = JsonNode.Parse(TemplateJson.Host(Compile(catalog)))!["symbolInfo"]!.AsObject();

        Assert.Equal(letter.ToUpperInvariant(), symbols[flag]!["shortName"]!.GetValue<string>());
    }

    [Fact]
    public void Dotnet_new_takes_each_option_by_its_long_name_and_a_short_name_of_its_own()
    {
        var symbols = JsonNode.Parse(TemplateJson.Host(Compiled))!["symbolInfo"]!.AsObject();

        // -l is dotnet new's own (as are -n, -o, -h, -i, -u, -d and -v): level gets -L; retention finds -r and -R taken.
        Assert.Equal(
            ["region --region -r", "release_channel --release-channel -R", "retention --retention -", "ci --ci -c", "level --level -L", "tuning --tuning -t"],
            symbols.Select(s => $"{s.Key} --{s.Value!["longName"]} -{s.Value["shortName"]}"));
    }

    [Fact]
    public void The_written_template_is_what_the_template_authoring_checks_and_the_published_schema_take()
    {
        using var temp = new TempDirectory();
        var folder = temp.Combine("pack");
        var compiled = Compiled;
        var count = TemplatePackWriter.Write(compiled, folder);

        var diagnostics = new List<Diagnostic>();
        TemplatePackChecker.Check(folder, Path.Combine(TestPaths.Reference, "dotnet-template.schema.json"), diagnostics);

        Assert.Empty(diagnostics);
        Assert.Equal(2 + compiled.Groups.Sum(g => g.Files.Count), count);
        var template = File.ReadAllText(Path.Combine(folder, TemplatePackChecker.TemplateJsonPath));
        Assert.Equal(TemplateJson.Template(compiled), template);
        // One member a line and a final line feed, whatever the machine: the packed bytes are the same everywhere and diff well.
        Assert.EndsWith("\n}\n", template, StringComparison.Ordinal);
        Assert.DoesNotContain('\r', template);
        var json = JsonNode.Parse(template)!.AsObject();
        Assert.Equal(
            ("http://json.schemastore.org/template", "Acme", "ML,Tests", "Acme.Templates.Fixture", "Fixture", "fixture", "A template for the template pack tests.", "C#", "project", true),
            (json["$schema"]!.GetValue<string>(), json["author"]!.GetValue<string>(), string.Join(',', json["classifications"]!.AsArray().Select(c => c!.GetValue<string>())),
             json["identity"]!.GetValue<string>(), json["name"]!.GetValue<string>(), json["shortName"]!.GetValue<string>(), json["description"]!.GetValue<string>(),
             json["tags"]!["language"]!.GetValue<string>(), json["tags"]!["type"]!.GetValue<string>(), json["preferNameDirectory"]!.GetValue<bool>()));
        // The engine evaluates #if lines in content unless told otherwise; a token that never occurs turns that off for every file.
        var operations = json["specialCustomOperations"]!["**/*"]!;
        Assert.Empty(operations["operations"]!.AsArray());
        Assert.Equal("line", operations["conditionals"]!["style"]!.GetValue<string>());
        Assert.DoesNotContain(operations["conditionals"]!["token"]!.GetValue<string>(), string.Concat(Content.Values), StringComparison.Ordinal);
        var host = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, ".template.config", "dotnetcli.host.json")))!;
        Assert.Equal("http://json.schemastore.org/dotnetcli.host", host["$schema"]!.GetValue<string>());
        Assert.Equal(TemplateJson.Host(compiled), File.ReadAllText(Path.Combine(folder, ".template.config", "dotnetcli.host.json")));
    }

    [Fact]
    public void With_a_package_folder_every_combination_carries_the_packages_byte_for_byte()
    {
        using var temp = new TempDirectory();
        var feed = temp.Combine("feed");
        Directory.CreateDirectory(feed);
        var package = Path.Combine(feed, "MlPipeline.Fixture.1.2.3.nupkg");
        using (var zip = ZipFile.Open(package, ZipArchiveMode.Create))
        {
            using var writer = new StreamWriter(zip.CreateEntry("MlPipeline.Fixture.nuspec", CompressionLevel.Optimal).Open());
            writer.Write("<package><metadata><id>MlPipeline.Fixture</id></metadata></package>" + string.Concat(Enumerable.Range(0, 200).Select(i => $"<!-- {i * 7919 % 1000} -->")));
        }

        var compiled = Compile(FixtureCatalog, feed);
        var template = JsonNode.Parse(TemplateJson.Template(compiled))!.AsObject();
        var values = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["region"] = "north-1",
            ["release_channel"] = "stable",
            ["retention"] = "week",
            ["ci"] = "gh",
            ["level"] = "low",
            ["tuning"] = true,
        };

        var (actual, _) = TemplateJsonEngine.Make(template, Folders(compiled), "Churn", values);

        Assert.Equal(File.ReadAllBytes(package), actual.Find("packages/MlPipeline.Fixture.1.2.3.nupkg")!.Content);
        Assert.Equal("<configuration><packageSources><add key=\"local\" value=\"packages\" /></packageSources></configuration>\n", Encoding.UTF8.GetString(actual.Find("nuget.config")!.Content));
        Assert.Equal(["packages/**"], template["sources"]![0]!["copyOnly"]!.AsArray().Select(p => p!.GetValue<string>()));
        Assert.All(template["sources"]!.AsArray().Skip(1), s => Assert.Null(s!["copyOnly"]));
    }

    [Fact]
    public void Dotnet_new_says_when_it_changed_the_name_and_how_to_make_each_script_executable_by_hand()
    {
        var actions = JsonNode.Parse(TemplateJson.Template(Compiled))!["postActions"]!.AsArray();

        // A post-action that fails (chmod on Windows) or that the user declines must not fail the whole template: continueOnError.
        Assert.Equal(
            [
                """{"actionId":"AC1156F7-BB77-4DB8-B28F-24EEBCCA1E5C","condition":"nameChanged","description":"Say that the project name was changed.","manualInstructions":[{"text":"The name given is not a valid project name (a letter first, then letters, digits, hyphens and dots), so dotnet new made it valid: see the name in mlpipeline.yaml. To choose it yourself, delete the folder and run dotnet new mlpipeline again with -n NAME."}],"continueOnError":true}""",
                """{"actionId":"cb9a6cf3-4f5c-4860-b9d2-03a574959774","description":"Make the project's scripts executable.","manualInstructions":[{"text":"Run: chmod +x bin/run.sh"}],"args":{"+x":["bin/run.sh"]},"continueOnError":true}""",
                """{"actionId":"cb9a6cf3-4f5c-4860-b9d2-03a574959774","description":"Make the project's scripts executable.","manualInstructions":[{"text":"Run: chmod +x tune.sh"}],"args":{"+x":["tune.sh"]},"continueOnError":true,"condition":"tuning == true"}""",
            ],
            actions.Select(a => a!.ToJsonString(Readable)));
    }

    public static TheoryData<string, string, string, string> Refusals() => new()
    {
        { "short_name: fixture\n", "", "fixture/template.yaml", "A packed template needs short_name and identity in its manifest." },
        { "identity: Acme.Templates.Fixture\n", "", "fixture/template.yaml", "A packed template needs short_name and identity in its manifest." },
        { "description: The name., dotnet_new: true }", "description: The name. }", "fixture/template.yaml", "The 'name' option must be a string marked dotnet_new: true; dotnet new gives it with -n." },
        {
            "default: \"a note\", single_line: true }", "default: \"a note\", single_line: true, dotnet_new: true }", "fixture/template.yaml",
            "Option 'note' is a string; dotnet new can only take choices and booleans besides the name (it cannot escape free text for each file format). Remove dotnet_new from it."
        },
        {
            "default: \"a note\", single_line: true }", "single_line: true }", "fixture/template.yaml",
            "Option 'note' has no default; a project made by dotnet new gets the default of every option it is not given. Give it a default."
        },
        {
            "    default: high\n", "", "fixture/template.yaml",
            "Option 'level' has no default; a project made by dotnet new gets the default of every option it is not given. Give it a default."
        },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void A_manifest_asking_for_what_dotnet_new_cannot_do_is_refused_with_the_reason(string find, string replace, string where, string message)
    {
        var diagnostics = new List<Diagnostic>();

        Assert.Null(TemplatePackCompiler.Compile(Catalog(yaml => yaml.Replace(find, replace, StringComparison.Ordinal)), diagnostics));

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal((Rules.PackCompile.Code, where, message), (diagnostic.Code, diagnostic.Location, diagnostic.Message));
    }

    [Fact]
    public void A_template_file_with_a_placeholder_in_its_text_or_path_is_refused()
    {
        var diagnostics = new List<Diagnostic>();
        var catalog = Catalog(yaml => yaml, ("notes/MlpOptionRegion_.txt", "x\n"), ("notes/about.txt", "Say MlpNameKebab_ and MlpOptionNote_.\n"));

        Assert.Null(TemplatePackCompiler.Compile(catalog, diagnostics));

        Assert.Equal(
            [
                "fixture/content/notes/MlpOptionRegion_.txt: Contains 'MlpOptionRegion_', a placeholder the template pack substitutes; reword it.",
                "fixture/content/notes/about.txt: Contains 'MlpNameKebab_', a placeholder the template pack substitutes; reword it.",
                "fixture/content/notes/about.txt: Contains 'MlpOptionNote_', a placeholder the template pack substitutes; reword it.",
            ],
            diagnostics.Select(d => $"{d.Location}: {d.Message}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_executable_file_with_the_name_in_its_path_is_refused()
    {
        var diagnostics = new List<Diagnostic>();
        var catalog = Catalog(yaml => yaml, ("bin/{{ project.kebab }}.sh", "#!/bin/sh\n"));

        Assert.Null(TemplatePackCompiler.Compile(catalog, diagnostics));

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal(
            (Rules.PackCompile.Code, "fixture/template.yaml", "'bin/MlpNameKebab_.sh' is executable and its path has a placeholder in it; dotnet new's chmod post-action needs a fixed path."),
            (diagnostic.Code, diagnostic.Location, diagnostic.Message));
    }

    [Fact]
    public void A_template_that_does_not_render_is_not_compiled()
    {
        var diagnostics = new List<Diagnostic>();
        var catalog = Catalog(yaml => yaml, ("broken.txt", "{{ if options.ci == \"gh\" }}{{ options.missing }}{{ end }}\n"));

        Assert.Null(TemplatePackCompiler.Compile(catalog, diagnostics));

        Assert.NotEmpty(diagnostics);
        Assert.All(diagnostics, d => Assert.StartsWith("fixture/content/broken.txt", d.Location, StringComparison.Ordinal));
    }

    private static Dictionary<string, IReadOnlyList<GeneratedFile>> Folders(CompiledTemplate compiled) =>
        compiled.Groups.ToDictionary(g => $"./{g.Folder}/", g => g.Files, StringComparer.Ordinal);

    private static void AssertSame(GeneratedTree expected, GeneratedTree actual, string what)
    {
        Assert.Equal(expected.Files.Select(f => (f.Path, f.Executable)).Order(), actual.Files.Select(f => (f.Path, f.Executable)).Order());
        foreach (var want in expected.Files)
        {
            Assert.True(want.Content.AsSpan().SequenceEqual(actual.Find(want.Path)!.Content), $"{what}: {want.Path} differs");
        }
    }

    private static CompiledTemplate Compile(TemplateCatalog catalog, string? packages = null)
    {
        var diagnostics = new List<Diagnostic>();
        var compiled = TemplatePackCompiler.Compile(catalog, diagnostics, packages);
        Assert.True(compiled is not null, string.Join('\n', diagnostics));
        return compiled;
    }

    private static GeneratedTree Render(TemplateCatalog catalog, string[] set)
    {
        var diagnostics = new List<Diagnostic>();
        var spec = new SpecRequest { Set = set }.Resolve(catalog[TemplateCatalog.ProjectTemplateId].Manifest, diagnostics);
        Assert.True(spec is not null, string.Join('\n', diagnostics));
        var tree = new ProjectRenderer(catalog).Render(spec, diagnostics);
        Assert.True(tree is not null, string.Join('\n', diagnostics));
        return tree;
    }

    private static TemplateCatalog Catalog(Func<string, string> edit, params (string Path, string Text)[] more)
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal) { ["fixture/template.yaml"] = Encoding.UTF8.GetBytes(edit(Manifest)) };
        foreach (var (path, text) in Content.Select(c => (c.Key, c.Value)).Concat(more))
        {
            files["fixture/content/" + path] = Encoding.UTF8.GetBytes(text);
        }

        var diagnostics = new List<Diagnostic>();
        var catalog = TemplateCatalog.Load(files, diagnostics);
        Assert.Empty(diagnostics);
        return catalog;
    }
}
