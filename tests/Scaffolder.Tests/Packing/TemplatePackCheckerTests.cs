using MlPipeline.Scaffolder.Diagnostics;
using MlPipeline.Scaffolder.Packing;
using MlPipeline.Tests.Shared;

namespace MlPipeline.Scaffolder.Tests.Packing;

/// <summary>
/// The template.json checks on small hand-written template folders: what a template author reads for each kind of
/// broken template.json, word for word, and that what dotnet new takes passes. (TemplatePackTests checks the
/// compiled template itself.)
/// </summary>
public class TemplatePackCheckerTests
{
    private const string Schema = "dotnet-template.schema.json";

    public static TheoryData<string, string, string[]> Cases() => new()
    {
        {
            "the three names are all dotnet new needs",
            """{ "identity": "Acme.Churn", "name": "Churn", "shortName": "churn" }""",
            []
        },
        {
            "a name that is missing, a number or blank",
            """{ "identity": 3, "shortName": " " }""",
            ["'identity' must be a non-empty string.", "'name' must be a non-empty string.", "'shortName' must be a non-empty string."]
        },
        {
            "a source folder that is missing or empty; one without a path is the template's own folder",
            """
            { "identity": "Acme.Churn", "name": "Churn", "shortName": "churn",
              "sources": [ { "source": "./content/" }, { "source": "./empty/" }, { "source": "./missing/" }, { } ] }
            """,
            [
                "sources[1].source './empty/' is not a folder with files next to .template.config.",
                "sources[2].source './missing/' is not a folder with files next to .template.config.",
            ]
        },
        {
            "every post-action dotnet new ships, in any case",
            """
            { "identity": "Acme.Churn", "name": "Churn", "shortName": "churn",
              "postActions": [
                { "actionId": "210D431B-A78B-4D2F-B762-4ED3E3EA9025" }, { "actionId": "3A7C4B45-1F5D-4A30-959A-51B88E82B5D2" },
                { "actionId": "AC1156F7-BB77-4DB8-B28F-24EEBCCA1E5C" }, { "actionId": "84C0DA21-51C8-4541-9940-6CA19AF04EE6" },
                { "actionId": "B17581D1-C5C9-4489-8F0A-004BE667B814" }, { "actionId": "D396686C-DE0E-4DE6-906D-291CD29FC5DE" },
                { "actionId": "CB9A6CF3-4F5C-4860-B9D2-03A574959774" }, { "actionId": "695a3659-eb40-4ff5-a6a6-c9c4e629fcb0" } ] }
            """,
            []
        },
        {
            "a post-action dotnet new does not know, or without an id",
            """
            { "identity": "Acme.Churn", "name": "Churn", "shortName": "churn",
              "postActions": [ { "actionId": "AC1156F7-BB77-4DB8-B28F-24EEBCCA1E5C" }, { "actionId": "00000000-0000-0000-0000-000000000000" }, { } ] }
            """,
            [
                "postActions[1].actionId '00000000-0000-0000-0000-000000000000' is not a post-action dotnet new knows.",
                "postActions[2].actionId '' is not a post-action dotnet new knows.",
            ]
        },
        {
            "conditions of sources and post-actions name declared symbols; quoted values, true and false are no names",
            """
            { "identity": "Acme.Churn", "name": "Churn", "shortName": "churn",
              "symbols": { "ci": { "type": "parameter" }, "tuning": { "type": "parameter" } },
              "sources": [ { "source": "./content/", "condition": "ci == \"github\" && (tuning == true || tuning == false)" },
                           { "source": "./content/", "condition": "cloud == \"aws\" || cloud == \"gcp\"" } ],
              "postActions": [ { "actionId": "AC1156F7-BB77-4DB8-B28F-24EEBCCA1E5C", "condition": "ci == \"gitlab\" && region" } ] }
            """,
            [
                "sources[1].condition uses 'cloud', which is not a symbol.",
                "postActions[0].condition uses 'region', which is not a symbol.",
            ]
        },
        {
            "a replaced token inside another symbol's token",
            """
            { "identity": "Acme.Churn", "name": "Churn", "shortName": "churn",
              "symbols": { "name": { "type": "derived", "replaces": "Mlp" }, "nameKebab": { "type": "derived", "replaces": "MlpKebab" },
                           "region": { "type": "parameter", "replaces": "us-east-1" }, "ci": { "type": "parameter" },
                           "blank": { "type": "parameter", "replaces": "" } } }
            """,
            ["Symbol 'name' replaces 'Mlp', which is inside 'MlpKebab' (symbol 'nameKebab'): the two would collide."]
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_template_json_gets_exactly_these_findings(string what, string templateJson, string[] findings)
    {
        Assert.True(findings.SequenceEqual(Check(templateJson)), $"{what}: got\n{string.Join('\n', Check(templateJson))}");
    }

    [Theory]
    [InlineData("{ \"identity\": ", "template.json cannot be read: ")]
    [InlineData("null", "template.json cannot be read: The file is empty.")]
    [InlineData("[ \"identity\" ]", "template.json cannot be read: ")]
    public void A_template_json_that_is_not_an_object_gets_one_finding_that_says_so(string templateJson, string start)
    {
        var finding = Assert.Single(Check(templateJson));
        Assert.StartsWith(start, finding, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_without_template_json_gets_one_finding_that_names_the_missing_file()
    {
        using var temp = new TempDirectory();
        var diagnostics = new List<Diagnostic>();

        TemplatePackChecker.Check(temp.Path, null, diagnostics);

        var finding = Assert.Single(diagnostics);
        Assert.StartsWith("template.json cannot be read: Could not find ", finding.Message, StringComparison.Ordinal);
        Assert.Contains(temp.Combine(".template.config", "template.json"), finding.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string[]> SchemaCases() => new()
    {
        {
            "a valid template",
            """
            { "identity": "Acme.Churn", "name": "Churn", "shortName": "churn", "author": "Acme", "classifications": [ "ML" ], "tags": { "type": "project" },
              "symbols": { "ci": { "type": "parameter", "datatype": "choice", "choices": [ { "choice": "github" } ] } } }
            """,
            []
        },
        {
            "a flag that is a string, beside a short name and a symbol that each match one of their alternatives",
            """
            { "identity": "Acme.Churn", "name": "Churn", "shortName": "churn", "author": "Acme", "classifications": [ "ML" ], "tags": { "type": "project" },
              "symbols": { "ci": { "type": "parameter", "datatype": "choice", "choices": [ { "choice": "github" } ] } }, "preferNameDirectory": "yes" }
            """,
            ["Not valid against dotnet-template.schema.json at '/preferNameDirectory': Value is \"string\" but should be \"boolean\""]
        },
        {
            "required members missing",
            """{ "identity": "Acme.Churn", "name": "Churn", "shortName": "churn", "tags": { "type": "project" } }""",
            ["Not valid against dotnet-template.schema.json at '': Required properties [\"author\",\"classifications\"] are not present"]
        },
    };

    [Theory]
    [MemberData(nameof(SchemaCases))]
    public void Against_the_schema_only_what_no_alternative_allows_is_reported(string what, string templateJson, string[] findings)
    {
        var got = Check(templateJson, Path.Combine(TestPaths.Reference, Schema));
        Assert.True(findings.SequenceEqual(got), $"{what}: got\n{string.Join('\n', got)}");
    }

    /// <summary>
    /// Against a schema of the test's own: a failed member whose name extends a valid member's name (<c>a</c> and
    /// <c>ab</c>) is still reported, and a value that breaks two rules of one schema gets both, in one finding.
    /// </summary>
    [Fact]
    public void Every_rule_a_member_breaks_is_reported_even_beside_a_valid_member_whose_name_it_extends()
    {
        using var schemaFolder = new TempDirectory();
        var schema = schemaFolder.Combine("small.schema.json");
        File.WriteAllText(schema, """
            { "$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
              "properties": { "a": { "type": "string" }, "ab": { "type": "string", "minLength": 3, "pattern": "^[0-9]+$" } } }
            """);

        var got = Check("""{ "identity": "Acme.Churn", "name": "Churn", "shortName": "churn", "a": "fine", "ab": "x" }""", schema);

        Assert.Equal(["Not valid against small.schema.json at '/ab': Value should be at least 3 characters; The string value is not a match for the indicated regular expression"], got);
    }

    /// <summary>The messages of the checker's findings for a template folder with this template.json, a content folder with a file and an empty folder.</summary>
    private static List<string> Check(string templateJson, string? schema = null)
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.Combine(".template.config"));
        var path = temp.Combine(".template.config", "template.json");
        File.WriteAllText(path, templateJson);
        Directory.CreateDirectory(temp.Combine("content"));
        File.WriteAllText(temp.Combine("content", "README.md"), "# Churn\n");
        Directory.CreateDirectory(temp.Combine("empty"));

        var diagnostics = new List<Diagnostic>();
        TemplatePackChecker.Check(temp.Path, schema, diagnostics);

        Assert.All(diagnostics, d => Assert.Equal((Rules.PackCheck.Code, DiagnosticSeverity.Error, path), (d.Code, d.Severity, d.Location)));
        return [.. diagnostics.Select(d => d.Message)];
    }
}
