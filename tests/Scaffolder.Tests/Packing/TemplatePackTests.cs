using System.Text;
using System.Text.Json.Nodes;
using MlPipeline.Scaffolder.Diagnostics;
using MlPipeline.Scaffolder.Packing;
using MlPipeline.Scaffolder.Rendering;
using MlPipeline.Scaffolder.Spec;
using MlPipeline.Scaffolder.Templates;
using MlPipeline.Scaffolder.Tests.Infrastructure;
using MlPipeline.Tests.Shared;

namespace MlPipeline.Scaffolder.Tests.Packing;

/// <summary>
/// The template pack compiler, in process: the compiled folders put back together for any combination give
/// exactly what the generator renders; template.json checks catch what they must; names dotnet new would take
/// are made valid. (DotnetNewTests runs the real engine on the packed package.)
/// </summary>
public class TemplatePackTests
{
    private static readonly Lazy<CompiledTemplate> Compiled = new(() =>
    {
        var diagnostics = new List<Diagnostic>();
        var compiled = TemplatePackCompiler.Compile(Scaffold.Catalog, diagnostics);
        Assert.True(compiled is not null, string.Join('\n', diagnostics));
        return compiled;
    });

    [Fact]
    public void The_region_is_substituted_and_iac_ci_accounts_framework_tuning_and_batch_transform_select_files()
    {
        var compiled = Compiled.Value;

        Assert.Equal(["region"], compiled.TextOptions.Select(o => o.Name));
        Assert.Equal(["iac", "ci", "accounts", "framework", "tuning", "batch_transform"], compiled.Dimensions.Select(d => d.Option.Name));
        Assert.Equal(144, compiled.Combinations.Count);
        Assert.Equal(TemplatePackCompiler.CommonFolder, compiled.Groups[0].Folder);
        Assert.Contains(compiled.Groups, g => TemplateJson.Condition(compiled, g.Combinations) == "ci == \"github\" && accounts == \"single\"");
        Assert.Contains(compiled.Groups, g => TemplateJson.Condition(compiled, g.Combinations) == "iac == \"terraform\"");
        Assert.Contains(compiled.Groups, g => TemplateJson.Condition(compiled, g.Combinations) == "iac == \"cdk\" && accounts == \"multi\"");
    }

    /// <summary>
    /// What dotnet new does with the written template.json, done here for every combination: the sources whose conditions
    /// hold, each derived symbol's token replaced by its name form (the template's own chain of steps) and each text
    /// option's token by its value. The result is exactly what the generator renders. (DotnetNewTests runs the real engine
    /// on a few combinations.)
    /// </summary>
    [Theory]
    [InlineData("Churn", "Churn", "us-east-1")]
    [InlineData("Acme.Churn", "Acme.Churn", "eu-west-1")]
    [InlineData("Fraud2Detect9", "Fraud2Detect9", "ap-southeast-2")]
    [InlineData("2fast churn", "fast-churn", "us-west-2")]
    public void Every_combination_dotnet_new_makes_from_template_json_is_what_the_generator_renders(string given, string name, string region)
    {
        var compiled = Compiled.Value;
        var template = JsonNode.Parse(TemplateJson.Template(compiled))!.AsObject();
        var forms = template["forms"]!.AsObject();
        var replacements = new List<(string Token, string Value)>();
        foreach (var (symbol, definition) in template["symbols"]!.AsObject())
        {
            if (definition!["replaces"]?.GetValue<string>() is not { } token)
            {
                continue;
            }

            Assert.Equal(token, definition["fileRename"]?.GetValue<string>());
            replacements.Add((token, definition["type"]!.GetValue<string>() == "derived"
                ? TemplateJsonEngine.Transform(forms, definition["valueTransform"]!.GetValue<string>(), given)
                : symbol == "region" ? region : throw new InvalidOperationException($"no value for the text option {symbol}")));
        }

        var folders = compiled.Groups.ToDictionary(g => $"./{g.Folder}/", g => g.Files, StringComparer.Ordinal);
        var sources = template["sources"]!.AsArray().Select(s => (Folder: s!["source"]!.GetValue<string>(), Condition: s["condition"]?.GetValue<string>())).ToList();
        for (var i = 0; i < compiled.Combinations.Count; i++)
        {
            var values = compiled.Dimensions.Zip(compiled.Combinations[i]).ToDictionary(p => p.First.Option.Name, p => p.Second, StringComparer.Ordinal);
            var set = new List<string> { $"name={name}", $"region={region}" };
            set.AddRange(values.Select(v => $"{v.Key}={v.Value}"));
            var expected = Scaffold.Render([.. set]);

            string Substitute(string text) =>
                replacements.Aggregate(text, (t, r) => t.Replace(r.Token, r.Value, StringComparison.Ordinal));

            var actual = new GeneratedTree(sources
                .Where(s => s.Condition is null || TemplateJsonEngine.Holds(s.Condition, values))
                .SelectMany(s => folders[s.Folder])
                .Select(f => f with { Path = Substitute(f.Path), Content = Encoding.UTF8.GetBytes(Substitute(Encoding.UTF8.GetString(f.Content))) }));

            Assert.Equal(expected.Files.Select(f => (f.Path, f.Executable)), actual.Files.Select(f => (f.Path, f.Executable)));
            foreach (var (want, got) in expected.Files.Zip(actual.Files))
            {
                Assert.True(want.Content.AsSpan().SequenceEqual(got.Content), $"{string.Join(' ', set)}: {want.Path} differs");
            }
        }
    }

