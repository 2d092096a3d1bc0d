using System.Text.Json.Nodes;

namespace MlPipeline.SageMakerPipelines.Tests.Conformance;

/// <summary>tests/unit/sagemaker/workflow/test_functions.py: Std:Join and Std:JsonGet, read by a probe or a condition.</summary>
internal static partial class ConformanceCases
{
    private static readonly PipelineValue[] Primitives = [1, "a", false, 1.1];

    private static IEnumerable<(string, Func<Built>)> FunctionCases() =>
    [
        ("test_functions/test_join_primitives_default_on", () => ProbeCase(Functions.Join("", Primitives), "1afalse1.1")),
        ("test_functions/test_join_primitives", () => ProbeCase(Functions.Join(",", Primitives), "1,a,false,1.1")),
        ("test_functions/test_join_expressions", () =>
        {
            var myFloat = Parameter.Float("MyFloat");
            var myInt = Parameter.Integer("MyInt");
            var foo = Stub.Processing("foo", outputs: ["out"]);
            var join = Functions.Join("", "foo", myFloat, myInt, MyStr, foo.OutputS3Uri("out"), ExecutionVariables.PipelineExecutionId, Functions.Join(",", Primitives));
            return ProbeCase(join, @"foo1\.02xs3://conformance/out/foo/out.+1,a,false,1\.1", [foo], [myFloat, myInt, MyStr],
                arguments: new Dictionary<string, string> { ["MyFloat"] = "1.0", ["MyInt"] = "2", ["MyStr"] = "x" });
        }),
        ("test_functions/test_to_string_on_join", () => ProbeCase(new PipelineString(Functions.Join("", Primitives)).Value, "1afalse1.1")),
        ("test_functions/test_json_get_expressions__property_file_name", () => JsonGetCase("my-property-file", (file, step) => Functions.JsonGet(step.PropertyFile(file), "my-json-path"))),
        ("test_functions/test_json_get_expressions__property_file", () => JsonGetCase("name", (file, step) => Functions.JsonGet(step.PropertyFile(file), "my-json-path"))),
        ("test_functions/test_json_get_expressions__s3_uri", () =>
        {
            var writer = ResultWriter();
            var check = new ConditionStep
            {
                Name = "Check",
                DependsOn = [writer.Name],
                Conditions = [Condition.EqualTo(Functions.JsonGet(ResultUri(), "my-json-path"), 7)],
                IfSteps = [Stub.Processing("IfStep")],
            };
            return new(Pipeline([writer, check]), "Steps[1].Arguments.Conditions[0].LeftValue")
            {
                Run = new RunCheck { Steps = ["writer:Succeeded", "Check:Succeeded", "IfStep:Succeeded"] },
            };
        }),
        ("test_functions/test_to_string_on_json_get", () =>
        {
            var step = MyStepWithPropertyFile("my-property-file");
            return ProbeCase(Functions.JsonGet(step.PropertyFile("my-property-file"), "my-json-path"), "7", [step], whole: true);
        }),
    ];

    private static IEnumerable<(string, Func<string>)> FunctionRejections() =>
    [
        ("test_functions/test_json_get_expressions_with_incorrect_s3uri_property_file_inputs__both", () => BrokenJsonGet(j =>
            j["PropertyFile"] = new JsonObject { ["Get"] = "Steps.my-step.PropertyFiles.my-property-file" })),
        ("test_functions/test_json_get_expressions_with_incorrect_s3uri_property_file_inputs__neither", () => BrokenJsonGet(j => j.Remove("S3Uri"))),
        ("test_functions/test_json_get_invalid_s3_uri_not_join", () => BrokenJsonGet(j => j["S3Uri"] = "s3://my-bucket/result.json")),
        ("test_functions/test_json_get_invalid_s3_uri_with_invalid_pipeline_variable", () =>
        {
            Assert.Throws<ArgumentException>(() => Functions.JsonGet(Functions.Join("/", "s3:/", Functions.Join("", "x")), "my-json-path"));
            return BrokenJsonGet(j => j["S3Uri"]!["Std:Join"]!["Values"]![1] = new JsonObject { ["Std:Join"] = new JsonObject { ["On"] = "", ["Values"] = new JsonArray() } });
        }),
        ("test_functions/test_json_get_expressions_with_invalid_step_name", () =>
        {
            var step = MyStepWithPropertyFile("my-property-file");
            return Pipeline([step, JsonGetUser(Functions.JsonGet(new PropertyFileReference("", "my-property-file"), "my-json-path"))]).ToJson();
        }),
    ];

