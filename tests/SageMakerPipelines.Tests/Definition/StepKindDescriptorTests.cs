using System.Text.Json.Nodes;
using MlPipeline.SageMakerPipelines.Definition;
using MlPipeline.SageMakerPipelines.Tests.Fixtures;
using MlPipeline.SageMakerPipelines.Validation;

namespace MlPipeline.SageMakerPipelines.Tests.Definition;

/// <summary>The step kinds' descriptors: what the writer, the validator and the typed accessors take from them.</summary>
public class StepKindDescriptorTests
{
    [Fact]
    public void Each_kind_has_one_descriptor_named_as_the_writer_spells_its_type()
    {
        Assert.Equal(StepKinds.All.Count, StepKinds.All.Select(k => k.Kind).Distinct().Count());
        Assert.All(StepKinds.All, k => Assert.Equal(k.Kind.ToString(), k.TypeName));
        Assert.All(StepKinds.All, k => Assert.Same(k, StepKinds.Of(k.TypeName)));
        Assert.All(StepKinds.All, k => Assert.NotNull(k.RunLocally));
        var written = Definitions().SelectMany(d => new DefinitionDocument(d).Steps).Select(s => s.TypeName).Distinct();
        Assert.Equal(StepKinds.All.Select(k => k.TypeName).Order(), written.Order());
    }

    [Fact]
    public void Every_property_the_typed_accessors_produce_is_a_member_of_its_kind_s_response()
    {
        var process = AbalonePipeline.Process();
        var train = AbalonePipeline.Train(process);
        var branches = EveryStepKindPipeline.Create().Steps.Concat(AbalonePipeline.Create().Steps).OfType<ConditionStep>().SelectMany(c => c.IfSteps).ToList();
        var tune = branches.OfType<TuningStep>().Single();
        var model = branches.OfType<CreateModelStep>().Single();
        var transform = branches.OfType<TransformStep>().Single();
        var register = branches.OfType<RegisterModelStep>().First();
        var check = new ConditionStep { Name = "c", Conditions = [] };
        var references = new (Step Step, PipelineValue Value)[]
        {
            (process, process.OutputS3Uri("train")),
            (train, train.ModelArtifacts),
            (train, train.FinalMetric("validation:rmse")),
            (tune, tune.TopModelArtifacts(0, "bucket", "prefix")),
            (tune, tune.TopModelArtifacts(1, "s3://bucket/tuning")),
            (model, model.ModelName),
            (register, register.ModelPackageArn),
            (transform, transform.OutputS3Path),
            (check, check.Outcome),
        };

        Assert.Equal(StepKinds.All.Count(k => k.Properties.Count > 0), references.Select(r => r.Step.StepType).Distinct().Count());
        foreach (var (step, value) in references)
        {
            var properties = PropertiesIn(value).ToList();
            Assert.NotEmpty(properties);
            foreach (var property in properties)
            {
                var path = property.Path[$"Steps.{step.Name}.".Length..];
                var type = StepKinds.Of(step.StepType).PropertyType(path);
                Assert.True(type is not null, $"{step.StepType}: {path}");
                Assert.Equal(ServiceModel.ValueType(type), property.ValueType);
            }
        }
    }

    [Fact]
    public void The_validator_accepts_every_property_of_every_kind_in_real_definitions()
    {
        foreach (var definition in Definitions())
        {
            var gets = new JsonArray();
            foreach (var step in new DefinitionDocument(definition).Steps)
            {
                foreach (var path in step.Descriptor.Properties.Keys)
                {
                    // An output by its name, a list item by its index, a map value by its key.
                    var written = path.Replace("ProcessingOutputConfig.Outputs[*]", $"ProcessingOutputConfig.Outputs['{(step.OutputNames.Count > 0 ? step.OutputNames[0] : "")}']", StringComparison.Ordinal)
                        .Replace("[*]", "[0]", StringComparison.Ordinal);
                    gets.Add(new JsonObject { ["Get"] = $"Steps.{step.Name}.{written}" });
                }
            }

            var findings = ValidateWithProbe(definition, gets);

            Assert.True(gets.Count > 500, $"{gets.Count} references");
            Assert.DoesNotContain(findings, f => f.Code is ValidationRules.UnknownProperty or ValidationRules.UnknownStep);
        }
    }

