namespace MlPipeline.Scaffolder.Rendering;

/// <summary>
/// The answer of a free-text option inside a template. It cannot be written out as it is: a template must
/// pass it through the escaping function of the file's format (<c>yaml.quote</c>, <c>json.quote</c>,
/// <c>hcl.quote</c>, <c>py.quote</c>, <c>cs.quote</c>, <c>xml.escape</c>, <c>md.escape</c>), and the renderer
/// stops with an error naming the file and line where one reaches the output raw.
/// </summary>
internal sealed record FreeText(string Option, string Value);