    [Fact]
    public void Dotnet_new_takes_each_option_by_the_long_and_short_names_the_readme_gives()
    {
        var symbols = JsonNode.Parse(TemplateJson.Host(Compiled.Value))!["symbolInfo"]!.AsObject();

        // README: -r/--region, -I/--iac, -c/--ci, -A/--accounts, -f/--framework, -t/--tuning, -b/--batch-transform (-i and -a are dotnet new's own).
        Assert.Equal(
            ["region --region -r", "iac --iac -I", "ci --ci -c", "accounts --accounts -A", "framework --framework -f", "tuning --tuning -t", "batch_transform --batch-transform -b"],
            symbols.Select(s => $"{s.Key} --{s.Value!["longName"]} -{s.Value["shortName"]}"));
    }

    [Fact]
    public void The_written_template_passes_its_checks_and_the_published_schema()
    {
        using var temp = new TempDirectory();
        var (code, _, error) = PackTemplate(temp.Combine("pack"), "--schema", Path.Combine(TestPaths.Reference, "dotnet-template.schema.json"));

        Assert.True(code == 0, error);
        Assert.True(File.Exists(temp.Combine("pack", "content", ".gitignore")), "dotfiles are in the template");
        Assert.True(Directory.Exists(temp.Combine("pack", "when-04", ".github")) || Directory.EnumerateDirectories(temp.Combine("pack"), ".github", SearchOption.AllDirectories).Any());
    }

    public static TheoryData<string, string> BrokenTemplates() => new()
    {
        { "shortName", "'shortName' must be a non-empty string" },
        { "identity", "'identity' must be a non-empty string" },
        { "source", "is not a folder with files" },
        { "postAction", "is not a post-action dotnet new knows" },
        { "condition", "uses 'cloud', which is not a symbol" },
        { "collision", "would collide" },
        { "schema", "Not valid against dotnet-template.schema.json" },
    };

