using System.Text;
using System.Text.Json.Nodes;
using MlPipeline.SageMakerPipelines.Tests.Conformance;
using MlPipeline.SageMakerPipelines.Tests.Fixtures;
using MlPipeline.SageMakerPipelines.Validation;
using MlPipeline.Tests.Shared;

namespace MlPipeline.SageMakerPipelines.Tests.Validation;

public class PipelineValidatorTests
{
    private static JsonObject Step(JsonObject d, int i) => d["Steps"]![i]!.AsObject();

    private static JsonObject Branch(JsonObject d, string branch) => d["Steps"]![3]!["Arguments"]![branch]![0]!.AsObject();

    private static JsonObject Args(JsonObject d, int i) => Step(d, i)["Arguments"]!.AsObject();

    private static JsonObject Get(string path) => new JsonObject { ["Get"] = path };

    private static void ReadExperimentNameWithoutConfig(JsonObject d)
    {
        d.Remove("PipelineExperimentConfig");
        Args(d, 0)["Environment"] = new JsonObject { ["EXPERIMENT"] = Get("PipelineExperimentConfig.ExperimentName") };
    }

    // Each case breaks one rule of the abalone definition; the validator must report exactly that rule.
    private static readonly Dictionary<string, (string Code, Action<JsonObject> Break)> Cases = new()
    {
        ["version"] = ("SMP002", d => d["Version"] = "2021-01-01"),
        ["parameter name"] = ("SMP004", d => d["Parameters"]!.AsArray().Add(new JsonObject { ["Name"] = "Instance Count", ["Type"] = "Integer" })),
        ["duplicate parameter"] = ("SMP005", d => d["Parameters"]!.AsArray().Add(d["Parameters"]![1]!.DeepClone())),
        ["integer default"] = ("SMP006", d => d["Parameters"]![0]!["DefaultValue"] = "one"),
        ["float default"] = ("SMP006", d => d["Parameters"]![4]!["DefaultValue"] = true),
        ["parameter type"] = ("SMP006", d => d["Parameters"]![4]!["Type"] = "Number"),
        ["default not among enum values"] = ("SMP006", d => d["Parameters"]![2]!["EnumValues"] = new JsonArray("Approved", "Rejected")),
        ["enum values on a number"] = ("SMP006", d => d["Parameters"]![0]!["EnumValues"] = new JsonArray("1", "2")),
        ["step name"] = ("SMP007", d => Branch(d, "ElseSteps")["Name"] = "MSE Fail"),
        ["step name too long"] = ("SMP007", d => Branch(d, "ElseSteps")["Name"] = new string('F', 65)),
        ["duplicate step"] = ("SMP008", d => Branch(d, "ElseSteps")["Name"] = "AbaloneTrain"),
        ["unknown parameter"] = ("SMP009", d => Args(d, 0)["RoleArn"] = Get("Parameters.Role")),
        ["unknown execution variable"] = ("SMP010", d => Args(d, 0)["RoleArn"] = Get("Execution.Role")),
        ["unknown step"] = ("SMP011", d => Args(d, 1)["InputDataConfig"]![0]!["DataSource"]!["S3DataSource"]!["S3Uri"] = Get("Steps.AbaloneProces.ProcessingOutputConfig.Outputs['train'].S3Output.S3Uri")),
        ["unknown property"] = ("SMP012", d => Args(d, 2)["ProcessingInputs"]![0]!["S3Input"]!["S3Uri"] = Get("Steps.AbaloneTrain.ModelArtifacts.S3Uri")),
        ["experiment name without an experiment config"] = ("SMP012", d => ReadExperimentNameWithoutConfig(d)),
        ["unknown experiment config member"] = ("SMP012", d => Args(d, 0)["Environment"] = new JsonObject { ["RUN"] = Get("PipelineExperimentConfig.RunName") }),
        ["unknown output"] = ("SMP012", d => Args(d, 1)["InputDataConfig"]![0]!["DataSource"]!["S3DataSource"]!["S3Uri"] = Get("Steps.AbaloneProcess.ProcessingOutputConfig.Outputs['tarin'].S3Output.S3Uri")),
        ["unknown property file"] = ("SMP013", d => Args(d, 3)["Conditions"]![0]!["LeftValue"]!["Std:JsonGet"]!["PropertyFile"] = Get("Steps.AbaloneEval.PropertyFiles.Report")),
        ["property file output"] = ("SMP013", d => Step(d, 2)["PropertyFiles"]![0]!["OutputName"] = "metrics"),
        ["unknown dependency"] = ("SMP014", d => Step(d, 1)["DependsOn"] = new JsonArray("AbaloneProces")),
        ["cycle"] = ("SMP015", d => Step(d, 0)["DependsOn"] = new JsonArray("AbaloneEval")),
        ["cross branch"] = ("SMP016", d => Branch(d, "ElseSteps")["Arguments"]!["ErrorMessage"] = Get("Steps.AbaloneRegisterModel.ModelPackageArn")),
        ["container argument"] = ("SMP017", d => Args(d, 0)["AppSpecification"]!["ContainerArguments"] = new JsonArray("--input", new string('x', 257))),
        ["hyperparameter"] = ("SMP018", d => Args(d, 1)["HyperParameters"]!["objective"] = new string('x', 2501)),
        ["processing environment"] = ("SMP018", d => Args(d, 0)["Environment"] = new JsonObject { ["LONG"] = new string('x', 257) }),
        ["group name"] = ("SMP019", d => Branch(d, "IfSteps")["Arguments"]!["ModelPackageGroupName"] = "abalone_models"),
        ["group name length"] = ("SMP019", d => Branch(d, "IfSteps")["Arguments"]!["ModelPackageGroupName"] = new string('g', 64)),
        ["s3 uri scheme"] = ("SMP020", d => Args(d, 1)["OutputDataConfig"]!["S3OutputPath"] = "https://bucket/model"),
        ["s3 bucket"] = ("SMP020", d => Args(d, 1)["OutputDataConfig"]!["S3OutputPath"] = "s3://My_Bucket/model"),
        ["role arn"] = ("SMP021", d => Args(d, 1)["RoleArn"] = "SageMakerRole"),
        ["execution role arn"] = ("SMP021", d => Args(d, 0)["RoleArn"] = "arn:aws:iam::1234:role/x"),
        ["number as argument"] = ("SMP022", d => Args(d, 0)["AppSpecification"]!["ContainerArguments"] = new JsonArray("--epochs", 5)),
        ["integer parameter as hyperparameter"] = ("SMP022", d => Args(d, 1)["HyperParameters"]!["num_round"] = Get("Parameters.ProcessingInstanceCount")),
        ["step type"] = ("SMP023", d => Branch(d, "ElseSteps")["Type"] = "Lambda"),
        ["join without values"] = ("SMP026", d => Args(d, 0)["Environment"] = new JsonObject { ["X"] = new JsonObject { ["Std:Join"] = new JsonObject { ["On"] = "/" } } }),
        ["json get without a file"] = ("SMP026", d => Args(d, 3)["Conditions"]![0]!["LeftValue"]!["Std:JsonGet"]!.AsObject().Remove("PropertyFile")),
        ["retry exception type"] = ("SMP027", d => Step(d, 1)["RetryPolicies"] = new JsonArray(new JsonObject { ["ExceptionType"] = new JsonArray("SageMaker.TIMEOUT"), ["MaxAttempts"] = 3 })),
        ["retry interval with a fraction"] = ("SMP027", d => Step(d, 1)["RetryPolicies"] = new JsonArray(new JsonObject { ["ExceptionType"] = new JsonArray("Step.THROTTLING"), ["IntervalSeconds"] = 1.5, ["MaxAttempts"] = 3 })),
        ["retry attempts with a fraction"] = ("SMP027", d => Step(d, 1)["RetryPolicies"] = new JsonArray(new JsonObject { ["ExceptionType"] = new JsonArray("Step.THROTTLING"), ["MaxAttempts"] = 2.5 })),
        ["retry backoff as text"] = ("SMP027", d => Step(d, 1)["RetryPolicies"] = new JsonArray(new JsonObject { ["ExceptionType"] = new JsonArray("Step.THROTTLING"), ["BackoffRate"] = "2", ["MaxAttempts"] = 3 })),
        ["retry without exception types"] = ("SMP027", d => Step(d, 1)["RetryPolicies"] = new JsonArray(new JsonObject { ["MaxAttempts"] = 3 })),
        ["retry with one unknown exception type among known ones"] = ("SMP027", d => Step(d, 1)["RetryPolicies"] = new JsonArray(new JsonObject { ["ExceptionType"] = new JsonArray("Step.THROTTLING", "Step.TIMEOUT"), ["MaxAttempts"] = 3 })),
        ["processing instance count over 100"] = ("SMP024", d => Args(d, 0)["ProcessingResources"]!["ClusterConfig"]!["InstanceCount"] = 101),
        ["processing run time over 9 days"] = ("SMP024", d => Args(d, 0)["StoppingCondition"] = new JsonObject { ["MaxRuntimeInSeconds"] = 777601 }),
        ["training environment"] = ("SMP018", d => Args(d, 1)["Environment"] = new JsonObject { ["LONG"] = new string('x', 513) }),
        ["registered container environment"] = ("SMP018", d => Branch(d, "IfSteps")["Arguments"]!["InferenceSpecification"]!["Containers"]![0]!["Environment"] = new JsonObject { ["LONG"] = new string('x', 1025) }),
        ["retry on a condition step"] = ("SMP027", d => Step(d, 3)["RetryPolicies"] = new JsonArray(new JsonObject { ["ExceptionType"] = new JsonArray("Step.THROTTLING"), ["MaxAttempts"] = 3 })),
        ["condition type"] = ("SMP025", d => Args(d, 3)["Conditions"]![0]!["Type"] = "Between"),
        ["condition member"] = ("SMP025", d => Args(d, 3)["Conditions"]![0]!.AsObject().Remove("RightValue")),
        ["in without a list of values"] = ("SMP025", d => Args(d, 3)["Conditions"]![0] = new JsonObject { ["Type"] = "In", ["QueryValue"] = "a", ["Values"] = null }),
        ["not of nothing"] = ("SMP025", d => Args(d, 3)["Conditions"]![0] = new JsonObject { ["Type"] = "Not", ["Condition"] = null }),
        ["or of a text"] = ("SMP025", d => Args(d, 3)["Conditions"]![0] = new JsonObject { ["Type"] = "Or", ["Conditions"] = new JsonArray("a > b") }),
    };

