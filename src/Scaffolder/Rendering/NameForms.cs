using System.Globalization;
using System.Text.RegularExpressions;
using MlPipeline.Scaffolder.Manifest;

namespace MlPipeline.Scaffolder.Rendering;

/// <summary>
/// The forms of the project name templates use (<c>project.pascal</c>, <c>project.kebab</c>, …).
/// Each form is a chain of steps that the <c>dotnet new</c> engine also has (regex replace, lower case,
/// first letter upper or lower case), so the template pack can declare the same forms and both tools
/// derive the same text from any name.
/// </summary>
internal static class NameForms
{
    /// <summary>The forms in a fixed order; <c>name</c> is the name as given. Built on each use, as <see cref="Sanitize"/> is (a few objects).</summary>
    public static IReadOnlyList<NameForm> All =>
    [
        new("name", "the name as given: Acme.Churn-Model", []),
        new("namespace", "a C# namespace: Acme.ChurnModel (hyphens dropped, a digit after a dot gets an underscore)", [NameStep.Replace("-", ""), NameStep.Replace(@"\.(?=[0-9])", "._")]),
        new("identifier", "a C# identifier: Acme_Churn_Model", [NameStep.Replace(@"[.\-]", "_")]),
        new("pascal", "PascalCase without separators: AcmeChurnModel", [NameStep.Replace(@"[.\-]", ""), NameStep.FirstUpper()]),
        new("camel", "camelCase without separators: acmeChurnModel", [NameStep.Replace(@"[.\-]", ""), NameStep.FirstLower()]),
        new("kebab", "lower-case words joined by hyphens: acme-churn-model", [NameStep.Replace("(?<=[a-z0-9])(?=[A-Z])", "-"), NameStep.Replace(@"[.\-]+", "-"), NameStep.Lower()]),
        new("snake", "lower-case words joined by underscores: acme_churn_model", [NameStep.Replace("(?<=[a-z0-9])(?=[A-Z])", "_"), NameStep.Replace(@"[.\-]+", "_"), NameStep.Lower()]),
        new("lower", "the name in lower case: acme.churn-model", [NameStep.Lower()]),
        new("resource", "a prefix for AWS resource names: acme-churn-model (kebab case cut to 20 characters, no trailing hyphen)", [NameStep.Replace("(?<=[a-z0-9])(?=[A-Z])", "-"), NameStep.Replace(@"[.\-]+", "-"), NameStep.Lower(), NameStep.Replace("^(.{20}).+$", "$1"), NameStep.Replace("-+$", "")]),
    ];

    /// <summary>
    /// Steps that turn any text into a name the <c>name</c> option accepts and leave an accepted name as it is.
    /// The generator refuses a bad name with a message; <c>dotnet new</c> cannot refuse, so the template pack
    /// runs these first: <c>My Churn</c> becomes <c>My-Churn</c>, <c>2fast</c> <c>fast</c>, <c>Café</c> <c>Caf</c>,
    /// <c>../x</c> <c>x</c>, <c>class</c> <c>Class</c>, <c>Sthree-Data</c> (an S3-reserved prefix) <c>Project-Sthree-Data</c>,
    /// <c>awsserviceroleforX</c> (an IAM-reserved prefix) <c>Project-awsserviceroleforX</c>,
    /// and an empty result <c>Project</c>.
    /// </summary>
    public static IReadOnlyList<NameStep> Sanitize => [.. SyntaxSteps(), .. KeywordSteps(upper => upper)];

    /// <summary>
    /// <see cref="Sanitize"/> with a keyword marked by a <c>~</c> instead of its first letter put in upper case: the
    /// result differs from the name, even compared without regard to case (as <c>dotnet new</c> compares), exactly when
    /// sanitising changes it.
    /// </summary>
    public static IReadOnlyList<NameStep> SanitizeVisibly => [.. SyntaxSteps(), .. KeywordSteps(upper => "~" + upper)];

    /// <summary>Every form of <paramref name="name"/>, by form name.</summary>
    public static IReadOnlyDictionary<string, string> Compute(string name) =>
        All.ToDictionary(form => form.Name, form => form.Apply(name), StringComparer.Ordinal);

    private static IEnumerable<NameStep> SyntaxSteps() =>
    [
        NameStep.Replace(@"[^A-Za-z0-9.\-]", "-"),
        // Stryker disable once String : a dot before a hyphen becomes a hyphen or nothing, and either way the name is accepted and keeps the rest
        NameStep.Replace(@"\.(?![A-Za-z0-9])", "-"),
        NameStep.Replace("^[^A-Za-z]+", ""),
        NameStep.Replace("^$", "Project"),
        // AWS-reserved prefixes of the resource form (AwsNames): S3's sthree- and amzn-s3-demo-, and IAM's awsservicerolefor
        // where no lower-case letter is followed by an upper-case one (which the resource form would split with a hyphen).
        NameStep.Replace(@"^(?=(?i:sthree|amzn[-.]*s3[-.]*demo)(?:[-.A-Z]|$)|(?i:awsservicerolefor)(?<![a-z][A-Z].*))", "Project-"),
        NameStep.Replace("^(.{40}).+$", "$1"),
        // Stryker disable once String : a dot before a hyphen becomes a hyphen or nothing, and either way the name is accepted and keeps the rest
        NameStep.Replace(@"\.(?![A-Za-z0-9])", "-"),
        NameStep.Replace(@"-+(?=\.|$)", ""),
    ];

    /// <summary>A dot-separated segment that is a C# keyword (hyphens aside) gets its first letter in upper case.</summary>
    private static IEnumerable<NameStep> KeywordSteps(Func<string, string> replacement) =>
        ReservedWords.Words("csharp-keywords")
            .GroupBy(word => word[0])
            .Select(group => NameStep.Replace(
                $@"(?<=^|\.){group.Key}(?=(?:{string.Join('|', group.Select(word => string.Concat(word[1..].Select(c => "-*" + c))))})-*(?:\.|$))",
                replacement(char.ToUpperInvariant(group.Key).ToString())));
}

/// <summary>One named form of the project name.</summary>
internal sealed record NameForm(string Name, string Description, IReadOnlyList<NameStep> Steps)
{
    public string Apply(string name) => Steps.Aggregate(name, (text, step) => step.Apply(text));
}

/// <summary>One step of a name form, as the <c>dotnet new</c> engine spells it.</summary>
internal sealed record NameStep(string Kind, string Pattern = "", string Replacement = "")
{
    public static NameStep Replace(string pattern, string replacement) => new("replace", pattern, replacement);

    public static NameStep Lower() => new("lowerCaseInvariant");

    public static NameStep FirstUpper() => new("firstUpperCaseInvariant");

    public static NameStep FirstLower() => new("firstLowerCaseInvariant");

    public string Apply(string text) => Kind switch
    {
        "replace" => Regex.Replace(text, Pattern, Replacement, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)),
        "lowerCaseInvariant" => text.ToLowerInvariant(),
        // Stryker disable once Conditional : a name is never empty (it starts with a letter; sanitising makes Project of nothing)
        "firstUpperCaseInvariant" => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..],
        // Stryker disable once Conditional : a name is never empty (it starts with a letter; sanitising makes Project of nothing)
        "firstLowerCaseInvariant" => text.Length == 0 ? text : char.ToLowerInvariant(text[0]) + text[1..],
        _ => throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"Unknown name step '{Kind}'.")),
    };
}
