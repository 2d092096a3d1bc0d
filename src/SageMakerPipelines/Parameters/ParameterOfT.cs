namespace MlPipeline.SageMakerPipelines;

/// <summary>
/// A pipeline parameter whose values are of type <typeparamref name="T"/> (<see cref="string"/>, <see cref="long"/>,
/// <see cref="double"/> or <see cref="bool"/>). It converts to <see cref="PipelineValue{T}"/> of its own type only, so
/// <c>InstanceCount = Parameter.String(...)</c> does not compile. Made by <see cref="Parameter.String"/>,
/// <see cref="Parameter.Integer"/>, <see cref="Parameter.Float"/> and <see cref="Parameter.Boolean"/>.
/// </summary>
/// <typeparam name="T">The type of the parameter's values.</typeparam>
public sealed record Parameter<T> : Parameter
{
    internal Parameter(string name, ParameterType type, PipelineLiteral? defaultValue, IReadOnlyList<string>? enumValues = null)
        : base(name, type, defaultValue, enumValues)
    {
    }

    /// <summary>The parameter's value in the pipeline, typed.</summary>
    public PipelineValue<T> Value => new(Reference);
}
