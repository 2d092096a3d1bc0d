using System.Globalization;
using System.Text.RegularExpressions;
using MlPipeline.Scaffolder.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace MlPipeline.Scaffolder.Manifest;

/// <summary>Reads and checks a <c>template.yaml</c>.</summary>
internal static partial class ManifestLoader
{
    private static readonly IDeserializer Deserializer = new StaticDeserializerBuilder(new ManifestYamlContext())
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();

    /// <summary>Parses <paramref name="yaml"/>; every problem is collected in <paramref name="diagnostics"/>.</summary>
    /// <param name="yaml">The manifest's text.</param>
    /// <param name="path">Where it is, for messages.</param>
    /// <param name="version">The release the template belongs to (a manifest has no version of its own).</param>
    /// <param name="diagnostics">Receives every problem.</param>
    public static TemplateManifest? Load(string yaml, string path, TemplateVersion version, List<Diagnostic> diagnostics)
    {
        ManifestDocument? document;
        try
        {
            document = Deserializer.Deserialize<ManifestDocument>(yaml);
        }
        catch (YamlException e)
        {
            diagnostics.Add(Diagnostic.Error(Rules.ManifestInvalid, $"{path}:{e.Start.Line}", e.InnerException?.Message ?? e.Message));
            return null;
        }

        if (document is null)
        {
            diagnostics.Add(Diagnostic.Error(Rules.ManifestInvalid, path, "The manifest is empty."));
            return null;
        }

        var before = diagnostics.Count;
        var id = Required(document.Id, "id", path, diagnostics);
        var name = Required(document.Name, "name", path, diagnostics);
        var description = Required(document.Description, "description", path, diagnostics);
        var options = new List<OptionDefinition>();
        foreach (var option in document.Options ?? [])
        {
            var definition = LoadOption(option, path, diagnostics);
            if (definition is null)
            {
                continue;
            }

            if (options.Any(o => o.Name == definition.Name))
            {
                diagnostics.Add(Diagnostic.Error(Rules.ManifestOption, path, $"Option '{definition.Name}' is declared twice."));
            }

            options.Add(definition);
        }

        CheckRequirements(options, path, diagnostics);
        var files = new List<FileRule>();
        foreach (var rule in document.Files ?? [])
        {
            var glob = Required(rule.Glob, "files[].glob", path, diagnostics);
            files.Add(new FileRule { Glob = glob, When = rule.When, Verbatim = rule.Verbatim ?? false, Executable = rule.Executable ?? false });
        }

        var includes = new List<TemplateInclude>();
        foreach (var include in document.Includes ?? [])
        {
            var template = Required(include.Template, "includes[].template", path, diagnostics);
            var target = Required(include.Target, "includes[].target", path, diagnostics);
            includes.Add(new TemplateInclude { Template = template, Target = target.TrimEnd('/'), When = include.When });
        }

        if (diagnostics.Count > before)
        {
            return null;
        }

        return new TemplateManifest
        {
            Id = id,
            Name = name,
            Version = version,
            Description = description,
            Author = document.Author ?? "",
            ShortName = document.ShortName,
            Identity = document.Identity,
            Classifications = document.Classifications ?? [],
            Options = options,
            Files = files,
            Includes = includes,
        };
    }

    /// <summary>
    /// A choice's <c>requires</c> names other options of this manifest and values they can have, and says why: a user
    /// whose answers break it is told the reason and both ways out.
    /// </summary>
    private static void CheckRequirements(List<OptionDefinition> options, string path, List<Diagnostic> diagnostics)
    {
        foreach (var option in options)
        {
            foreach (var choice in option.Choices.Where(c => c.Requires.Count > 0))
            {
                var where = $"{path}: option '{option.Name}', choice '{choice.Value}'";
                if (string.IsNullOrWhiteSpace(choice.RequiresReason))
                {
                    diagnostics.Add(Diagnostic.Error(Rules.ManifestOption, where, "A choice that requires other options' values needs requires_reason: users are told why."));
                }

                foreach (var (name, value) in choice.Requires.SelectMany(r => r.Value.Select(v => (r.Key, v))))
                {
                    var other = options.FirstOrDefault(o => o.Name == name);
                    var valid = other?.Type switch
                    {
                        OptionType.Choice => other.Choices.Any(c => c.Value == value),
                        OptionType.Bool => value is "true" or "false",
                        _ => false,
                    };
                    if (other is null || other == option || !valid)
                    {
                        diagnostics.Add(Diagnostic.Error(Rules.ManifestOption, where,
                            $"requires {name}: {value}, which is not a value of another choice or bool option of this manifest."));
                    }
                }
            }
        }
    }

