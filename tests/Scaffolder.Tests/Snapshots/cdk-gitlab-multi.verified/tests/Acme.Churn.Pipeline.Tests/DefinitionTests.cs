namespace Acme.Churn.Pipeline.Tests;

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
        PipelineApp.FindProjectRoot(AppContext.BaseDirectory), "acme-churn-test", "arn:aws:iam::123456789012:role/Pipeline", "us-west-2");

    [Fact]
    public void The_definition_passes_validation()
    {
        var findings = PipelineValidator.Validate(AcmeChurnPipeline.App(Settings).Pipeline);

        Assert.True(findings.Count == 0, string.Join('\n', findings));
    }

    [Fact]
    public void The_pipeline_is_clean_feature_baseline_train_evaluate_then_serve_check_and_register_or_fail()
    {
        using var definition = JsonDocument.Parse(AcmeChurnPipeline.App(Settings).Pipeline.ToJson());
        var steps = definition.RootElement.GetProperty("Steps");
        var condition = steps[5].GetProperty("Arguments");

        Assert.Equal(["Clean", "Feature", "Baseline", "Train", "Evaluate", "CheckAuc"], steps.EnumerateArray().Select(s => s.GetProperty("Name").GetString()));
        Assert.Equal(["ServeCheck", "Register"], condition.GetProperty("IfSteps").EnumerateArray().Select(s => s.GetProperty("Name").GetString()));
        Assert.Equal(["ServeCheck"], condition.GetProperty("IfSteps")[1].GetProperty("DependsOn").EnumerateArray().Select(s => s.GetString()));
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
        var actual = Regex.Replace(Regex.Replace(AcmeChurnPipeline.App(Settings).Pipeline.ToJson(), @"code/(\w+)-[0-9a-f]{16}/", "code/$1-HASH/"), @"\d{12}\.dkr\.ecr\.", "ACCOUNT.dkr.ecr.") + "\n";

        var difference = GoldenFile.Compare(Path.Combine(Settings.ProjectRoot, "tests", "Acme.Churn.Pipeline.Tests", "definition.golden.json"), actual);

        Assert.True(difference is null, difference);
    }

    /// <summary>
    /// The README's picture is what `graph` draws from the definition, so it cannot show another pipeline. After
    /// changing the steps, run `dotnet run --project src/Acme.Churn.Pipeline -- graph --write README.md`.
    /// </summary>
    [Fact]
    public void The_readme_shows_the_pipeline_that_graph_draws()
    {
        var difference = MarkdownPicture.Compare(
            Path.Combine(Settings.ProjectRoot, "README.md"),
            PipelineGraph.From(AcmeChurnPipeline.App(Settings).Pipeline).ToMermaid(),
            "dotnet run --project src/Acme.Churn.Pipeline -- graph --write README.md");

        Assert.True(difference is null, difference);
    }

    [Fact]
    public void New_models_wait_for_a_person_to_approve_them()
    {
        var parameter = AcmeChurnPipeline.ModelApprovalStatus;

        Assert.Equal("PendingManualApproval", parameter.DefaultValue?.Value);
    }

    /// <summary>
    /// With the stack's customer-managed key (MLPIPELINE_KMS_KEY_ARN), every job keeps its volumes and what it writes
    /// under that key; a job that named no key would write data the key policy is meant to guard under another one.
    /// </summary>
    [Fact]
    public void With_a_customer_managed_key_every_job_encrypts_its_volumes_and_outputs_with_it()
    {
        const string Key = "arn:aws:kms:us-west-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        var json = AcmeChurnPipeline.App(Settings with { KmsKeyArn = Key }).Pipeline.ToJson();
        using var definition = JsonDocument.Parse(json);
        var steps = definition.RootElement.GetProperty("Steps").EnumerateArray()
            .SelectMany(s => s.GetProperty("Type").GetString() == "Condition"
                ? s.GetProperty("Arguments").GetProperty("IfSteps").EnumerateArray().Concat(s.GetProperty("Arguments").GetProperty("ElseSteps").EnumerateArray())
                : [s])
            .ToList();
        string? At(JsonElement step, params string[] path) =>
            path.Aggregate((JsonElement?)step.GetProperty("Arguments"), (node, member) => node is { } n && n.TryGetProperty(member, out var next) ? next : null)?.GetString();

        Assert.Empty(PipelineValidator.Validate(json, PipelineSettings.PipelineName));
        foreach (var step in steps)
        {
            var name = step.GetProperty("Name").GetString();
            string?[] keys = step.GetProperty("Type").GetString() switch
            {
                "Processing" => [At(step, "ProcessingResources", "ClusterConfig", "VolumeKmsKeyId"), At(step, "ProcessingOutputConfig", "KmsKeyId")],
                "Training" => [At(step, "ResourceConfig", "VolumeKmsKeyId"), At(step, "OutputDataConfig", "KmsKeyId")],
                "Tuning" => [At(step, "TrainingJobDefinition", "ResourceConfig", "VolumeKmsKeyId"), At(step, "TrainingJobDefinition", "OutputDataConfig", "KmsKeyId")],
                "Transform" => [At(step, "TransformResources", "VolumeKmsKeyId"), At(step, "TransformOutput", "KmsKeyId")],
                _ => [],
            };
            Assert.All(keys, key => Assert.True(key == Key, $"{name} does not encrypt with the key"));
        }

        Assert.Contains(steps, s => s.GetProperty("Type").GetString() is "Training" or "Tuning");
        // Without a key (local runs, stacks with S3-managed keys) the definition names none.
        Assert.DoesNotContain("KmsKeyId", AcmeChurnPipeline.App(Settings).Pipeline.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_sources_give_the_same_definition_and_a_changed_script_a_new_code_key()
    {
        var settings = Settings;
        var first = AcmeChurnPipeline.App(settings).Pipeline.ToJson();
        var second = AcmeChurnPipeline.App(settings).Pipeline.ToJson();
        var bundle = AcmeChurnPipeline.Code(settings.ProjectRoot)["train"];
        var changed = CodeBundle.Create("train", [.. bundle.Files.Select(f => (f.FileName, f.FileName == "train.py" ? [.. f.Content, (byte)'\n'] : f.Content))]);

        Assert.Equal(first, second);
        Assert.Contains(bundle.ArchiveS3Uri(settings.Bucket, PipelineSettings.Prefix), first, StringComparison.Ordinal);
        Assert.NotEqual(bundle.S3Prefix(settings.Bucket, PipelineSettings.Prefix), changed.S3Prefix(settings.Bucket, PipelineSettings.Prefix));
    }

    [Fact]
    public void The_serve_check_runs_the_endpoints_code_archive_in_the_endpoints_container()
    {
        using var definition = JsonDocument.Parse(AcmeChurnPipeline.App(Settings).Pipeline.ToJson());
        var branch = definition.RootElement.GetProperty("Steps").EnumerateArray().Single(s => s.GetProperty("Name").GetString() == "CheckAuc").GetProperty("Arguments").GetProperty("IfSteps");
        var check = branch[0].GetProperty("Arguments");
        var serving = branch[1].GetProperty("Arguments").GetProperty("InferenceSpecification").GetProperty("Containers")[0];

        Assert.Equal(serving.GetProperty("Image").GetString(), check.GetProperty("AppSpecification").GetProperty("ImageUri").GetString());
        // The serving code is the very archive the registered model names for the endpoint.
        Assert.Contains(check.GetProperty("ProcessingInputs").EnumerateArray(), i =>
            i.GetProperty("S3Input").GetProperty("S3Uri") is { ValueKind: JsonValueKind.String } uri
            && uri.GetString() == serving.GetProperty("Environment").GetProperty("SAGEMAKER_SUBMIT_DIRECTORY").GetString());
        var arguments = check.GetProperty("AppSpecification").GetProperty("ContainerArguments").EnumerateArray().Select(a => a.GetString()).ToList();
        Assert.Equal(serving.GetProperty("Environment").GetProperty("SAGEMAKER_PROGRAM").GetString(), arguments[arguments.IndexOf("--program") + 1]);
    }

    [Fact]
    public void A_change_to_a_helper_module_changes_the_code_of_only_the_steps_that_import_it()
    {
        var root = Path.Combine(Path.GetTempPath(), "Acme.Churn-code-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(root, "steps"));
        try
        {
            foreach (var file in Directory.GetFiles(Path.Combine(Settings.ProjectRoot, "steps"), "*.py"))
            {
                File.Copy(file, Path.Combine(root, "steps", Path.GetFileName(file)));
            }

            var before = AcmeChurnPipeline.Code(root);
            File.AppendAllText(Path.Combine(root, "steps", "scoring.py"), "\n# changed\n");
            var after = AcmeChurnPipeline.Code(root);

            var changed = before.Keys.Where(step => before[step].Sha256 != after[step].Sha256).Order(StringComparer.Ordinal);
            Assert.Equal(["evaluation", "inference", "train"], changed);
            // ServeCheck imports nothing from steps/: the serving code it runs comes from the endpoint's own archive.
            Assert.Equal(["serve_check.py"], before["serve_check"].Files.Select(f => f.FileName));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
