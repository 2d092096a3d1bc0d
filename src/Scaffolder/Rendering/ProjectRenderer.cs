using System.Text;
using MlPipeline.Scaffolder.Diagnostics;
using MlPipeline.Scaffolder.Spec;
using MlPipeline.Scaffolder.Templates;
using Scriban;
using Scriban.Parsing;
using Scriban.Syntax;

namespace MlPipeline.Scaffolder.Rendering;

/// <summary>
/// Renders a template and the templates it includes into a <see cref="GeneratedTree"/>. Pure: it reads
/// only the catalog and the spec and touches no file. Every problem is a diagnostic with a file and line.
/// </summary>
internal sealed class ProjectRenderer(TemplateCatalog catalog)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Renders <paramref name="spec"/>; the tree is null when any error was found.</summary>
    public GeneratedTree? Render(ProjectSpec spec, List<Diagnostic> diagnostics) =>
        Render(spec, NameForms.Compute(spec.Name), diagnostics);

    /// <summary>Renders with given name forms (the template pack renders with placeholder forms).</summary>
    public GeneratedTree? Render(ProjectSpec spec, IReadOnlyDictionary<string, string> nameForms, List<Diagnostic> diagnostics)
    {
        var before = diagnostics.Count;
        var root = catalog[spec.TemplateId];
        var context = new StrictTemplateContext();
        context.PushGlobal(TemplateGlobals.Create(root.Manifest, spec, nameForms));

        var files = new List<(GeneratedFile File, string Source)>();
        RenderRoot(root, "", context, files, diagnostics, [root.Manifest.Id]);

        foreach (var group in files.GroupBy(f => f.File.Path, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            diagnostics.Add(Diagnostic.Error(Rules.DuplicateOutputPath, group.Key,
                $"Rendered by more than one template file: {string.Join(", ", group.Select(f => f.Source))}."));
        }

        return diagnostics.Count > before ? null : new GeneratedTree(files.Select(f => f.File));
    }

    private void RenderRoot(
        TemplateRoot root, string target, TemplateContext context,
        List<(GeneratedFile, string)> files, List<Diagnostic> diagnostics, IReadOnlyList<string> chain)
    {
        var manifestPath = $"{root.Folder}/{TemplateCatalog.ManifestFileName}";
        var rules = root.Manifest.Files.Select(rule => (Rule: rule, Glob: new Glob(rule.Glob))).ToList();
        foreach (var (path, bytes) in root.Content.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var source = $"{root.Folder}/{TemplateCatalog.ContentFolder}{path}";
            var matching = rules.Where(r => r.Glob.IsMatch(path)).Select(r => r.Rule).ToList();
            if (!matching.All(rule => Holds(root, rule.When, manifestPath, context, diagnostics)))
            {
                continue;
            }

            var outputPath = RenderText(root, "path:" + path, path, source, context, diagnostics);
            if (outputPath is null || !IsValidOutputPath(outputPath, source, diagnostics))
            {
                continue;
            }

            byte[]? content = bytes;
            if (!matching.Any(rule => rule.Verbatim))
            {
                var text = Decode(bytes, source, diagnostics);
                var rendered = text is null ? null : RenderText(root, path, text, source, context, diagnostics);
                content = rendered is null ? null : StrictUtf8.GetBytes(rendered);
            }

            if (content is not null)
            {
                var fullPath = target.Length == 0 ? outputPath : $"{target}/{outputPath}";
                files.Add((new GeneratedFile(fullPath, content, matching.Any(rule => rule.Executable)), source));
            }
        }

        foreach (var include in root.Manifest.Includes)
        {
            if (!Holds(root, include.When, manifestPath, context, diagnostics))
            {
                continue;
            }

            if (chain.Contains(include.Template))
            {
                diagnostics.Add(Diagnostic.Error(Rules.ManifestInclude, manifestPath,
                    $"Template includes form a cycle: {string.Join(" -> ", chain)} -> {include.Template}."));
                continue;
            }

            var included = catalog[include.Template];
            var nestedTarget = target.Length == 0 ? include.Target : $"{target}/{include.Target}";
            RenderRoot(included, nestedTarget, context, files, diagnostics, [.. chain, include.Template]);
        }
    }

    private static bool Holds(TemplateRoot root, string? expression, string manifestPath, TemplateContext context, List<Diagnostic> diagnostics)
    {
        if (expression is null)
        {
            return true;
        }

        var template = root.Parse("when:" + expression, () =>
            Template.Parse(expression, manifestPath, lexerOptions: new LexerOptions { Mode = ScriptMode.ScriptOnly }));
        if (template.HasErrors)
        {
            diagnostics.Add(Diagnostic.Error(Rules.RuleExpression, manifestPath,
                $"Condition '{expression}' does not parse: {string.Join("; ", template.Messages.Select(m => m.Message))}"));
            return false;
        }

        try
        {
            if (template.Evaluate(context) is bool result)
            {
                return result;
            }

            diagnostics.Add(Diagnostic.Error(Rules.RuleExpression, manifestPath, $"Condition '{expression}' is not true or false."));
        }
        catch (ScriptRuntimeException e)
        {
            diagnostics.Add(Diagnostic.Error(Rules.RuleExpression, manifestPath, $"Condition '{expression}' fails: {e.OriginalMessage}"));
        }

        return false;
    }

    private static string? RenderText(TemplateRoot root, string key, string text, string source, TemplateContext context, List<Diagnostic> diagnostics)
    {
        if (key.StartsWith("path:", StringComparison.Ordinal) && !text.Contains("{{", StringComparison.Ordinal))
        {
            return text;
        }

        var template = root.Parse(key, () => Template.Parse(text, source));
        if (template.HasErrors)
        {
            foreach (var message in template.Messages)
            {
                diagnostics.Add(Diagnostic.Error(Rules.TemplateSyntax, Where(message.Span), message.Message));
            }

            return null;
        }

        // Each file gets its own output and its own scope for variables it assigns.
        context.PushOutput();
        context.PushGlobal(new Scriban.Runtime.ScriptObject());
        try
        {
            return template.Render(context);
        }
        catch (ScriptRuntimeException e)
        {
            diagnostics.Add(Diagnostic.Error(Rules.TemplateRuntime, Where(e.Span), e.OriginalMessage));
            return null;
        }
        finally
        {
            context.PopGlobal();
            context.PopOutput();
        }
    }

    private static string Where(SourceSpan span) => $"{span.FileName}:{span.Start.Line + 1}";

    private static string? Decode(byte[] bytes, string source, List<Diagnostic> diagnostics)
    {
        try
        {
            // Templates are LF; a CRLF checkout must not change the output.
            return StrictUtf8.GetString(bytes).Replace("\r\n", "\n", StringComparison.Ordinal);
        }
        catch (DecoderFallbackException)
        {
            diagnostics.Add(Diagnostic.Error(Rules.TemplateSyntax, source,
                "The file is not UTF-8 text; mark it `verbatim: true` in template.yaml if it is binary."));
            return null;
        }
    }

    private static bool IsValidOutputPath(string path, string source, List<Diagnostic> diagnostics)
    {
        var segments = path.Split('/');
        var bad = segments.FirstOrDefault(s =>
            s.Length == 0 || s is "." or ".." || s.Any(c => char.IsControl(c) || "\\<>:\"|?*".Contains(c, StringComparison.Ordinal)));
        if (bad is null)
        {
            return true;
        }

        diagnostics.Add(Diagnostic.Error(Rules.InvalidOutputPath, source,
            $"Renders the path {Text.Display.Quote(path)}, whose segment {Text.Display.Quote(bad)} is empty, '.', '..' or has a character no file system takes."));
        return false;
    }
}