    private static string Abalone(Action<JsonObject> change)
    {
        var definition = JsonNode.Parse(AbalonePipeline.Create().ToJson())!.AsObject();
        change(definition);
        return definition.ToJsonString();
    }

    private static string EveryKind(Action<JsonObject> change)
    {
        var definition = JsonNode.Parse(EveryStepKindPipeline.Create().ToJson())!.AsObject();
        change(definition);
        return definition.ToJsonString();
    }

    private static JsonObject TuningArgs(JsonObject d) => d["Steps"]![2]!["Arguments"]!["IfSteps"]![0]!["Arguments"]!.AsObject();

    private static JsonObject TuningConfig(JsonObject d) => TuningArgs(d)["HyperParameterTuningJobConfig"]!.AsObject();

    private static JsonObject TuningRanges(JsonObject d) => TuningConfig(d)["ParameterRanges"]!.AsObject();

    /// <summary>Removes the Arguments of every step but the condition steps, whose branches' steps lose theirs.</summary>
    private static void RemoveArguments(JsonArray steps)
    {
        foreach (var step in steps.Select(s => s!.AsObject()))
        {
            if (step["Type"]!.GetValue<string>() == "Condition")
            {
                RemoveArguments(step["Arguments"]!["IfSteps"]!.AsArray());
                RemoveArguments(step["Arguments"]!["ElseSteps"]!.AsArray());
            }
            else
            {
                step.Remove("Arguments");
            }
        }
    }

    private static void AddSecondRegistration(JsonObject d)
    {
        var second = Branch(d, "IfSteps").DeepClone().AsObject();
        second["Name"] = "AbaloneRegisterModel2";
        d["Steps"]![3]!["Arguments"]!["IfSteps"]!.AsArray().Add(second);
    }

