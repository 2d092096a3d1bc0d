namespace MlPipeline.Scaffolder.Manifest;

/// <summary>One allowed value of a choice option and what it means.</summary>
internal sealed record ChoiceDefinition(string Value, string Description);