    [Theory]
    [MemberData(nameof(BrokenTemplates))]
    public void A_broken_template_json_fails_the_check_that_names_the_problem(string breakage, string message)
    {
        using var temp = new TempDirectory();
        var folder = temp.Combine("pack");
        TemplatePackWriter.Write(Compiled.Value, folder);
        var path = Path.Combine(folder, TemplatePackChecker.TemplateJsonPath);
        var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        switch (breakage)
        {
            case "shortName": json.Remove("shortName"); break;
            case "identity": json["identity"] = ""; break;
            case "source": json["sources"]!.AsArray().Add(new JsonObject { ["source"] = "./missing/" }); break;
            case "postAction": json["postActions"]!.AsArray().Add(new JsonObject { ["actionId"] = "00000000-0000-0000-0000-000000000000" }); break;
            case "condition": json["sources"]![1]!["condition"] = "cloud == \"aws\""; break;
            case "collision": json["symbols"]!["nameKebab"]!["replaces"] = "MlpName"; break;
            case "schema": json["preferNameDirectory"] = "yes"; break;
        }

        File.WriteAllText(path, json.ToJsonString());
        var diagnostics = new List<Diagnostic>();
        TemplatePackChecker.Check(folder, Path.Combine(TestPaths.Reference, "dotnet-template.schema.json"), diagnostics);

        Assert.Contains(diagnostics, d => d.Code == Rules.PackCheck.Code && d.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void A_folder_with_other_files_is_refused_and_kept()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.Combine("notes.txt"), "mine");

        var (code, _, error) = PackTemplate(temp.Path);

        Assert.Equal(ExitCodes.CannotCreate, code);
        Assert.Contains($"{temp.Path}: error SCAF302: The folder has files and is not an earlier compiled template; give an empty or new folder.", error, StringComparison.Ordinal);
        Assert.Contains("Nothing was written.", error, StringComparison.Ordinal);
        Assert.Equal(["notes.txt"], Directory.EnumerateFileSystemEntries(temp.Path).Select(Path.GetFileName));
        Assert.Equal("mine", File.ReadAllText(temp.Combine("notes.txt")));
    }