    /// <summary>
    /// A probe receiving <paramref name="value"/> after <paramref name="before"/>; the SDK's JSON is the probe's argument
    /// (inside the Std:Join the library wraps a value that is not text in, unless <paramref name="whole"/>), and the run
    /// must give the probe text matching <paramref name="probe"/>.
    /// </summary>
    private static Built ProbeCase(
        PipelineValue value, string probe, IReadOnlyList<Step>? before = null, IReadOnlyList<Parameter>? parameters = null, bool whole = false,
        IReadOnlyDictionary<string, string>? arguments = null)
    {
        IReadOnlyList<Step> steps = [.. before ?? [], Stub.Probe(value)];
        var argument = $"Steps[{steps.Count - 1}].Arguments.AppSpecification.ContainerArguments[{Stub.ProbeArgument}]";
        return new(Pipeline(steps, [.. parameters ?? []]), whole || value.ValueType == PipelineValueType.String ? argument : argument + ".Std:Join.Values[0]")
        {
            Run = new RunCheck
            {
                Parameters = arguments ?? new Dictionary<string, string>(),
                Steps = [.. steps.Select(s => $"{s.Name}:Succeeded")],
                Probe = [probe],
            },
        };
    }

    /// <summary>Step my-step writing {"my-json-path": 7} to the property file <paramref name="name"/> (output result, file output).</summary>
    private static ProcessingStep MyStepWithPropertyFile(string name) =>
        Stub.Processing("my-step", outputs: ["result"], files: [("result/output", """{"my-json-path": 7}""")]) with
        {
            PropertyFiles = [new PropertyFile { PropertyFileName = name, OutputName = "result", FilePath = "output" }],
        };

    /// <summary>The SDK test's S3 URI: s3://test-bucket/PIPELINE/EXECUTION/my-step-name.</summary>
    private static JoinFunction ResultUri() =>
        Functions.Join("/", "s3:/", "test-bucket", ExecutionVariables.PipelineName, ExecutionVariables.PipelineExecutionId, "my-step-name");

    /// <summary>A step writing {"my-json-path": 7} as the object at <see cref="ResultUri"/> (its output is the folder above it).</summary>
    private static ProcessingStep ResultWriter()
    {
        var step = Stub.Processing("writer", outputs: ["result"], files: [("result/my-step-name", """{"my-json-path": 7}""")]);
        var output = step.Arguments.ProcessingOutputConfig!.Outputs[0];
        var uri = Functions.Join("/", "s3://test-bucket", ExecutionVariables.PipelineName, ExecutionVariables.PipelineExecutionId);
        return step with
        {
            Arguments = step.Arguments with { ProcessingOutputConfig = new ProcessingOutputConfig { Outputs = [output with { S3Output = output.S3Output with { S3Uri = uri } }] } },
        };
    }

    /// <summary>The definition of <see cref="JsonGetUser"/> reading the S3 JsonGet after my-step and the writer, broken by <paramref name="change"/>.</summary>
    private static string BrokenJsonGet(Action<JsonObject> change)
    {
        var definition = JsonNode.Parse(Pipeline([MyStepWithPropertyFile("my-property-file"), ResultWriter(), JsonGetUser(Functions.JsonGet(ResultUri(), "my-json-path"))]).ToJson())!;
        change(definition["Steps"]![2]!["Arguments"]!["Conditions"]![0]!["LeftValue"]!["Std:JsonGet"]!.AsObject());
        return definition.ToJsonString();
    }

    /// <summary>my-step, and a condition that takes the if branch when the JsonGet reads 7.</summary>
    private static Built JsonGetCase(string propertyFile, Func<string, ProcessingStep, PipelineValue> jsonGet)
    {
        var step = MyStepWithPropertyFile(propertyFile);
        var check = new ConditionStep { Name = "Check", Conditions = [Condition.EqualTo(jsonGet(propertyFile, step), 7)], IfSteps = [Stub.Processing("IfStep")] };
        return new(Pipeline([step, check]), "Steps[1].Arguments.Conditions[0].LeftValue")
        {
            Run = new RunCheck { Steps = ["my-step:Succeeded", "Check:Succeeded", "IfStep:Succeeded"] },
        };
    }
}
