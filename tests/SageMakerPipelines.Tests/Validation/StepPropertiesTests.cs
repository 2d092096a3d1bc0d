using MlPipeline.SageMakerPipelines.Tests.Fixtures;

namespace MlPipeline.SageMakerPipelines.Tests.Validation;

/// <summary>Step.Property: what later steps may read from a step, typed by its kind's Describe response.</summary>
public class StepPropertiesTests
{
    [Fact]
    public void Any_member_of_the_describe_response_is_a_typed_property()
    {
        var train = AbalonePipeline.Train(AbalonePipeline.Process());

        Assert.Equal("Steps.AbaloneTrain.CreationTime", train.Property("CreationTime").Path);
        Assert.Equal(PipelineValueType.Unknown, train.Property("CreationTime").ValueType);
        Assert.Equal(PipelineValueType.String, train.Property("OutputDataConfig.S3OutputPath").ValueType);
        Assert.Equal(PipelineValueType.Integer, train.Property("BillableTimeInSeconds").ValueType);
        Assert.Equal(PipelineValueType.Float, train.Property("FinalMetricDataList['val:acc'].Value").ValueType);
        Assert.Equal(PipelineValueType.String, train.Property("HyperParameters['eta']").ValueType);
        Assert.Equal(PipelineValueType.Boolean, new ConditionStep { Name = "c", Conditions = [] }.Property("Outcome").ValueType);
    }

    [Fact]
    public void A_path_the_step_kind_does_not_have_fails_where_it_is_written()
    {
        var train = AbalonePipeline.Train(AbalonePipeline.Process());

        var error = Assert.Throws<ArgumentException>(() => train.Property("ModelArtifacts.S3Uri"));
        Assert.Contains("'ModelArtifacts.S3Uri'", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => train.Property("ProcessingJobName"));
        Assert.Contains("fail step", Assert.Throws<ArgumentException>(() => new FailStep { Name = "f" }.Property("ErrorMessage")).Message, StringComparison.Ordinal);
    }
}