    // Definitions SageMaker refuses for their shape: a member it requires is missing or of the wrong kind. The
    // validator reports each at its path and goes on with the rest; it never throws on them.
    private static readonly Dictionary<string, (Func<string> Definition, string? PipelineName)> Malformed = new()
    {
        ["not JSON"] = (() => """{"Version": "2020-12-01", "Steps": [""", null),
        ["a list, not an object"] = (() => "[]", null),
        ["no Steps"] = (() => Abalone(d => d.Remove("Steps")), null),
        ["Parameters that are not a list"] = (() => Abalone(d => d["Parameters"] = "InputData"), null),
        ["a pipeline name with a space"] = (() => Abalone(_ => { }), "Abalone pipeline"),
        ["a parameter without a name"] = (() => Abalone(d => d["Parameters"]!.AsArray().Add(new JsonObject { ["Type"] = "String" })), null),
        ["steps that are not objects"] = (() => Abalone(d =>
        {
            d["Steps"]!.AsArray().Add(42);
            Args(d, 3)["IfSteps"]!.AsArray().Add(null);
            Args(d, 3)["ElseSteps"]!.AsArray().Add("AbaloneMSEFail");
        }), null),
        ["a step without Arguments"] = (() => Abalone(d => Step(d, 1).Remove("Arguments")), null),
        ["steps of every kind without Arguments"] = (() => EveryKind(d => RemoveArguments(d["Steps"]!.AsArray())), null),
        ["a condition step without Arguments"] = (() => Abalone(d => Step(d, 3).Remove("Arguments")), null),
        ["Arguments that are text"] = (() => Abalone(d => Branch(d, "ElseSteps")["Arguments"] = "fail"), null),
        ["a condition step without Conditions"] = (() => Abalone(d => Args(d, 3).Remove("Conditions")), null),
        ["a property file without a name"] = (() => Abalone(d => Step(d, 2)["PropertyFiles"]![0]!.AsObject().Remove("PropertyFileName")), null),
        ["a property file without its path and one that is not an object"] = (() => Abalone(d =>
        {
            Step(d, 2)["PropertyFiles"]![0]!.AsObject().Remove("FilePath");
            Step(d, 2)["PropertyFiles"]!.AsArray().Add("report.json");
        }), null),
        ["a property file without its output's name"] = (() => Abalone(d => Step(d, 2)["PropertyFiles"]![0]!.AsObject().Remove("OutputName")), null),
        ["an output without a name"] = (() => Abalone(d => Args(d, 2)["ProcessingOutputConfig"]!["Outputs"]![0]!.AsObject().Remove("OutputName")), null),
        ["a property file on an output a step of three outputs does not have"] = (() => Abalone(d =>
        {
            Step(d, 0)["PropertyFiles"] = new JsonArray(new JsonObject { ["PropertyFileName"] = "Stats", ["OutputName"] = "stats", ["FilePath"] = "stats.json" });
            Args(d, 3)["Conditions"]![0]!["LeftValue"]!["Std:JsonGet"]!["PropertyFile"] = Get("Steps.AbaloneProcess.PropertyFiles.Stats");
        }), null),
        ["a retry policy that is not an object"] = (() => Abalone(d => Step(d, 1)["RetryPolicies"] = new JsonArray(42)), null),
        ["text where a processing step's objects go"] = (() => Abalone(d =>
        {
            Args(d, 0)["ProcessingOutputConfig"] = "train, validation, test";
            Args(d, 2)["ProcessingOutputConfig"]!["Outputs"]!.AsArray().Add("evaluation");
        }), null),
        ["text where a tuning job's objects go"] = (() => EveryKind(d => TuningArgs(d)["TrainingJobDefinition"] = "the training job"), null),
        ["a tuning metric definition that is text"] = (() => EveryKind(d => TuningArgs(d)["TrainingJobDefinition"]!["AlgorithmSpecification"]!["MetricDefinitions"]!.AsArray().Add("auc")), null),
        ["a JsonGet whose S3 URI joins text"] = (() => Abalone(d => Args(d, 3)["Conditions"]![0]!["LeftValue"] = new JsonObject
        {
            ["Std:JsonGet"] = new JsonObject { ["S3Uri"] = new JsonObject { ["Std:Join"] = "s3://bucket/evaluation.json" }, ["Path"] = "mse" },
        }), null),
        ["a retry policy that is null"] = (() => Abalone(d => Step(d, 1)["RetryPolicies"] = new JsonArray((JsonNode?)null)), null),
        ["a step that waits for itself"] = (() => Abalone(d => Step(d, 1)["DependsOn"] = new JsonArray("AbaloneTrain")), null),
        ["a step that uses two steps of the other branch"] = (() => Abalone(d =>
        {
            AddSecondRegistration(d);
            Branch(d, "ElseSteps")["Arguments"]!["ErrorMessage"] = new JsonObject
            {
                ["Std:Join"] = new JsonObject { ["On"] = " ", ["Values"] = new JsonArray(Get("Steps.AbaloneRegisterModel2.ModelPackageArn"), Get("Steps.AbaloneRegisterModel.ModelPackageArn")) },
            };
        }), null),
        ["a tuning step without its job config"] = (() => EveryKind(d => TuningArgs(d).Remove("HyperParameterTuningJobConfig")), null),
        ["a tuning job config without strategy and resource limits"] = (() => EveryKind(d =>
        {
            TuningConfig(d).Remove("Strategy");
            TuningConfig(d).Remove("ResourceLimits");
        }), null),
        ["a tuning objective without a metric name"] = (() => EveryKind(d => TuningConfig(d)["HyperParameterTuningJobObjective"]!.AsObject().Remove("MetricName")), null),
        ["a tuning objective that is text"] = (() => EveryKind(d => TuningConfig(d)["HyperParameterTuningJobObjective"] = "Maximize auc"), null),
        ["a tuning training job without its algorithm"] = (() => EveryKind(d => TuningArgs(d)["TrainingJobDefinition"]!.AsObject().Remove("AlgorithmSpecification")), null),
        ["a tuning training job without static hyperparameters"] = (() => EveryKind(d => TuningArgs(d)["TrainingJobDefinition"]!.AsObject().Remove("StaticHyperParameters")), null),
        ["tuning without parameter ranges"] = (() => EveryKind(d => TuningConfig(d).Remove("ParameterRanges")), null),
        ["a tuning range that is not an object"] = (() => EveryKind(d => TuningRanges(d)["IntegerParameterRanges"]![0] = 42), null),
        ["a tuning range without a name"] = (() => EveryKind(d => TuningRanges(d)["ContinuousParameterRanges"]![0]!.AsObject().Remove("Name")), null),
        ["two tuning ranges without names"] = (() => EveryKind(d =>
        {
            TuningRanges(d)["ContinuousParameterRanges"]![0]!.AsObject().Remove("Name");
            TuningRanges(d)["IntegerParameterRanges"]![0]!.AsObject().Remove("Name");
        }), null),
        // The bounds are judged once both are there: a Logarithmic range from 0 gets only its missing maximum.
        ["a logarithmic tuning range from 0 without a maximum"] = (() => EveryKind(d =>
        {
            var range = TuningRanges(d)["ContinuousParameterRanges"]![0]!.AsObject();
            range["MinValue"] = "0";
            range["ScalingType"] = "Logarithmic";
            range.Remove("MaxValue");
        }), null),
        ["a categorical tuning range without values"] = (() => EveryKind(d => TuningRanges(d)["CategoricalParameterRanges"]![0]!.AsObject().Remove("Values")), null),
    };