    [Fact]
    public void An_empty_folder_given_with_a_trailing_slash_is_packed_into_and_packed_into_again()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.Combine("pack"));
        var given = temp.Combine("pack") + Path.DirectorySeparatorChar;

        var (code, _, error) = PackTemplate(given);
        Assert.True(code == 0, error);
        (code, _, error) = PackTemplate(given);
        Assert.True(code == 0, error);

        Assert.True(File.Exists(temp.Combine("pack", TemplatePackChecker.TemplateJsonPath)));
        Assert.Equal(["pack"], Directory.EnumerateFileSystemEntries(temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void A_pack_that_fails_midway_leaves_neither_the_folder_nor_a_half_written_one_beside_it()
    {
        using var temp = new TempDirectory();
        byte[] text = [(byte)'x'];
        // A file and a folder of the same name: the second cannot be written once the first is.
        var broken = Compiled.Value with { Groups = [new FileGroup(TemplatePackCompiler.CommonFolder, [0], [new("data", text, false), new("data/x.csv", text, false)])] };

        Assert.ThrowsAny<IOException>(() => TemplatePackWriter.Write(broken, temp.Combine("pack")));

        Assert.Empty(Directory.EnumerateFileSystemEntries(temp.Path));
    }

    [Fact]
    public void Packing_again_replaces_the_earlier_output_whole_and_gives_the_same_bytes()
    {
        using var temp = new TempDirectory();
        Assert.Equal(0, PackTemplate(temp.Combine("first")).Code);
        Directory.CreateDirectory(temp.Combine("first", "when-00"));
        File.WriteAllText(temp.Combine("first", "when-00", "stale.txt"), "from an older template");

        var (code, output, error) = PackTemplate(temp.Combine("first"));
        Assert.True(code == 0, error);
        Assert.Equal(0, PackTemplate(temp.Combine("second")).Code);

        static List<(string Path, string Hash)> Tree(string folder) => [.. Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => (Path.GetRelativePath(folder, f).Replace('\\', '/'), Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f)))))
            .Order()];
        var first = Tree(temp.Combine("first"));
        Assert.DoesNotContain(first, f => f.Path.StartsWith("when-00/", StringComparison.Ordinal));
        Assert.Equal(first, Tree(temp.Combine("second")));
        Assert.Contains($": {first.Count} file(s),", output, StringComparison.Ordinal);
        Assert.Equal(["first", "second"], Directory.EnumerateFileSystemEntries(temp.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_output_that_is_a_file_is_refused_and_kept()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.Combine("pack"), "mine");

        var (code, _, error) = PackTemplate(temp.Combine("pack"));

        Assert.Equal(ExitCodes.CannotCreate, code);
        Assert.Contains($"{temp.Combine("pack")}: error SCAF301: The output is a file; give a folder.", error, StringComparison.Ordinal);
        Assert.Contains("Nothing was written.", error, StringComparison.Ordinal);
        Assert.Equal("mine", File.ReadAllText(temp.Combine("pack")));
    }

    [Fact]
    public void An_option_dotnet_new_cannot_take_is_a_compile_error()
    {
        var catalog = CatalogWithManifest(yaml => yaml.Replace("    single_line: true\n    max_length: 200\n", "    single_line: true\n    max_length: 200\n    dotnet_new: true\n", StringComparison.Ordinal));
        var diagnostics = new List<Diagnostic>();

        Assert.Null(TemplatePackCompiler.Compile(catalog, diagnostics));
        Assert.Contains(diagnostics, d => d.Code == Rules.PackCompile.Code && d.Message.Contains("'description' is a string", StringComparison.Ordinal));
    }

    [Fact]
    public void An_executable_file_gets_dotnet_news_chmod_post_action_with_its_path()
    {
        var catalog = CatalogWithManifest(yaml => yaml.Replace("files:\n", "files:\n  - { glob: \"data/generate.py\", executable: true }\n", StringComparison.Ordinal));
        var diagnostics = new List<Diagnostic>();

        var compiled = TemplatePackCompiler.Compile(catalog, diagnostics);

        Assert.True(compiled is not null, string.Join('\n', diagnostics));
        var actions = JsonNode.Parse(TemplateJson.Template(compiled))!["postActions"]!.AsArray();
        var chmod = Assert.Single(actions, a => a!["actionId"]!.GetValue<string>() == TemplateJson.ChmodActionId);
        Assert.Equal(["data/generate.py"], chmod!["args"]!["+x"]!.AsArray().Select(p => p!.GetValue<string>()));
    }

    [Fact]
    public void Without_an_executable_file_the_only_post_action_says_when_the_name_was_changed()
    {
        var actions = JsonNode.Parse(TemplateJson.Template(Compiled.Value))!["postActions"]!.AsArray();

        var message = Assert.Single(actions);
        Assert.Equal(TemplateJson.MessageActionId, message!["actionId"]!.GetValue<string>());
        Assert.Equal(TemplateJson.NameChangedSymbol, message["condition"]!.GetValue<string>());
    }

    [Fact]
    public void With_a_package_folder_every_combination_carries_the_packages_copied_as_they_are()
    {
        using var temp = new TempDirectory();
        var feed = temp.Combine("feed");
        Directory.CreateDirectory(feed);
        var version = Manifest.ReleaseVersion.Current;
        foreach (var (id, dependency) in new[] { ("MlPipeline.SageMakerPipelines.Cli", "MlPipeline.SageMakerPipelines"), ("MlPipeline.SageMakerPipelines", "AWSSDK.S3") })
        {
            using var zip = System.IO.Compression.ZipFile.Open(Path.Combine(feed, $"{id}.{version}.nupkg"), System.IO.Compression.ZipArchiveMode.Create);
            using var writer = new StreamWriter(zip.CreateEntry($"{id}.nuspec").Open());
            writer.Write($"<package><metadata><id>{id}</id><dependencies><dependency id=\"{dependency}\" version=\"{version}\" /></dependencies></metadata></package>");
        }

        var diagnostics = new List<Diagnostic>();
        var compiled = TemplatePackCompiler.Compile(Scaffold.Catalog, diagnostics, feed);

        Assert.True(compiled is not null, string.Join('\n', diagnostics));
        var common = compiled.Groups[0];
        Assert.Equal(TemplatePackCompiler.CommonFolder, common.Folder);
        Assert.Equal([$"packages/MlPipeline.SageMakerPipelines.{version}.nupkg", $"packages/MlPipeline.SageMakerPipelines.Cli.{version}.nupkg"],
            common.Files.Where(f => f.Path.StartsWith("packages/", StringComparison.Ordinal)).Select(f => f.Path));
        Assert.Contains(common.Files, f => f.Path == "nuget.config");
        var sources = JsonNode.Parse(TemplateJson.Template(compiled))!["sources"]!.AsArray();
        Assert.Equal(["packages/**"], sources[0]!["copyOnly"]!.AsArray().Select(p => p!.GetValue<string>()));
        Assert.All(sources.Skip(1), s => Assert.Null(s!["copyOnly"]));
    }

    /// <summary>The repository's templates with the project manifest edited.</summary>
    private static TemplateCatalog CatalogWithManifest(Func<string, string> edit)
    {
        var files = Directory.EnumerateFiles(TestPaths.Templates, "*", SearchOption.AllDirectories)
            .Select(path => new KeyValuePair<string, byte[]>(Path.GetRelativePath(TestPaths.Templates, path).Replace('\\', '/'), File.ReadAllBytes(path)))
            .Select(f => f.Key == "ml-project/template.yaml" ? new(f.Key, Encoding.UTF8.GetBytes(edit(Encoding.UTF8.GetString(f.Value)))) : f);
        var diagnostics = new List<Diagnostic>();
        var catalog = TemplateCatalog.Load(files, diagnostics);
        Assert.Empty(diagnostics);
        return catalog;
    }

    [Theory]
    [InlineData("My Churn", "My-Churn")]
    [InlineData("2fast", "fast")]
    [InlineData("Café", "Caf")]
    [InlineData("Churn-", "Churn")]
    [InlineData("Sthree-Data", "Project-Sthree-Data")]
    [InlineData("AmznS3Demo", "Project-AmznS3Demo")]
    [InlineData("awsserviceroleforChurn", "Project-awsserviceroleforChurn")]
    [InlineData("AWSSERVICEROLEFOR.Churn", "Project-AWSSERVICEROLEFOR.Churn")]
    [InlineData("AwsServiceRoleFor", "AwsServiceRoleFor")]
    [InlineData("..x", "x")]
    [InlineData("123", "Project")]
    [InlineData("class", "Class")]
    [InlineData("Acme.clas-s", "Acme.Clas-s")]
    [InlineData("Acme..Churn.", "Acme.Churn")]
    public void Sanitizing_makes_a_name_the_generator_accepts(string name, string expected)
    {
        Assert.Equal(expected, Sanitize(name));
        AssertAccepted(expected);
    }

    [Fact]
    public void Sanitizing_leaves_valid_names_alone_and_makes_any_text_valid()
    {
        var random = new Random(20261127);
        const string Valid = "abcXYZ019-";
        const string Any = "aZ9.-_ é/\\ü\t.@";
        var keywords = new[] { "class", "int", "if", "namespace", "a-s", "sthree-", "Amzn-S3-Demo", "-s3alias", "AWSServiceRoleFor", "awsservicerolefor" };
        for (var i = 0; i < 500; i++)
        {
            var segments = Enumerable.Range(0, random.Next(1, 4)).Select(s =>
                (s == 0 ? "A" : "b") + new string([.. Enumerable.Range(0, random.Next(0, 8)).Select(_ => Valid[random.Next(Valid.Length)])]) + "z");
            var valid = string.Join('.', segments);
            if (valid.Length <= 40)
            {
                Assert.Equal(valid, Sanitize(valid));
            }

            var text = string.Concat(Enumerable.Range(0, random.Next(0, 50)).Select(_ =>
                random.Next(8) == 0 ? keywords[random.Next(keywords.Length)] : Any[random.Next(Any.Length)].ToString()));
            AssertAccepted(Sanitize(text));
            foreach (var name in new[] { valid, text, text.ToUpperInvariant(), keywords[i % keywords.Length], char.ToUpperInvariant(keywords[i % keywords.Length][0]) + keywords[i % keywords.Length][1..] })
            {
                // dotnet new says the name was changed when this differs from the name, comparing without regard to case.
                var visible = NameForms.SanitizeVisibly.Aggregate(name, (t, step) => step.Apply(t));
                Assert.True(Sanitize(name) != name == !string.Equals(visible, name, StringComparison.OrdinalIgnoreCase), $"'{name}': sanitized '{Sanitize(name)}', shown '{visible}'");
            }
        }
    }

    private static string Sanitize(string name) => NameForms.Sanitize.Aggregate(name, (text, step) => step.Apply(text));

    private static void AssertAccepted(string name)
    {
        var diagnostics = new List<Diagnostic>();
        new SpecRequest { Named = new Dictionary<string, string> { ["name"] = name } }.Resolve(Scaffold.Catalog[TemplateCatalog.ProjectTemplateId].Manifest, diagnostics);
        Assert.True(diagnostics.Count == 0, $"'{name}': {string.Join('\n', diagnostics)}");
    }

    private static (int Code, string Output, string Error) PackTemplate(params string[] args) => Mlpipeline.Run(["pack-template", .. args]);
}
