using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace MlPipeline.Scaffolder.Manifest;

/// <summary>A template's <c>major.minor.patch</c> version.</summary>
internal readonly record struct TemplateVersion(int Major, int Minor, int Patch) : IComparable<TemplateVersion>
{
    public static bool TryParse(string? text, [NotNullWhen(true)] out TemplateVersion? version)
    {
        version = null;
        // Stryker disable once String : any text without two dots gives false as well
        var parts = (text ?? "").Split('.');
        if (parts.Length != 3)
        {
            return false;
        }

        var numbers = new int[3];
        for (var i = 0; i < 3; i++)
        {
            // NumberStyles.None: ASCII digits only, no sign, space or separator.
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i]))
            {
                return false;
            }
        }

        version = new TemplateVersion(numbers[0], numbers[1], numbers[2]);
        return true;
    }

    public int CompareTo(TemplateVersion other) =>
        (Major, Minor, Patch).CompareTo((other.Major, other.Minor, other.Patch));

    public static bool operator <(TemplateVersion left, TemplateVersion right) => left.CompareTo(right) < 0;

    public static bool operator >(TemplateVersion left, TemplateVersion right) => left.CompareTo(right) > 0;

    // Stryker disable once Equality : CA1036 asks for every comparison operator; the tool compares versions with <, > and CompareTo only
    public static bool operator <=(TemplateVersion left, TemplateVersion right) => left.CompareTo(right) <= 0;

    // Stryker disable once Equality : CA1036 asks for every comparison operator; the tool compares versions with <, > and CompareTo only
    public static bool operator >=(TemplateVersion left, TemplateVersion right) => left.CompareTo(right) >= 0;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}.{Patch}");
}