    public static TheoryData<string> CaseNames() => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Reports_the_rule_a_definition_breaks(string name)
    {
        var (code, breakIt) = Cases[name];
        var definition = JsonNode.Parse(AbalonePipeline.Create().ToJson())!.AsObject();
        breakIt(definition);

        var findings = PipelineValidator.Validate(definition.ToJsonString());

        Assert.True(findings.Select(f => f.Code).Distinct().SequenceEqual([code]), $"expected only {code}, got:\n{string.Join('\n', findings)}");
    }

    /// <summary>
    /// What a user reads for every broken rule above and every definition the SDK refuses: each finding's path, code
    /// and message (README: the messages and paths are part of the contract), against a reviewed golden file.
    /// </summary>
    [Fact]
    public void Every_broken_rule_reads_as_the_reviewed_findings_with_their_exact_paths()
    {
        var text = new StringBuilder();
        void Write(string name, IEnumerable<ValidationFinding> findings)
        {
            text.Append("## ").Append(name).Append('\n');
            foreach (var finding in findings)
            {
                text.Append(finding).Append('\n');
            }
        }

        foreach (var (name, (_, breakIt)) in Cases.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var definition = JsonNode.Parse(AbalonePipeline.Create().ToJson())!.AsObject();
            breakIt(definition);
            Write(name, PipelineValidator.Validate(definition.ToJsonString()));
        }

        foreach (var (name, (definition, pipelineName)) in Malformed.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            Write("malformed: " + name, PipelineValidator.Validate(definition(), pipelineName));
        }

        foreach (var (id, build) in ConformanceCases.Negative.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            Write(id, PipelineValidator.Validate(build()));
        }

        Golden.Verify("tests/SageMakerPipelines.Tests/Golden/validation-findings.txt", text.ToString());
    }

