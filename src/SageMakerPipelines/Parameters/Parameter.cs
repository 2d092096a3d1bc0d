namespace MlPipeline.SageMakerPipelines;

/// <summary>
/// A pipeline parameter: a named, typed value with a default that each execution may override.
/// Make one with <see cref="String"/>, <see cref="Integer"/>, <see cref="Float"/> or <see cref="Boolean"/>;
/// use it wherever a value goes (it converts to <c>{"Get": "Parameters.NAME"}</c>). Each factory returns a
/// <see cref="Parameter{T}"/>, so a parameter of one type is refused at compile time where a value of another goes.
/// </summary>
public abstract record Parameter
{
    private protected Parameter(string name, ParameterType type, PipelineLiteral? defaultValue, IReadOnlyList<string>? enumValues = null)
    {
        Name = name;
        Type = type;
        DefaultValue = defaultValue;
        EnumValues = enumValues;
    }

    /// <summary>The name, unique in the pipeline.</summary>
    public string Name { get; }

    /// <summary>The type.</summary>
    public ParameterType Type { get; }

    /// <summary>The value used when an execution gives none; null when it must be given.</summary>
    public PipelineLiteral? DefaultValue { get; }

    /// <summary>The values an execution may give a text parameter; null allows any.</summary>
    public IReadOnlyList<string>? EnumValues { get; }

    /// <summary>The reference to this parameter: <c>{"Get": "Parameters.NAME"}</c>.</summary>
    public PropertyReference Reference => new("Parameters." + Name, Type switch
    {
        ParameterType.Integer => PipelineValueType.Integer,
        ParameterType.Float => PipelineValueType.Float,
        ParameterType.Boolean => PipelineValueType.Boolean,
        _ => PipelineValueType.String,
    });

    /// <summary>A text parameter.</summary>
    /// <param name="name">The name.</param>
    /// <param name="defaultValue">The default, or null.</param>
    /// <param name="enumValues">The values an execution may give, or null for any.</param>
    /// <exception cref="ArgumentException">The default is not one of <paramref name="enumValues"/>.</exception>
    public static Parameter<string> String(string name, string? defaultValue = null, IReadOnlyList<string>? enumValues = null) =>
        enumValues is not null && defaultValue is not null && !enumValues.Contains(defaultValue)
            ? throw new ArgumentException($"Parameter '{name}': the default '{defaultValue}' is not one of its values {string.Join(", ", enumValues)}.", nameof(defaultValue))
            : new Parameter<string>(name, ParameterType.String, defaultValue is null ? null : new PipelineLiteral(defaultValue), enumValues);

    /// <summary>A whole-number parameter.</summary>
    /// <param name="name">The name.</param>
    /// <param name="defaultValue">The default, or null.</param>
    public static Parameter<long> Integer(string name, long? defaultValue = null) =>
        new Parameter<long>(name, ParameterType.Integer, defaultValue is null ? null : new PipelineLiteral(defaultValue.Value));

    /// <summary>A floating-point parameter.</summary>
    /// <param name="name">The name.</param>
    /// <param name="defaultValue">The default, or null.</param>
    public static Parameter<double> Float(string name, double? defaultValue = null) =>
        new Parameter<double>(name, ParameterType.Float, defaultValue is null ? null : new PipelineLiteral(defaultValue.Value));

    /// <summary>A boolean parameter.</summary>
    /// <param name="name">The name.</param>
    /// <param name="defaultValue">The default, or null.</param>
    public static Parameter<bool> Boolean(string name, bool? defaultValue = null) =>
        new Parameter<bool>(name, ParameterType.Boolean, defaultValue is null ? null : new PipelineLiteral(defaultValue.Value));

    /// <summary>The parameter's value in the pipeline.</summary>
    public static implicit operator PipelineValue(Parameter parameter) => parameter.Reference;
}
