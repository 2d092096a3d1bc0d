using System.Text.Json.Nodes;

namespace MlPipeline.SageMakerPipelines.Tests.Conformance;

/// <summary>
/// tests/unit/sagemaker/workflow/test_execution_variables.py and test_parameters.py: execution variables and parameters
/// of every type, as declared and as read by a probe.
/// </summary>
internal static partial class ConformanceCases
{
    private static IEnumerable<(string, Func<Built>)> ExecutionVariableCases() =>
    [
        ("test_execution_variables/test_execution_variable", () => ProbeCase(ExecutionVariables.StartDateTime, Timestamp)),
        ("test_execution_variables/test_to_string", () => ProbeCase(new PipelineString(ExecutionVariables.StartDateTime).Value, Timestamp)),
    ];

    private static IEnumerable<(string, Func<Built>)> ParameterCases() =>
    [
        ("test_parameters/test_parameter__request", () => ParameterCase(Parameter.Boolean("MyBool"), "true", declaration: true)),
        ("test_parameters/test_parameter__expr", () => ParameterCase(Parameter.Boolean("MyBool"), "true")),
        ("test_parameters/test_parameter_with_default__request", () => ParameterCase(Parameter.Float("MyFloat", 1.2), null, declaration: true)),
        ("test_parameters/test_parameter_with_default__expr", () => ParameterCase(Parameter.Float("MyFloat", 1.2), null)),
        ("test_parameters/test_parameter_with_default_value_zero__request", () => ParameterCase(Parameter.Integer("MyInteger", 0), null, declaration: true)),
        ("test_parameters/test_parameter_with_default_value_zero__expr", () => ParameterCase(Parameter.Integer("MyInteger", 0), null)),
        ("test_parameters/test_parameter_string_with_enum_values__no_default", () =>
            ParameterCase(Parameter.String("MyString", enumValues: ["a", "b"]), "b", declaration: true)),
        ("test_parameters/test_parameter_string_with_enum_values__with_default", () =>
            ParameterCase(Parameter.String("MyString", "a", ["a", "b"]), null, declaration: true)),
        ("test_parameters/test_parameter_to_string_and_string_implicit_value", () =>
            ProbeCase(new PipelineString(Parameter.String("MyString", "1")).Value, "1", parameters: [Parameter.String("MyString", "1")])),
    ];

    private static IEnumerable<(string, Func<string>)> ParameterRejections() =>
    [
        ("test_parameters/test_parameter_with_invalid_default", () =>
        {
            var definition = JsonNode.Parse(Pipeline([Stub.Probe(Parameter.Float("MyFloat", 1.5))], Parameter.Float("MyFloat", 1.5)).ToJson())!;
            definition["Parameters"]![0]!["DefaultValue"] = "abc";
            return definition.ToJsonString();
        }),
    ];

    /// <summary>
    /// A pipeline declaring <paramref name="parameter"/> and a probe reading it: the SDK's JSON is the declaration or the
    /// reference; the run gives it <paramref name="value"/> (null: its default) and the probe must receive the text SageMaker makes of it.
    /// </summary>
    private static Built ParameterCase(Parameter parameter, string? value, bool declaration = false)
    {
        var text = value ?? parameter.DefaultValue!.Text;
        var built = ProbeCase(parameter, System.Text.RegularExpressions.Regex.Escape(text), parameters: [parameter],
            arguments: value is null ? null : new Dictionary<string, string> { [parameter.Name] = value });
        return declaration ? built with { Fragment = "Parameters[0]" } : built;
    }
}
