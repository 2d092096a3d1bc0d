namespace MlPipeline.Scaffolder.Manifest;

// The shape of template.yaml as YamlDotNet reads it. ManifestLoader checks it and turns it into the
// immutable TemplateManifest; nothing else uses these classes.
#pragma warning disable CA1812 // instantiated by YamlDotNet
#pragma warning disable CA2227 // settable collections are how YamlDotNet fills them

internal sealed class ManifestDocument
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? Description { get; set; }
    public string? Author { get; set; }
    public string? ShortName { get; set; }
    public string? Identity { get; set; }
    public List<string>? Classifications { get; set; }
    public List<OptionDocument>? Options { get; set; }
    public List<FileRuleDocument>? Files { get; set; }
    public List<IncludeDocument>? Includes { get; set; }
}

internal sealed class OptionDocument
{
    public string? Name { get; set; }
    public string? Type { get; set; }
    public string? Description { get; set; }
    public string? Default { get; set; }
    public List<ChoiceDocument>? Choices { get; set; }
    public string? Pattern { get; set; }
    public string? PatternDescription { get; set; }
    public int? MinLength { get; set; }
    public int? MaxLength { get; set; }
    public string? Reserved { get; set; }
    public bool? AwsPrefix { get; set; }
    public bool? SingleLine { get; set; }
    public long? Min { get; set; }
    public long? Max { get; set; }
    public bool? CommandLine { get; set; }
    public bool? DotnetNew { get; set; }
}

internal sealed class ChoiceDocument
{
    public string? Value { get; set; }
    public string? Description { get; set; }
    /// <summary>Option name → the values any of which will do (a list, even of one).</summary>
    public Dictionary<string, List<string>>? Requires { get; set; }
    public string? RequiresReason { get; set; }
}

internal sealed class FileRuleDocument
{
    public string? Glob { get; set; }
    public string? When { get; set; }
    public bool? Verbatim { get; set; }
    public bool? Executable { get; set; }
}

internal sealed class IncludeDocument
{
    public string? Template { get; set; }
    public string? Target { get; set; }
    public string? When { get; set; }
}