    [Fact]
    public void Findings_carry_the_json_path_of_the_problem()
    {
        var definition = JsonNode.Parse(AbalonePipeline.Create().ToJson())!.AsObject();
        Args(definition, 1)["RoleArn"] = "SageMakerRole";

        var finding = Assert.Single(PipelineValidator.Validate(definition.ToJsonString()));

        Assert.Equal("Steps[1].Arguments.RoleArn", finding.Path);
        Assert.Contains("'SageMakerRole'", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("{\"Version\": \"2020-12-01\"}")]
    [InlineData("{\"Version\": \"2020-12-01\", \"Parameters\": {}, \"Steps\": []}")]
    [InlineData("{\"Version\": \"2020-12-01\", \"Steps\": [42]}")]
    public void A_document_that_is_not_a_definition_is_reported(string json)
    {
        Assert.Equal("SMP001", Assert.Single(PipelineValidator.Validate(json)).Code);
    }

    [Theory]
    [InlineData("abalone_pipeline")]
    [InlineData("-abalone")]
    [InlineData("")]
    public void A_bad_pipeline_name_is_reported(string name)
    {
        var findings = PipelineValidator.Validate(AbalonePipeline.Create() with { Name = name });

        Assert.Equal("SMP003", Assert.Single(findings).Code);
    }

    [Theory]
    [InlineData("Environment")]
    [InlineData("AppSpecification")]
    [InlineData("ProcessingResources")]
    public void An_argument_that_should_be_an_object_but_is_text_gives_findings_not_a_crash(string member)
    {
        // The limit checks walk into these members (map values, container arguments, instance counts).
        var definition = JsonNode.Parse(AbalonePipeline.Create().ToJson())!.AsObject();
        Args(definition, 0)[member] = "text";

        var findings = PipelineValidator.Validate(definition.ToJsonString());

        Assert.DoesNotContain(findings, f => f.Path.StartsWith($"Steps[0].Arguments.{member}.", StringComparison.Ordinal));
    }

    [Fact]
    public void Cycles_are_reported_once_with_their_steps()
    {
        var definition = JsonNode.Parse(AbalonePipeline.Create().ToJson())!.AsObject();
        Step(definition, 0)["DependsOn"] = new JsonArray("AbaloneEval");

        var finding = Assert.Single(PipelineValidator.Validate(definition.ToJsonString()));

        Assert.Contains("AbaloneProcess, AbaloneTrain, AbaloneEval", finding.Message, StringComparison.Ordinal);
        Assert.Equal("Steps[0]", finding.Path);
    }

    // The findings a user reads: the exact JSON path of each problem and what the message says about it.
    private static readonly Dictionary<string, (string Path, string Message, Action<JsonObject> Break)> Contract = new()
    {
        ["integer default with a fraction"] = ("Parameters[0].DefaultValue", "Parameter 'ProcessingInstanceCount' is Integer but its default 1.5 is not.",
            d => d["Parameters"]![0]!["DefaultValue"] = 1.5),
        ["unknown parameter type"] = ("Parameters[4].Type", "Parameter 'MseThreshold' has type 'Number'; it must be String, Integer, Float or Boolean.",
            d => d["Parameters"]![4]!["Type"] = "Number"),
        ["default outside its enum values"] = ("Parameters[2].DefaultValue",
            "Parameter 'ModelApprovalStatus': the default 'PendingManualApproval' is not one of its EnumValues Approved, Rejected.",
            d => d["Parameters"]![2]!["EnumValues"] = new JsonArray("Approved", "Rejected")),
        ["enum values on a number"] = ("Parameters[0].EnumValues", "Parameter 'ProcessingInstanceCount': EnumValues is a non-empty list of strings, on String parameters only.",
            d => d["Parameters"]![0]!["EnumValues"] = new JsonArray("1", "2")),
        ["duplicate parameter"] = ("Parameters[5].Name", "Parameter 'InstanceType' is declared twice.",
            d => d["Parameters"]!.AsArray().Add(d["Parameters"]![1]!.DeepClone())),
        ["s3 uri inside an array"] = ("Steps[0].Arguments.ProcessingInputs[1].S3Input.S3Uri",
            "'https://bucket/code.py' is not an S3 URI (s3://bucket/key, with a valid bucket name).",
            d => Args(d, 0)["ProcessingInputs"]![1]!["S3Input"]!["S3Uri"] = "https://bucket/code.py"),
        ["model data url"] = ("Steps[3].Arguments.IfSteps[0].Arguments.InferenceSpecification.Containers[0].ModelDataUrl",
            "'s3://B/model.tar.gz' is not an S3 URI (s3://bucket/key, with a valid bucket name).",
            d => Branch(d, "IfSteps")["Arguments"]!["InferenceSpecification"]!["Containers"]![0]!["ModelDataUrl"] = "s3://B/model.tar.gz"),
        ["role arn of another service"] = ("Steps[2].Arguments.RoleArn", "'arn:aws:s3:::123456789012:role/x' is not an IAM role ARN (arn:aws:iam::123456789012:role/NAME).",
            d => Args(d, 2)["RoleArn"] = "arn:aws:s3:::123456789012:role/x"),
        ["role arn with a short account"] = ("Steps[0].Arguments.RoleArn", "'arn:aws:iam::1234:role/x' is not an IAM role ARN (arn:aws:iam::123456789012:role/NAME).",
            d => Args(d, 0)["RoleArn"] = "arn:aws:iam::1234:role/x"),
        ["unknown dependency"] = ("Steps[1].DependsOn[0]", "DependsOn names step 'AbaloneProces', which does not exist.", d => Step(d, 1)["DependsOn"] = new JsonArray("AbaloneProces")),
        ["no version"] = ("Version", "Version must be \"2020-12-01\".", d => d.Remove("Version")),
        ["version as a number"] = ("Version", "Version must be \"2020-12-01\".", d => d["Version"] = 20201201),
        ["string default as a number"] = ("Parameters[1].DefaultValue", "Parameter 'InstanceType' is String but its default 5 is not.", d => d["Parameters"]![1]!["DefaultValue"] = 5),
        ["boolean default as text"] = ("Parameters[5].DefaultValue", "Parameter 'Flag' is Boolean but its default \"true\" is not.",
            d => d["Parameters"]!.AsArray().Add(new JsonObject { ["Name"] = "Flag", ["Type"] = "Boolean", ["DefaultValue"] = "true" })),
        ["parameter without a type"] = ("Parameters[1].Type", "Parameter 'InstanceType' has type ''; it must be String, Integer, Float or Boolean.",
            d => d["Parameters"]![1]!.AsObject().Remove("Type")),
        ["enum values that are not a list"] = ("Parameters[2].EnumValues", "Parameter 'ModelApprovalStatus': EnumValues is a non-empty list of strings, on String parameters only.",
            d => d["Parameters"]![2]!["EnumValues"] = "PendingManualApproval"),
        ["empty enum values"] = ("Parameters[2].EnumValues", "Parameter 'ModelApprovalStatus': EnumValues is a non-empty list of strings, on String parameters only.",
            d => d["Parameters"]![2]!["EnumValues"] = new JsonArray()),
        ["enum values with a number"] = ("Parameters[2].EnumValues", "Parameter 'ModelApprovalStatus': EnumValues is a non-empty list of strings, on String parameters only.",
            d => d["Parameters"]![2]!["EnumValues"] = new JsonArray("PendingManualApproval", 1)),
        ["parameter name of 65 characters"] = ("Parameters[5].Name", $"Parameter name '{new string('P', 65)}' must be 1 to 64 letters, digits, hyphens or underscores.",
            d => d["Parameters"]!.AsArray().Add(new JsonObject { ["Name"] = new string('P', 65), ["Type"] = "String" })),
        ["s3 bucket of 2 characters"] = ("Steps[1].Arguments.OutputDataConfig.S3OutputPath", "'s3://ab/model' is not an S3 URI (s3://bucket/key, with a valid bucket name).",
            d => Args(d, 1)["OutputDataConfig"]!["S3OutputPath"] = "s3://ab/model"),
        ["s3 bucket of 64 characters"] = ("Steps[1].Arguments.OutputDataConfig.S3OutputPath", $"'s3://{new string('b', 64)}/model' is not an S3 URI (s3://bucket/key, with a valid bucket name).",
            d => Args(d, 1)["OutputDataConfig"]!["S3OutputPath"] = $"s3://{new string('b', 64)}/model"),
        ["processing instance count of 0"] = ("Steps[0].Arguments.ProcessingResources.ClusterConfig.InstanceCount",
            "ProcessingResources.ClusterConfig.InstanceCount is 0; SageMaker takes a whole number from 1 to 100.",
            d => Args(d, 0)["ProcessingResources"]!["ClusterConfig"]!["InstanceCount"] = 0),
        ["processing instance count with a fraction"] = ("Steps[0].Arguments.ProcessingResources.ClusterConfig.InstanceCount",
            "ProcessingResources.ClusterConfig.InstanceCount is 1.5; SageMaker takes a whole number from 1 to 100.",
            d => Args(d, 0)["ProcessingResources"]!["ClusterConfig"]!["InstanceCount"] = 1.5),
        ["training run time of 0 seconds"] = ("Steps[1].Arguments.StoppingCondition.MaxRuntimeInSeconds",
            "StoppingCondition.MaxRuntimeInSeconds is 0; SageMaker takes a whole number of at least 1.",
            d => Args(d, 1)["StoppingCondition"]!["MaxRuntimeInSeconds"] = 0),
        ["retry policies that are not a list"] = ("Steps[1].RetryPolicies", "RetryPolicies is a list.",
            d => Step(d, 1)["RetryPolicies"] = new JsonObject { ["ExceptionType"] = new JsonArray("Step.THROTTLING"), ["MaxAttempts"] = 3 }),
        ["retry max attempts of 0"] = ("Steps[1].RetryPolicies[0].MaxAttempts", "MaxAttempts is a whole number from 1 to 20; it is 0.",
            d => Step(d, 1)["RetryPolicies"] = new JsonArray(new JsonObject { ["ExceptionType"] = new JsonArray("Step.THROTTLING"), ["MaxAttempts"] = 0 })),
        ["join with a separator that is not text"] = ("Steps[0].Arguments.Environment.X.Std:Join", "Std:Join takes On (the separator, text) and Values (a list).",
            d => Args(d, 0)["Environment"] = new JsonObject { ["X"] = new JsonObject { ["Std:Join"] = new JsonObject { ["On"] = 1, ["Values"] = new JsonArray("a", "b") } } }),
        ["join inside a join"] = ("Steps[0].Arguments.Environment.X.Std:Join.Values[1].Std:Join", "Std:Join takes On (the separator, text) and Values (a list).",
            d => Args(d, 0)["Environment"] = new JsonObject
            {
                ["X"] = new JsonObject { ["Std:Join"] = new JsonObject { ["On"] = "/", ["Values"] = new JsonArray("a", new JsonObject { ["Std:Join"] = new JsonObject { ["On"] = "/" } }) } },
            }),
        ["json get without a path"] = ("Steps[3].Arguments.Conditions[0].LeftValue.Std:JsonGet.Path", "Std:JsonGet needs Path, the JSON path of the value in the file.",
            d => Args(d, 3)["Conditions"]![0]!["LeftValue"]!["Std:JsonGet"]!.AsObject().Remove("Path")),
        ["json get of a property file named as text"] = ("Steps[3].Arguments.Conditions[0].LeftValue.Std:JsonGet.PropertyFile",
            "Std:JsonGet's PropertyFile is {\"Get\": \"Steps.STEP.PropertyFiles.NAME\"}, not \"EvaluationReport\".",
            d => Args(d, 3)["Conditions"]![0]!["LeftValue"]!["Std:JsonGet"]!["PropertyFile"] = "EvaluationReport"),
        ["json get of an s3 uri joined from a list"] = ("Steps[3].Arguments.Conditions[0].LeftValue.Std:JsonGet.S3Uri.Std:Join.Values[1]", "[\"a\"] cannot be joined into an S3 URI.",
            d => JsonGetOfS3Uri(d, new JsonArray("s3://bucket/reports", new JsonArray("a")))),
        ["json get of an s3 uri joined from null"] = ("Steps[3].Arguments.Conditions[0].LeftValue.Std:JsonGet.S3Uri.Std:Join.Values[0]", "null cannot be joined into an S3 URI.",
            d => JsonGetOfS3Uri(d, new JsonArray(null, "report.json"))),
        ["condition with a member of another type"] = ("Steps[3].Arguments.Conditions[0].QueryValue", "A LessThanOrEqualTo condition has LeftValue and RightValue, not 'QueryValue'.",
            d => Args(d, 3)["Conditions"]![0]!["QueryValue"] = "a"),
        ["condition negated inside a not"] = ("Steps[3].Arguments.Conditions[0].Condition.Type",
            "A condition's Type must be one of Equals, GreaterThan, GreaterThanOrEqualTo, LessThan, LessThanOrEqualTo, In, Not, Or; it is 'Between'.",
            d => Args(d, 3)["Conditions"]![0] = new JsonObject { ["Type"] = "Not", ["Condition"] = new JsonObject { ["Type"] = "Between" } }),
        ["second alternative of an or"] = ("Steps[3].Arguments.Conditions[0].Conditions[1].RightValue", "A Equals condition needs RightValue.",
            d => Args(d, 3)["Conditions"]![0] = new JsonObject
            {
                ["Type"] = "Or",
                ["Conditions"] = new JsonArray(
                    new JsonObject { ["Type"] = "Equals", ["LeftValue"] = 1, ["RightValue"] = 1 },
                    new JsonObject { ["Type"] = "Equals", ["LeftValue"] = 1 }),
            }),
        ["step without a name"] = ("Steps[3].Arguments.ElseSteps[0].Name", "Step name '' must be 1 to 64 letters, digits, hyphens or underscores.",
            d => Branch(d, "ElseSteps").Remove("Name")),
        ["step without a type"] = ("Steps[3].Arguments.ElseSteps[0].Type", "Step type '' is not one of Processing, Training, Tuning, Model, RegisterModel, Transform, Condition, Fail.",
            d => Branch(d, "ElseSteps").Remove("Type")),
        ["condition without a type"] = ("Steps[3].Arguments.Conditions[0].Type",
            "A condition's Type must be one of Equals, GreaterThan, GreaterThanOrEqualTo, LessThan, LessThanOrEqualTo, In, Not, Or; it is ''.",
            d => Args(d, 3)["Conditions"]![0]!.AsObject().Remove("Type")),
        ["comparison with an expression member"] = ("Steps[3].Arguments.Conditions[0].Expression", "A LessThanOrEqualTo condition has LeftValue and RightValue, not 'Expression'.",
            d => Args(d, 3)["Conditions"]![0]!["Expression"] = new JsonObject { ["Type"] = "Equals" }),
        ["or whose conditions are not a list"] = ("Steps[3].Arguments.Conditions[0].Conditions", "A Or condition's Conditions must be a list, not \"x\".",
            d => Args(d, 3)["Conditions"]![0] = new JsonObject { ["Type"] = "Or", ["Conditions"] = "x" }),
        ["json get of a step property instead of a property file"] = ("Steps[3].Arguments.Conditions[0].LeftValue.Std:JsonGet.PropertyFile",
            "Std:JsonGet's PropertyFile is {\"Get\": \"Steps.STEP.PropertyFiles.NAME\"}, not {\"Get\":\"Steps.AbaloneEval.ProcessingJobName\"}.",
            d => Args(d, 3)["Conditions"]![0]!["LeftValue"]!["Std:JsonGet"]!["PropertyFile"] = Get("Steps.AbaloneEval.ProcessingJobName")),
        ["get of a step without a property"] = ("Steps[2].Arguments.Environment.X",
            "A Training step has no property '' (its properties are the members of SageMaker's Describe response for it).",
            d => Args(d, 2)["Environment"] = new JsonObject { ["X"] = Get("Steps.AbaloneTrain") }),
        ["container argument that is null"] = ("Steps[0].Arguments.AppSpecification.ContainerArguments[1]",
            "A container argument must be a string, but null is not; wrap it in Std:Join (the library does this for you).",
            d => Args(d, 0)["AppSpecification"]!["ContainerArguments"] = new JsonArray("--input", null)),
        ["unknown property file of a step with several"] = ("Steps[3].Arguments.Conditions[0].LeftValue.Std:JsonGet.PropertyFile",
            "Step 'AbaloneEval' declares no property file 'Report'; it declares EvaluationReport, Quality.",
            d => ReadUnknownPropertyFileOfAStepWithTwo(d)),
        ["branch step that is not an object"] = ("Steps[3].Arguments.ElseSteps[0]", "A step is an object with Name, Type and Arguments, not \"AbaloneMSEFail\".",
            d => Args(d, 3)["ElseSteps"]![0] = "AbaloneMSEFail"),
        ["get of an unknown root"] = ("Steps[0].Arguments.RoleArn", "Get 'Pipeline.Role' must start with Parameters., Execution., PipelineExperimentConfig. or Steps.",
            d => Args(d, 0)["RoleArn"] = Get("Pipeline.Role")),
    };

    private static void ReadUnknownPropertyFileOfAStepWithTwo(JsonObject d)
    {
        Step(d, 2)["PropertyFiles"]!.AsArray().Add(new JsonObject { ["PropertyFileName"] = "Quality", ["OutputName"] = "evaluation", ["FilePath"] = "quality.json" });
        Args(d, 3)["Conditions"]![0]!["LeftValue"]!["Std:JsonGet"]!["PropertyFile"] = Get("Steps.AbaloneEval.PropertyFiles.Report");
    }

    private static void JsonGetOfS3Uri(JsonObject d, JsonArray values) =>
        Args(d, 3)["Conditions"]![0]!["LeftValue"] = new JsonObject
        {
            ["Std:JsonGet"] = new JsonObject { ["S3Uri"] = new JsonObject { ["Std:Join"] = new JsonObject { ["On"] = "/", ["Values"] = values } }, ["Path"] = "mse" },
        };

    public static TheoryData<string> ContractNames() => [.. Contract.Keys];

    [Theory]
    [MemberData(nameof(ContractNames))]
    public void A_finding_names_the_exact_path_and_says_what_is_wrong(string name)
    {
        var (path, message, breakIt) = Contract[name];
        var definition = JsonNode.Parse(AbalonePipeline.Create().ToJson())!.AsObject();
        breakIt(definition);

        var finding = Assert.Single(PipelineValidator.Validate(definition.ToJsonString()));

        Assert.Equal((path, message), (finding.Path, finding.Message));
    }

    [Theory]
    [InlineData("s3://my-bucket/key")]
    [InlineData("s3://my.bucket-1/a/b.tar.gz")]
    [InlineData("s3://abc")]
    public void Valid_s3_uris_pass(string uri)
    {
        var definition = JsonNode.Parse(AbalonePipeline.Create().ToJson())!.AsObject();
        Args(definition, 0)["ProcessingInputs"]![1]!["S3Input"]!["S3Uri"] = uri;
        Branch(definition, "IfSteps")["Arguments"]!["InferenceSpecification"]!["Containers"]![0]!["ModelDataUrl"] = uri;

        Assert.Empty(PipelineValidator.Validate(definition.ToJsonString()));
    }

    [Theory]
    [InlineData("arn:aws:iam::123456789012:role/service-role/SageMaker+Exec=1,a.b@c")]
    [InlineData("arn:aws-cn:iam::123456789012:role/x")]
    [InlineData("arn:aws-us-gov:iam::123456789012:role/x")]
    public void Role_arns_of_every_partition_and_path_pass(string arn)
    {
        var definition = JsonNode.Parse(AbalonePipeline.Create().ToJson())!.AsObject();
        Args(definition, 1)["RoleArn"] = arn;

        Assert.Empty(PipelineValidator.Validate(definition.ToJsonString()));
    }

    // Values at the edge of each limit, and forms the validator must not mistake for errors: SageMaker takes all of them.
    private static readonly Dictionary<string, Action<JsonObject>> Accepted = new()
    {
        ["parameter name of 64 characters"] = d => d["Parameters"]!.AsArray().Add(new JsonObject { ["Name"] = new string('P', 64), ["Type"] = "String" }),
        ["step name of 64 characters"] = d => Branch(d, "ElseSteps")["Name"] = new string('F', 64),
        ["a condition step without ElseSteps"] = d => Args(d, 3).Remove("ElseSteps"),
        ["float default with a fraction"] = d => d["Parameters"]![4]!["DefaultValue"] = 6.5,
        ["boolean defaults"] = d =>
        {
            d["Parameters"]!.AsArray().Add(new JsonObject { ["Name"] = "Yes", ["Type"] = "Boolean", ["DefaultValue"] = true });
            d["Parameters"]!.AsArray().Add(new JsonObject { ["Name"] = "No", ["Type"] = "Boolean", ["DefaultValue"] = false });
        },
        ["parameters without defaults"] = d =>
        {
            foreach (var parameter in d["Parameters"]!.AsArray())
            {
                parameter!.AsObject().Remove("DefaultValue");
            }
        },
        ["a default among its enum values"] = d => d["Parameters"]![2]!["EnumValues"] = new JsonArray("Approved", "PendingManualApproval"),
        ["enum values without a default"] = d =>
        {
            d["Parameters"]![2]!["EnumValues"] = new JsonArray("Approved", "Rejected");
            d["Parameters"]![2]!.AsObject().Remove("DefaultValue");
        },
        ["no parameters"] = d =>
        {
            d.Remove("Parameters");
            Args(d, 0)["ProcessingResources"]!["ClusterConfig"]!["InstanceCount"] = 1;
            Args(d, 0)["ProcessingResources"]!["ClusterConfig"]!["InstanceType"] = "ml.m5.xlarge";
            Args(d, 0)["ProcessingInputs"]![0]!["S3Input"]!["S3Uri"] = "s3://bucket/abalone.csv";
            Args(d, 2)["ProcessingResources"]!["ClusterConfig"]!["InstanceCount"] = 1;
            Args(d, 2)["ProcessingResources"]!["ClusterConfig"]!["InstanceType"] = "ml.m5.xlarge";
            Args(d, 1)["ResourceConfig"]!["InstanceType"] = "ml.m5.xlarge";
            Args(d, 3)["Conditions"]![0]!["RightValue"] = 6;
            Branch(d, "IfSteps")["Arguments"]!["ModelApprovalStatus"] = "PendingManualApproval";
            Branch(d, "ElseSteps")["Arguments"]!["ErrorMessage"] = "MSE too high";
        },
        ["s3 bucket of 63 characters"] = d => Args(d, 1)["OutputDataConfig"]!["S3OutputPath"] = $"s3://{new string('b', 63)}/model",
        ["model package group name of 63 characters"] = d => Branch(d, "IfSteps")["Arguments"]!["ModelPackageGroupName"] = new string('g', 63),
        ["model package group arn"] = d => Branch(d, "IfSteps")["Arguments"]!["ModelPackageGroupName"] = "arn:aws:sagemaker:us-east-1:123456789012:model-package-group/abalone",
        ["processing instance counts of 1 and 100"] = d =>
        {
            Args(d, 0)["ProcessingResources"]!["ClusterConfig"]!["InstanceCount"] = 1;
            Args(d, 2)["ProcessingResources"]!["ClusterConfig"]!["InstanceCount"] = 100;
        },
        ["processing run time of 9 days"] = d => Args(d, 0)["StoppingCondition"] = new JsonObject { ["MaxRuntimeInSeconds"] = 777600 },
        ["container argument of 256 characters"] = d => Args(d, 0)["AppSpecification"]!["ContainerArguments"] = new JsonArray("--input", new string('x', 256)),
        ["environment value of 256 characters"] = d => Args(d, 0)["Environment"] = new JsonObject { ["LONG"] = new string('x', 256) },
        ["container argument from a string parameter, a step property and a join"] = d => Args(d, 2)["AppSpecification"]!["ContainerArguments"] = new JsonArray(
            Get("Parameters.InstanceType"), Get("Steps.AbaloneTrain.TrainingJobName"), new JsonObject { ["Std:Join"] = new JsonObject { ["On"] = "", ["Values"] = new JsonArray(Get("Parameters.ProcessingInstanceCount")) } }),
        ["retry bounds"] = d => Step(d, 1)["RetryPolicies"] = new JsonArray(
            new JsonObject { ["ExceptionType"] = new JsonArray("Step.SERVICE_FAULT"), ["IntervalSeconds"] = 0, ["BackoffRate"] = 0, ["MaxAttempts"] = 1 },
            new JsonObject { ["ExceptionType"] = new JsonArray("SageMaker.CAPACITY_ERROR"), ["BackoffRate"] = 1.5, ["MaxAttempts"] = 20 },
            new JsonObject { ["ExceptionType"] = new JsonArray("SageMaker.RESOURCE_LIMIT"), ["ExpireAfterMin"] = 0 },
            new JsonObject { ["ExceptionType"] = new JsonArray("SageMaker.JOB_INTERNAL_ERROR"), ["ExpireAfterMin"] = 14400 }),
        ["experiment name with an experiment config"] = d => Args(d, 0)["Environment"] = new JsonObject { ["EXPERIMENT"] = Get("PipelineExperimentConfig.ExperimentName") },
        ["trial name with an experiment config"] = d => Args(d, 0)["Environment"] = new JsonObject { ["TRIAL"] = Get("PipelineExperimentConfig.TrialName") },
        ["json get of an s3 uri joined from text and properties"] = d => JsonGetOfS3Uri(d, new JsonArray(
            "s3://bucket/reports", Get("Execution.PipelineExecutionId"), 3, Get("Steps.AbaloneTrain.TrainingJobName"), "report.json")),
        ["in and not of in"] = d =>
        {
            var inValues = new JsonObject { ["Type"] = "In", ["QueryValue"] = Get("Parameters.InstanceType"), ["Values"] = new JsonArray("ml.m5.xlarge", "ml.m5.large") };
            d["Steps"]![3]!["Arguments"]!["Conditions"]!.AsArray().Add(inValues);
            d["Steps"]![3]!["Arguments"]!["Conditions"]!.AsArray().Add(new JsonObject { ["Type"] = "Not", ["Condition"] = inValues.DeepClone() });
        },
    };

    public static TheoryData<string> AcceptedNames() => [.. Accepted.Keys];

    [Theory]
    [MemberData(nameof(AcceptedNames))]
    public void A_definition_SageMaker_takes_has_no_findings(string name)
    {
        var definition = JsonNode.Parse(AbalonePipeline.Create().ToJson())!.AsObject();
        Accepted[name](definition);

        Assert.Empty(PipelineValidator.Validate(definition.ToJsonString()));
    }

    [Fact]
    public void A_pipeline_name_of_256_characters_passes_and_one_of_257_is_reported()
    {
        Assert.Empty(PipelineValidator.Validate(AbalonePipeline.Create() with { Name = "a-" + new string('b', 254) }));
        var finding = Assert.Single(PipelineValidator.Validate(AbalonePipeline.Create() with { Name = new string('b', 257) }));
        Assert.Equal(("PipelineName", "SMP003"), (finding.Path, finding.Code));
    }

    [Fact]
    public void A_step_listed_before_its_dependencies_that_share_one_is_no_cycle()
    {
        // Evaluate waits on Train and Check, both wait on Process; Evaluate comes first in the list.
        var definition = JsonNode.Parse(AbalonePipeline.Create().ToJson())!.AsObject();
        var steps = definition["Steps"]!.AsArray();
        var evaluate = steps[2]!;
        steps.RemoveAt(2);
        steps.Insert(0, evaluate);
        evaluate["DependsOn"] = new JsonArray("AbaloneTrain", "AbaloneProcess");

        Assert.Empty(PipelineValidator.Validate(definition.ToJsonString()));
    }

    [Fact]
    public void A_cycle_closed_only_through_a_chain_is_reported_with_every_step_of_it()
    {
        // Process waits on the condition, which waits on Evaluate, which waits on Train and Process: one cycle of four.
        var definition = JsonNode.Parse(AbalonePipeline.Create().ToJson())!.AsObject();
        Step(definition, 0)["DependsOn"] = new JsonArray("AbaloneMSECond");

        var finding = Assert.Single(PipelineValidator.Validate(definition.ToJsonString()));

        Assert.Equal(
            ("SMP015", "Steps[0]", "Steps wait on each other in a cycle: AbaloneProcess, AbaloneTrain, AbaloneEval, AbaloneMSECond; remove a DependsOn or a reference between them."),
            (finding.Code, finding.Path, finding.Message));
    }

    [Fact]
    public void Two_separate_cycles_are_each_reported_with_all_their_steps()
    {
        var definition = JsonNode.Parse(AbalonePipeline.Create().ToJson())!.AsObject();
        Step(definition, 0)["DependsOn"] = new JsonArray("AbaloneEval");
        Branch(definition, "ElseSteps")["DependsOn"] = new JsonArray("AbaloneMSEFail");

        var findings = PipelineValidator.Validate(definition.ToJsonString());

        Assert.Equal(
            [
                ("Steps[0]", "Steps wait on each other in a cycle: AbaloneProcess, AbaloneTrain, AbaloneEval; remove a DependsOn or a reference between them."),
                ("Steps[3].Arguments.ElseSteps[0]", "Steps wait on each other in a cycle: AbaloneMSEFail; remove a DependsOn or a reference between them."),
            ],
            findings.Where(f => f.Code == "SMP015").Select(f => (f.Path, f.Message)).OrderBy(f => f.Path, StringComparer.Ordinal));
    }

    [Fact]
    public void Rule_codes_are_unique()
    {
        Assert.Equal(ValidationRules.All.Count, ValidationRules.All.Distinct().Count());
    }
}
