using System.Globalization;

namespace MlPipeline.SageMakerPipelines.Images;

/// <summary>Compares the dotted release numbers Python libraries use (1.24.1, 0.24.1, 3.9.2); suffixes such as rc1 count as lower.</summary>
internal static class ContainerVersions
{
    public static bool Equal(string a, string b) => Compare(a, b) == 0;

    /// <summary>Negative when <paramref name="a"/> is older, zero when the release numbers are the same (1.2 equals 1.2.0).</summary>
    public static int Compare(string a, string b)
    {
        var (left, leftSuffix) = Parse(a);
        var (right, rightSuffix) = Parse(b);
        for (var i = 0; i < Math.Max(left.Count, right.Count); i++)
        {
            var difference = (i < left.Count ? left[i] : 0).CompareTo(i < right.Count ? right[i] : 0);
            if (difference != 0)
            {
                return difference;
            }
        }

        // 1.0rc1 is before 1.0; two suffixed versions compare by their text.
        return (leftSuffix.Length, rightSuffix.Length) switch
        {
            (0, 0) => 0,
            (0, _) => 1,
            (_, 0) => -1,
            _ => string.CompareOrdinal(leftSuffix, rightSuffix),
        };
    }

    /// <summary>Whether <paramref name="version"/> is the release <paramref name="prefix"/> or one of its patches: 3.9.18 is in 3.9.</summary>
    public static bool InSeries(string version, string prefix)
    {
        var (release, _) = Parse(version);
        var (series, _) = Parse(prefix);
        return series.Count <= release.Count && series.Select((part, i) => part == release[i]).All(same => same);
    }

    private static (List<int> Release, string Suffix) Parse(string version)
    {
        var parts = new List<int>();
        var position = 0;
        while (position < version.Length)
        {
            var start = position;
            while (position < version.Length && char.IsAsciiDigit(version[position]))
            {
                position++;
            }

            if (position == start)
            {
                break;
            }

            parts.Add(int.Parse(version.AsSpan(start, position - start), NumberStyles.None, CultureInfo.InvariantCulture));
            if (position < version.Length && version[position] == '.' && position + 1 < version.Length && char.IsAsciiDigit(version[position + 1]))
            {
                position++;
            }
            else
            {
                break;
            }
        }

        return (parts, version[position..]);
    }
}
