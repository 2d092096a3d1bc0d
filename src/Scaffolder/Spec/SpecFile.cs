using MlPipeline.Scaffolder.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MlPipeline.Scaffolder.Spec;

/// <summary>
/// A spec file (<c>mlpipeline.yaml</c>) as written: the template it is for, the template version it was made
/// with and the answers. Only its shape is checked here; <see cref="SpecResolver"/> checks the answers.
/// </summary>
internal sealed record SpecFile(string? TemplateId, string? TemplateVersion, SpecLayer Answers)
{
    public const string TemplateKey = "template";
    public const string TemplateVersionKey = "template_version";
    public const string OptionsKey = "options";

    private static readonly string[] TopLevelKeys = [TemplateKey, TemplateVersionKey, OptionsKey];

    /// <summary>Reads and parses a spec file; a file that cannot be read is a diagnostic, not an exception.</summary>
    public static SpecFile? Load(string path, List<Diagnostic> diagnostics)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(Diagnostic.Error(Rules.SpecFileUnreadable, path, $"Cannot read the spec file: {e.Message}"));
            return null;
        }

        return Parse(text, Path.GetFileName(path), diagnostics);
    }

    public static SpecFile? Parse(string yaml, string fileName, List<Diagnostic> diagnostics)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            var reason = e.InnerException?.Message ?? e.Message;
            diagnostics.Add(Diagnostic.Error(Rules.SpecNotYaml, $"{fileName}:{e.Start.Line}", $"Not valid YAML: {reason}"));
            return null;
        }

        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            diagnostics.Add(Diagnostic.Error(Rules.SpecShape, fileName,
                "A spec is one YAML mapping with the keys 'template', 'template_version' and 'options'."));
            return null;
        }

        string? templateId = null;
        string? templateVersion = null;
        var answers = new List<RawAnswer>();
        foreach (var (keyNode, valueNode) in root.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            var where = $"{fileName}:{keyNode.Start.Line}";
            switch (key)
            {
                case TemplateKey:
                    templateId = Scalar(valueNode, key, where, diagnostics);
                    break;
                case TemplateVersionKey:
                    templateVersion = Scalar(valueNode, key, where, diagnostics);
                    break;
                case OptionsKey when valueNode is YamlMappingNode options:
                    foreach (var (optionKey, optionValue) in options.Children)
                    {
                        var scalar = optionValue as YamlScalarNode;
                        var isNull = scalar is { Style: ScalarStyle.Plain, Value: "" or "~" or "null" or "Null" or "NULL" };
                        answers.Add(new RawAnswer(
                            (optionKey as YamlScalarNode)?.Value ?? "",
                            isNull ? null : scalar?.Value,
                            $"{fileName}:{optionKey.Start.Line}",
                            IsScalar: scalar is not null));
                    }

                    break;
                case OptionsKey:
                    diagnostics.Add(Diagnostic.Error(Rules.SpecShape, where, "'options' must be a mapping of option names to values."));
                    break;
                default:
                    var suggestion = Text.Display.Suggest(key, TopLevelKeys);
                    diagnostics.Add(Diagnostic.Error(Rules.UnknownSpecKey, where,
                        $"Unknown key {Text.Display.Quote(key)}; a spec has only {string.Join(", ", TopLevelKeys)}"
                        + (suggestion is null ? "." : $" (did you mean '{suggestion}'?).")));
                    break;
            }
        }

        return new SpecFile(templateId, templateVersion, new SpecLayer(fileName, answers));
    }

    private static string? Scalar(YamlNode node, string key, string where, List<Diagnostic> diagnostics)
    {
        if (node is YamlScalarNode { Value: { Length: > 0 } value })
        {
            return value;
        }

        diagnostics.Add(Diagnostic.Error(Rules.SpecShape, where, $"'{key}' must be a single text value."));
        return null;
    }
}
