using System.Text.RegularExpressions;

namespace MlPipeline.Scaffolder.Manifest;

/// <summary>How a string option's value is checked.</summary>
internal sealed record StringRule
{
    /// <summary>A regular expression the whole value must match.</summary>
    public Regex? Pattern { get; init; }

    /// <summary>The pattern in words, for the error message ("start with a letter and …").</summary>
    public string? PatternDescription { get; init; }

    public int MinLength { get; init; }

    public int? MaxLength { get; init; }

    /// <summary>A named list of words the value must not be, such as <c>csharp-keywords</c>.</summary>
    public string? Reserved { get; init; }

    /// <summary>Whether the value's resource form starts AWS resource names (buckets, roles), so AWS's reserved prefixes and suffixes are refused.</summary>
    public bool AwsPrefix { get; init; }

    /// <summary>Whether line breaks are refused.</summary>
    public bool SingleLine { get; init; }
}
