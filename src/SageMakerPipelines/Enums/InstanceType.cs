using System.Text.Json.Serialization;
using MlPipeline.SageMakerPipelines.Serialization;

namespace MlPipeline.SageMakerPipelines;

/// <summary>An EC2 instance type for SageMaker jobs and endpoints. Known values are listed; any other works too, so a new type needs no new release.</summary>
/// <param name="Value">The value as the API spells it.</param>
[JsonConverter(typeof(OpenValueConverter<InstanceType>))]
public readonly record struct InstanceType(string Value) : IOpenValue<InstanceType>
{
    /// <summary><c>ml.t3.medium</c>.</summary>
    public static InstanceType MlT3Medium { get; } = new("ml.t3.medium");

    /// <summary><c>ml.m5.large</c>.</summary>
    public static InstanceType MlM5Large { get; } = new("ml.m5.large");

    /// <summary><c>ml.m5.xlarge</c>.</summary>
    public static InstanceType MlM5Xlarge { get; } = new("ml.m5.xlarge");

    /// <summary><c>ml.m5.2xlarge</c>.</summary>
    public static InstanceType MlM52xlarge { get; } = new("ml.m5.2xlarge");

    /// <summary><c>ml.m5.4xlarge</c>.</summary>
    public static InstanceType MlM54xlarge { get; } = new("ml.m5.4xlarge");

    /// <summary><c>ml.c5.xlarge</c>.</summary>
    public static InstanceType MlC5Xlarge { get; } = new("ml.c5.xlarge");

    /// <summary><c>ml.c5.2xlarge</c>.</summary>
    public static InstanceType MlC52xlarge { get; } = new("ml.c5.2xlarge");

    /// <summary><c>ml.g4dn.xlarge</c>.</summary>
    public static InstanceType MlG4dnXlarge { get; } = new("ml.g4dn.xlarge");

    /// <summary><c>ml.p3.2xlarge</c>.</summary>
    public static InstanceType MlP32xlarge { get; } = new("ml.p3.2xlarge");

    /// <inheritdoc />
    static InstanceType IOpenValue<InstanceType>.Create(string value) => new(value);

    /// <summary>The value as a pipeline literal, so it can stand where a parameter could too.</summary>
    public static implicit operator PipelineValue(InstanceType value) => value.Value;

    /// <summary>The value as a pipeline literal, so it can stand where a parameter could too.</summary>
    public static implicit operator PipelineValue<string>(InstanceType value) => value.Value;

    /// <summary>The value as the API spells it.</summary>
    public override string ToString() => Value;
}
