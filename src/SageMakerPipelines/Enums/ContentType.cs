using System.Text.Json.Serialization;
using MlPipeline.SageMakerPipelines.Serialization;

namespace MlPipeline.SageMakerPipelines;

/// <summary>A MIME type of data or predictions.</summary>
/// <param name="Value">The value as the API spells it.</param>
[JsonConverter(typeof(OpenValueConverter<ContentType>))]
public readonly record struct ContentType(string Value) : IOpenValue<ContentType>
{
    /// <summary><c>text/csv</c>.</summary>
    public static ContentType TextCsv { get; } = new("text/csv");

    /// <summary><c>application/json</c>.</summary>
    public static ContentType ApplicationJson { get; } = new("application/json");

    /// <summary><c>application/jsonlines</c>.</summary>
    public static ContentType ApplicationJsonLines { get; } = new("application/jsonlines");

    /// <summary><c>application/x-parquet</c>.</summary>
    public static ContentType ApplicationXParquet { get; } = new("application/x-parquet");

    /// <summary><c>application/x-recordio</c>.</summary>
    public static ContentType ApplicationXRecordio { get; } = new("application/x-recordio");

    /// <summary><c>text/libsvm</c>.</summary>
    public static ContentType TextLibsvm { get; } = new("text/libsvm");

    /// <inheritdoc />
    static ContentType IOpenValue<ContentType>.Create(string value) => new(value);

    /// <summary>The value as a pipeline literal, so it can stand where a parameter could too.</summary>
    public static implicit operator PipelineValue(ContentType value) => value.Value;

    /// <summary>The value as a pipeline literal, so it can stand where a parameter could too.</summary>
    public static implicit operator PipelineValue<string>(ContentType value) => value.Value;

    /// <summary>The value as the API spells it.</summary>
    public override string ToString() => Value;
}