    [Theory]
    [InlineData("AbaloneProcess", "ProcessingOutputConfig.Outputs['nowhere'].S3Output.S3Uri", "Step 'AbaloneProcess' has no output 'nowhere'; its outputs are: train, validation, test.")]
    [InlineData("AbaloneProcess", "ModelArtifacts.S3ModelArtifacts", "A Processing step has no property 'ModelArtifacts.S3ModelArtifacts' (its properties are the members of SageMaker's Describe response for it).")]
    [InlineData("AbaloneTrain", "ModelArtifacts.S3Uri", "A Training step has no property 'ModelArtifacts.S3Uri' (its properties are the members of SageMaker's Describe response for it).")]
    [InlineData("AbaloneTrain", "FinalMetricDataList['rmse'].Score", "A Training step has no property 'FinalMetricDataList['rmse'].Score' (its properties are the members of SageMaker's Describe response for it).")]
    [InlineData("Tune", "NextToken", "A Tuning step has no property 'NextToken' (its properties are the members of SageMaker's Describe response for it).")]
    [InlineData("CreateModel", "TrainingJobName", "A Model step has no property 'TrainingJobName' (its properties are the members of SageMaker's Describe response for it).")]
    [InlineData("BatchTransform", "TransformOutput.S3Uri", "A Transform step has no property 'TransformOutput.S3Uri' (its properties are the members of SageMaker's Describe response for it).")]
    [InlineData("AbaloneRegisterModel", "ModelPackageArn.Version", "A RegisterModel step has no property 'ModelPackageArn.Version' (its properties are the members of SageMaker's Describe response for it).")]
    [InlineData("Check", "Result", "A Condition step has no property 'Result' (its properties are the members of SageMaker's Describe response for it).")]
    [InlineData("Stop", "ErrorMessage", "Step 'Stop' is a fail step: it ends the execution and has no properties for later steps.")]
    public void The_validator_refuses_a_property_the_kind_does_not_have(string step, string path, string message)
    {
        var definition = Definitions().First(d => new DefinitionDocument(d).ByName.ContainsKey(step));

        var findings = ValidateWithProbe(definition, [new JsonObject { ["Get"] = $"Steps.{step}.{path}" }]);
        var probe = definition["Steps"]!.AsArray().Count - 1;

        var finding = Assert.Single(findings, f => f.Code == ValidationRules.UnknownProperty);
        Assert.Equal(message, finding.Message);
        Assert.Equal($"Steps[{probe}].Arguments.ErrorMessage.Std:Join.Values[0]", finding.Path);
    }

    private static JsonObject[] Definitions() =>
        [JsonNode.Parse(EveryStepKindPipeline.Create().ToJson())!.AsObject(), JsonNode.Parse(AbalonePipeline.Create().ToJson())!.AsObject()];

    /// <summary>Validates the definition with one more (fail) step at the end whose message joins <paramref name="gets"/>.</summary>
    private static IReadOnlyList<ValidationFinding> ValidateWithProbe(JsonObject definition, JsonArray gets)
    {
        definition["Steps"]!.AsArray().Add(new JsonObject
        {
            ["Name"] = "Probe",
            ["Type"] = "Fail",
            ["Arguments"] = new JsonObject { ["ErrorMessage"] = new JsonObject { ["Std:Join"] = new JsonObject { ["On"] = " ", ["Values"] = gets } } },
        });
        return PipelineValidator.Validate(definition.ToJsonString());
    }

    private static IEnumerable<PropertyReference> PropertiesIn(PipelineValue value) => value switch
    {
        PropertyReference reference => [reference],
        JoinFunction join => join.Values.SelectMany(PropertiesIn),
        _ => [],
    };
}