    /// <summary>A choice's <c>requires</c>: each option with the list of values any of which will do (<c>iac: [terraform, cloudformation]</c>).</summary>
    private static Dictionary<string, IReadOnlyList<string>> RequiredValues(ChoiceDocument choice, string where, List<Diagnostic> diagnostics)
    {
        var required = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (name, values) in choice.Requires ?? [])
        {
            if (values is not { Count: > 0 })
            {
                diagnostics.Add(Diagnostic.Error(Rules.ManifestOption, $"{where}, choice '{choice.Value}'",
                    $"requires {name} lists no value: name the values any of which will do, such as {name}: [terraform, cloudformation]."));
                continue;
            }

            required[name] = values;
        }

        return required;
    }

    private static OptionDefinition? LoadOption(OptionDocument option, string path, List<Diagnostic> diagnostics)
    {
        var where = $"{path}: option '{option.Name}'";
        if (option.Name is null || !OptionName().IsMatch(option.Name))
        {
            diagnostics.Add(Diagnostic.Error(Rules.ManifestOption, path, $"Option name '{option.Name}' must be snake_case: words of lowercase letters and digits joined by single underscores, starting with a letter (python_version)."));
            return null;
        }

        // By name only: Enum.TryParse would also take a number ("2" is Bool) and a list of names ("choice, bool" is Int).
        var typeName = Enum.GetNames<OptionType>().FirstOrDefault(n => string.Equals(n, option.Type, StringComparison.OrdinalIgnoreCase));
        if (typeName is null)
        {
            diagnostics.Add(Diagnostic.Error(Rules.ManifestOption, where, $"Type '{option.Type}' is not one of string, choice, bool, int."));
            return null;
        }

        var type = Enum.Parse<OptionType>(typeName);
        if (string.IsNullOrWhiteSpace(option.Description))
        {
            diagnostics.Add(Diagnostic.Error(Rules.ManifestOption, where, "Every option needs a description: users see it in --help."));
        }

        var choices = (option.Choices ?? []).Select(c => new ChoiceDefinition(c.Value ?? "", c.Description ?? "")
        {
            Requires = RequiredValues(c, where, diagnostics),
            RequiresReason = c.RequiresReason,
        }).ToList();
        if (type == OptionType.Choice && (choices.Count == 0 || choices.Any(c => c.Value.Length == 0 || c.Description.Length == 0)))
        {
            diagnostics.Add(Diagnostic.Error(Rules.ManifestOption, where, "A choice option needs choices, each with a value and a description."));
        }

        Regex? pattern = null;
        if (option.Pattern is not null)
        {
            try
            {
                pattern = new Regex(option.Pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException e)
            {
                diagnostics.Add(Diagnostic.Error(Rules.ManifestOption, where, $"Pattern is not a valid regular expression: {e.Message}"));
            }
        }

        if (option.Reserved is not null && !ReservedWords.IsKnownList(option.Reserved))
        {
            // Stryker disable once String : one list is known, so the separator never shows
            var known = string.Join(", ", ReservedWords.ListNames);
            diagnostics.Add(Diagnostic.Error(Rules.ManifestOption, where, $"Reserved word list '{option.Reserved}' is unknown; known: {known}."));
        }

        object? defaultValue = null;
        if (option.Default is not null)
        {
            defaultValue = type switch
            {
                OptionType.Bool => bool.TryParse(option.Default, out var b) ? b : null,
                OptionType.Int => long.TryParse(option.Default, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null,
                OptionType.Choice => choices.Any(c => c.Value == option.Default) ? option.Default : null,
                _ => option.Default,
            };
            if (defaultValue is null)
            {
                diagnostics.Add(Diagnostic.Error(Rules.ManifestOption, where, $"Default '{option.Default}' is not a valid {type.ToString().ToLowerInvariant()} value for this option."));
            }
        }

        return new OptionDefinition
        {
            Name = option.Name,
            Type = type,
            // Stryker disable once NullCoalescing,String : an option without a description is refused above, so this manifest is never returned
            Description = option.Description ?? "",
            Default = defaultValue,
            Choices = choices,
            Rule = new StringRule
            {
                Pattern = pattern,
                PatternDescription = option.PatternDescription,
                MinLength = option.MinLength ?? 0,
                MaxLength = option.MaxLength,
                Reserved = option.Reserved,
                AwsPrefix = option.AwsPrefix ?? false,
                SingleLine = option.SingleLine ?? false,
            },
            Min = option.Min,
            Max = option.Max,
            CommandLine = option.CommandLine ?? false,
            DotnetNew = option.DotnetNew ?? false,
        };
    }

    private static string Required(string? value, string key, string path, List<Diagnostic> diagnostics)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            diagnostics.Add(Diagnostic.Error(Rules.ManifestInvalid, path, $"'{key}' is required."));
            // Stryker disable once String : the finding makes Load return null, so the value is never used
            return "";
        }

        return value;
    }

    [GeneratedRegex("^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")]
    private static partial Regex OptionName();
}
