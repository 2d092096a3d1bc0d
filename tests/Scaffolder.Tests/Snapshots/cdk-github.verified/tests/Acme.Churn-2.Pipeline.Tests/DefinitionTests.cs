namespace Acme.Churn2.Pipeline.Tests;

// Inside the namespace and from global::, so that no project name can hide them (a project named Xunit would).
using global::MlPipeline.SageMakerPipelines.Cli;
using global::MlPipeline.SageMakerPipelines.Code;
using global::MlPipeline.SageMakerPipelines.Graph;
using global::MlPipeline.SageMakerPipelines.Validation;
using global::System;
using global::System.IO;
using global::System.Linq;
using global::System.Text.Json;
using global::System.Text.RegularExpressions;
using global::Xunit;

public class DefinitionTests
{
    private static PipelineSettings Settings => new(
        PipelineApp.FindProjectRoot(AppContext.BaseDirectory), "acme-churn-2-test", "arn:aws:iam::123456789012:role/Pipeline", "eu-central-1");

    [Fact]
    public void The_definition_passes_validation()
    {
        var findings = PipelineValidator.Validate(AcmeChurn2Pipeline.App(Settings).Pipeline);

        Assert.True(findings.Count == 0, string.Join('\n', findings));
    }

    [Fact]
    public void The_pipeline_is_clean_feature_train_evaluate_then_register_or_fail()
    {
        using var definition = JsonDocument.Parse(AcmeChurn2Pipeline.App(Settings).Pipeline.ToJson());
        var steps = definition.RootElement.GetProperty("Steps");
        var condition = steps[4].GetProperty("Arguments");

        Assert.Equal(["Clean", "Feature", "Train", "Evaluate", "CheckAuc"], steps.EnumerateArray().Select(s => s.GetProperty("Name").GetString()));
        Assert.Equal("Register", condition.GetProperty("IfSteps")[0].GetProperty("Name").GetString());
        Assert.Equal("AucTooLow", condition.GetProperty("ElseSteps")[0].GetProperty("Name").GetString());
        Assert.Equal("binary_classification_metrics.auc.value",
            condition.GetProperty("Conditions")[0].GetProperty("LeftValue").GetProperty("Std:JsonGet").GetProperty("Path").GetString());
    }

    /// <summary>
    /// The definition, compared with definition.golden.json: a change to the pipeline shows up as a diff to
    /// review. Script hashes and image accounts are masked, so editing a script does not touch the golden file.
    /// After an intended change, run the tests with ACCEPT_GOLDEN=1 and commit the new file.
    /// </summary>
    [Fact]
    public void The_definition_matches_its_golden_file()
    {
        var actual = Regex.Replace(Regex.Replace(AcmeChurn2Pipeline.App(Settings).Pipeline.ToJson(), @"code/(\w+)-[0-9a-f]{16}/", "code/$1-HASH/"), @"\d{12}\.dkr\.ecr\.", "ACCOUNT.dkr.ecr.") + "\n";

        var difference = GoldenFile.Compare(Path.Combine(Settings.ProjectRoot, "tests", "Acme.Churn-2.Pipeline.Tests", "definition.golden.json"), actual);

        Assert.True(difference is null, difference);
    }

    /// <summary>
    /// The README's picture is what `graph` draws from the definition, so it cannot show another pipeline. After
    /// changing the steps, run `dotnet run --project src/Acme.Churn-2.Pipeline -- graph --write README.md`.
    /// </summary>
    [Fact]
    public void The_readme_shows_the_pipeline_that_graph_draws()
    {
        var difference = MarkdownPicture.Compare(
            Path.Combine(Settings.ProjectRoot, "README.md"),
            PipelineGraph.From(AcmeChurn2Pipeline.App(Settings).Pipeline).ToMermaid(),
            "dotnet run --project src/Acme.Churn-2.Pipeline -- graph --write README.md");

        Assert.True(difference is null, difference);
    }

    [Fact]
    public void New_models_wait_for_a_person_to_approve_them()
    {
        var parameter = AcmeChurn2Pipeline.ModelApprovalStatus;

        Assert.Equal("PendingManualApproval", parameter.DefaultValue?.Value);
    }

    [Fact]
    public void The_same_sources_give_the_same_definition_and_a_changed_script_a_new_code_key()
    {
        var settings = Settings;
        var first = AcmeChurn2Pipeline.App(settings).Pipeline.ToJson();
        var second = AcmeChurn2Pipeline.App(settings).Pipeline.ToJson();
        var bundle = AcmeChurn2Pipeline.Code(settings.ProjectRoot)["train"];
        var changed = CodeBundle.Create("train", [.. bundle.Files.Select(f => (f.FileName, f.FileName == "train.py" ? [.. f.Content, (byte)'\n'] : f.Content))]);

        Assert.Equal(first, second);
        Assert.Contains(bundle.ArchiveS3Uri(settings.Bucket, PipelineSettings.Prefix), first, StringComparison.Ordinal);
        Assert.NotEqual(bundle.S3Prefix(settings.Bucket, PipelineSettings.Prefix), changed.S3Prefix(settings.Bucket, PipelineSettings.Prefix));
    }
}
