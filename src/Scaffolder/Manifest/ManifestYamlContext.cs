using YamlDotNet.Serialization;

namespace MlPipeline.Scaffolder.Manifest;

/// <summary>
/// The YAML shape of template.yaml, known at compile time (YamlDotNet's static generator writes the rest of this
/// class), so reading the manifests at every start of the tool does not pay for reflection.
/// </summary>
[YamlStaticContext]
[YamlSerializable(typeof(ManifestDocument))]
[YamlSerializable(typeof(OptionDocument))]
[YamlSerializable(typeof(ChoiceDocument))]
[YamlSerializable(typeof(FileRuleDocument))]
[YamlSerializable(typeof(IncludeDocument))]
public partial class ManifestYamlContext : StaticContext;
