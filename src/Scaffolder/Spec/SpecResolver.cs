using System.Globalization;
using MlPipeline.Scaffolder.Diagnostics;
using MlPipeline.Scaffolder.Manifest;
using MlPipeline.Scaffolder.Text;

namespace MlPipeline.Scaffolder.Spec;

/// <summary>
/// Combines the answer layers into a checked <see cref="ProjectSpec"/>. Every problem in every layer is
/// reported at once, so a user fixes a spec in one pass.
/// </summary>
internal static class SpecResolver
{
    /// <param name="manifest">The template the spec is for.</param>
    /// <param name="file">The spec file, if one was given; its template id and version are checked (its answers are one of the layers).</param>
    /// <param name="layers">Answer layers from lowest to highest precedence.</param>
    /// <param name="diagnostics">Receives every problem.</param>
    public static ProjectSpec? Resolve(TemplateManifest manifest, SpecFile? file, IReadOnlyList<SpecLayer> layers, List<Diagnostic> diagnostics)
    {
        var before = diagnostics.Count;
        if (file is not null)
        {
            CheckTemplate(manifest, file, diagnostics);
        }

        var merged = new Dictionary<string, RawAnswer>(StringComparer.Ordinal);
        foreach (var answer in layers.SelectMany(layer => layer.Answers))
        {
            if (manifest.FindOption(answer.Option) is null)
            {
                var suggestion = Display.Suggest(answer.Option, manifest.Options.Select(o => o.Name));
                diagnostics.Add(Diagnostic.Error(Rules.UnknownOption, answer.Source,
                    $"Unknown option {Display.Quote(answer.Option)}"
                    + (suggestion is null ? "" : $" (did you mean '{suggestion}'?)")
                    + "; `mlpipeline options` lists them all."));
                // Stryker disable once Statement : only the manifest's options are read from merged, so an unknown one there is never used
                continue;
            }

            merged[answer.Option] = answer;
        }

        var answers = new List<KeyValuePair<string, object>>();
        foreach (var option in manifest.Options)
        {
            // One assignment of value, not one per branch: Stryker cannot compile its mutants of a method whose local
            // is assigned only in blocks it may empty, and would leave the whole method untested.
            var raw = merged.GetValueOrDefault(option.Name);
            if (raw is null && option.Default is null)
            {
                diagnostics.Add(Diagnostic.Error(Rules.MissingValue, "options." + option.Name,
                    $"'{option.Name}' has no value and no default; give it with {option.CommandLineName} VALUE or --set {option.Name}=VALUE."));
                // Stryker disable once Statement : without it the value is the missing default, null, which is not added either
                continue;
            }

            var value = raw is null ? option.Default : OptionValidator.Convert(option, raw, diagnostics);
            if (value is not null)
            {
                answers.Add(new(option.Name, value));
            }
        }

        CheckRequirements(manifest, answers, merged, diagnostics);

        // Stryker disable once Conditional : SpecRequest, the one caller, refuses the spec on any error of its own accord
        return diagnostics.Count > before
            ? null
            : new ProjectSpec { TemplateId = manifest.Id, TemplateVersion = manifest.Version, Answers = answers };
    }

    /// <summary>A chosen value whose choice requires other options' values (<see cref="ChoiceDefinition.Requires"/>) that these answers do not have.</summary>
    private static void CheckRequirements(TemplateManifest manifest, List<KeyValuePair<string, object>> answers, Dictionary<string, RawAnswer> given, List<Diagnostic> diagnostics)
    {
        var values = answers.ToDictionary(a => a.Key, a => Convert.ToString(a.Value, CultureInfo.InvariantCulture)!.ToLowerInvariant(), StringComparer.Ordinal);
        foreach (var option in manifest.Options)
        {
            var choice = option.Choices.FirstOrDefault(c => values.GetValueOrDefault(option.Name) == c.Value);
            foreach (var (name, required, actual) in choice?.Unmet(values.GetValueOrDefault) ?? [])
            {
                var other = manifest.FindOption(name)!;
                diagnostics.Add(Diagnostic.Error(Rules.OptionsConflict, given.GetValueOrDefault(option.Name)?.Where ?? "options." + option.Name,
                    $"{option.Name} '{choice!.Value}' needs {name} {string.Join(" or ", required.Select(r => $"'{r}'"))}, not '{actual}': {choice.RequiresReason} "
                    + $"Choose {string.Join(" or ", required.Select(r => $"{other.CommandLineName} {r}"))}, or {option.CommandLineName} "
                    + $"{string.Join(" or ", option.Choices.Where(c => c != choice).Select(c => c.Value))}."));
            }
        }
    }

    private static void CheckTemplate(TemplateManifest manifest, SpecFile file, List<Diagnostic> diagnostics)
    {
        var where = file.FileName;
        if (file.TemplateId is not null && file.TemplateId != manifest.Id)
        {
            diagnostics.Add(Diagnostic.Error(Rules.WrongTemplate, where,
                $"The spec is for template {Display.Quote(file.TemplateId)}, not '{manifest.Id}'."));
        }

        if (file.TemplateVersion is null)
        {
            return;
        }

        if (!TemplateVersion.TryParse(file.TemplateVersion, out var version))
        {
            diagnostics.Add(Diagnostic.Error(Rules.TemplateVersion, where,
                $"template_version {Display.Quote(file.TemplateVersion)} is not major.minor.patch."));
        }
        else if (version.Value > manifest.Version)
        {
            diagnostics.Add(Diagnostic.Error(Rules.TemplateVersion, where,
                $"The spec was written by template version {version}, newer than this generator's {manifest.Version}; update mlpipeline (dotnet tool update --global MlPipeline)."));
        }
    }
}
