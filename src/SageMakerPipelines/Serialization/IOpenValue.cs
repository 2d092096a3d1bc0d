namespace MlPipeline.SageMakerPipelines.Serialization;

/// <summary>An AWS string value with known members and room for new ones.</summary>
/// <typeparam name="TSelf">The open enum type.</typeparam>
public interface IOpenValue<TSelf>
    where TSelf : struct, IOpenValue<TSelf>
{
    /// <summary>The value as the API spells it.</summary>
    string Value { get; }

    /// <summary>Makes a value from its text.</summary>
    /// <param name="value">The value as the API spells it.</param>
    static abstract TSelf Create(string value);
}
